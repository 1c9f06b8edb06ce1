/** Regenerates the headers of docs/rules/<ID>.md and the README's rule table from the registry. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleMeta } from '../src/engine';
import { updateDoc, updateReadmeTable } from '../src/engine/docs';

const root = path.resolve(__dirname, '..', '..');
const docsDir = path.join(root, 'docs', 'rules');
fs.mkdirSync(docsDir, { recursive: true });
const rules = allRuleMeta();
for (const meta of rules) {
  const file = path.join(docsDir, `${meta.id}.md`);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const next = updateDoc(existing, meta);
  if (next !== existing) {
    fs.writeFileSync(file, next);
    console.log(`${existing === undefined ? 'created' : 'updated'} docs/rules/${meta.id}.md`);
  }
}
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const nextReadme = updateReadmeTable(readme, rules);
if (nextReadme !== readme) {
  fs.writeFileSync(readmePath, nextReadme);
  console.log('updated the README rule table');
}
