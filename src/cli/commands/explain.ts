/** `heroku-compliance explain <ID>`: the rule's documentation page, or its generated header when the page is missing. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById, ruleDocUrl } from '../../engine';
import { DOC_GENERATED_END, renderDocHeader } from '../../engine/docs';
import type { Io } from '../io';

/** Where the docs are, relative to the bundle (dist/cli.js → docs/rules), with one more level for private builds. */
function docCandidates(id: string): string[] {
  return [path.join(__dirname, '..', 'docs', 'rules', `${id}.md`), path.join(__dirname, '..', '..', 'docs', 'rules', `${id}.md`)];
}

export function runExplain(id: string, io: Io): number {
  const rule = ruleById(id);
  if (!rule) throw new Error(`no rule ${id}`); // parseArgs only passes registered ids
  let doc: string | undefined;
  for (const file of docCandidates(id)) {
    try {
      doc = fs.readFileSync(file, 'utf8');
      break;
    } catch {
      // Try the next place.
    }
  }
  doc ??= `${renderDocHeader(rule.meta)}\n\nOnline documentation: ${ruleDocUrl(id)}\n`;
  const text = doc
    .split(/\r?\n/)
    .filter((line) => line.trim() !== DOC_GENERATED_END)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  io.out(`${text}\n`);
  return 0;
}
