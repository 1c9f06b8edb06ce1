/**
 * The editor's keystroke path without VS Code: the open `.tf` document keeps its tree in an HclDocumentParser
 * (TerraformDocuments.update → apply), and each lint builds the scope from disk and open documents with
 * lintScope.fileScope, the closed siblings' models coming from a cache by path and text
 * (TerraformDocuments.diskModel), then runs the engine's lint on the whole module (LiveLinter.lintDocument).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type HclEdit, HclDocumentParser, type HclFile, lint, parseHcl } from '../src/engine';
import { fileScope, type ScopeOptions } from '../src/workspace/lintScope';
import { type Random } from './gen';
import { now } from './stats';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** An open document of a module on disk, linted as the editor lints it. */
export class EditorSession {
  private readonly parser = new HclDocumentParser();
  private readonly diskModels = new Map<string, { text: string; model: HclFile }>();
  private readonly options: ScopeOptions;
  text: string;
  findings = 0;

  constructor(
    private readonly file: string,
    private readonly base: string,
  ) {
    this.text = fs.readFileSync(file, 'utf8');
    this.parser.parse(this.text);
    this.options = {
      overrides: { profile: 'auto', rules: {}, exclude: [] },
      openText: (absolute) => (absolute === this.file ? { text: this.text, hcl: this.parser.file() } : undefined),
      sizeLimit: { bytes: 10 * 1024 * 1024, name: 'editor' },
      diskModel: (absolute, text) => this.diskModel(absolute, text),
      warn: () => {},
    };
  }

  /** TerraformDocuments.diskModel: a closed file's model, parsed once per text. */
  private diskModel(absolute: string, text: string): HclFile {
    const kept = this.diskModels.get(absolute);
    if (kept?.text === text) return kept.model;
    const model = parseHcl(text);
    this.diskModels.set(absolute, { text, model });
    return model;
  }

  /** One keystroke: the incremental re-parse, then the re-lint of the module. */
  edit(edit: HclEdit, newText: string): void {
    this.parser.apply([edit], newText);
    this.text = newText;
    this.relint();
  }

  relint(): void {
    const scope = fileScope(this.file, this.base, this.options);
    if (!scope) throw new Error(`${this.file} is not in a lint scope`);
    const result = lint(scope.request);
    if (result.failures.length > 0) throw new Error(`rule failed: ${JSON.stringify(result.failures[0])}`);
    this.findings = result.findings.length;
  }

  dispose(): void {
    this.parser.dispose();
  }
}

function positionOf(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** Typing a letter at `offset`. */
export function insertion(text: string, offset: number, char: string): { edit: HclEdit; text: string } {
  const start = positionOf(text, offset);
  return {
    edit: { startIndex: offset, oldEndIndex: offset, newEndIndex: offset + 1, startPosition: start, oldEndPosition: start, newEndPosition: { row: start.row, column: start.column + 1 } },
    text: text.slice(0, offset) + char + text.slice(offset),
  };
}

/** Backspace over the character at `offset`. */
export function deletion(text: string, offset: number): { edit: HclEdit; text: string } {
  const start = positionOf(text, offset);
  const end = positionOf(text, offset + 1);
  return {
    edit: { startIndex: offset, oldEndIndex: offset + 1, newEndIndex: offset, startPosition: start, oldEndPosition: end, newEndPosition: start },
    text: text.slice(0, offset) + text.slice(offset + 1),
  };
}

/**
 * `count` one-character edits at random places: odd edits type a letter at a random offset, even ones delete it
 * again (backspace), so the file does not drift away from a realistic module. Returns each edit's time in ms.
 */
export function typeAtRandom(session: EditorSession, count: number, random: Random, onEach?: (i: number) => void): number[] {
  const times: number[] = [];
  let typedAt = -1;
  for (let i = 0; i < count; i++) {
    const next =
      typedAt < 0
        ? insertion(session.text, Math.floor(random() * (session.text.length + 1)), LETTERS[Math.floor(random() * LETTERS.length)])
        : deletion(session.text, typedAt);
    typedAt = typedAt < 0 ? next.edit.startIndex : -1;
    const started = now();
    session.edit(next.edit, next.text);
    times.push(now() - started);
    onEach?.(i);
  }
  return times;
}

/** Writes a module's files into `dir`/infra and returns the path of main.tf. */
export function writeModule(dir: string, files: ReadonlyMap<string, string>): string {
  const infra = path.join(dir, 'infra');
  fs.mkdirSync(infra, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(infra, name), text);
  return path.join(infra, 'main.tf');
}
