/** Shared helpers of the Terraform model tests: modules from inline files or fixture folders, plain values. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document } from '../../../../src/engine/document';
import { fileKindOf } from '../../../../src/engine/fileKinds';
import { analyzeModule, type AnalyzeOptions, type TfModule, type Value } from '../../../../src/engine/terraform/index';
import type { TerraformContext } from '../../../../src/engine/rule';
import type { SourceFile } from '../../../../src/engine/types';
import { FIXTURES_DIR } from '../../../helpers/paths';

export function sourceFiles(files: Readonly<Record<string, string>>): SourceFile[] {
  return Object.entries(files).map(([p, text]) => ({ path: p, text, kind: fileKindOf(p) ?? 'terraform' }));
}

export function moduleFrom(files: Readonly<Record<string, string>>, options: AnalyzeOptions = {}): TerraformContext {
  return analyzeModule(
    sourceFiles(files).map((f) => Document.parse(f)),
    options,
  );
}

/** The files of a folder under test/fixtures/tf-model, relative to it. */
export function fixtureFiles(name: string): Record<string, string> {
  const dir = path.join(FIXTURES_DIR, 'tf-model', name);
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir)) {
    if (fileKindOf(entry)) out[entry] = fs.readFileSync(path.join(dir, entry), 'utf8');
  }
  return out;
}

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** A value as plain data: unknown is `'<unknown>'`, a ref `'<ref heroku_app.api.id>'`. */
export function plain(value: Value | undefined): Plain {
  if (!value) return '<absent>';
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'list':
      return value.items.map(plain);
    case 'map':
      return Object.fromEntries([...value.entries].map(([k, v]) => [k, plain(v)]));
    case 'ref':
      return `<ref ${value.from.address}.${value.from.attribute}>`;
    default:
      return '<unknown>';
  }
}

/** The value of `output "<name>" { value = … }`. */
export function output(module: TfModule, name: string): Plain {
  return plain(module.outputs.find((o) => o.name === name)?.body.attribute('value')?.value);
}

/** Evaluates expressions as outputs of a module made of `extra` plus one file with `output "x" { value = <expr> }`. */
export function evaluateAll(expressions: Readonly<Record<string, string>>, extra: Readonly<Record<string, string>> = {}): Record<string, Plain> {
  const text = Object.entries(expressions)
    .map(([name, expression]) => `output "${name}" {\n  value = ${expression}\n}\n`)
    .join('\n');
  const { module } = moduleFrom({ ...extra, 'outputs.tf': text });
  return Object.fromEntries(Object.keys(expressions).map((name) => [name, output(module, name)]));
}
