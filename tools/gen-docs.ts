/** Regenerates the headers of docs/rules/<ID>.md and the README's rule tables (file rules, live checks) from the registries. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRuleMeta } from '../src/engine';
import { updateDoc, updateReadmeTable } from '../src/engine/docs';
import { liveDocRows, updateLiveReadmeTable } from '../src/heroku/liveDocs';
import { allLiveRuleMeta } from '../src/heroku/liveRegistry';

// From out*/tools/ to the repository: docs/ and README.md of the repo, not of the build directory.
const root = path.resolve(__dirname, '..', '..');
const docsDir = path.join(root, 'docs', 'rules');
fs.mkdirSync(docsDir, { recursive: true });
const rules = allRuleMeta();
const liveRules = allLiveRuleMeta();
for (const meta of [...rules, ...liveRules]) {
  const file = path.join(docsDir, `${meta.id}.md`);
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  const next = updateDoc(existing, meta, liveDocRows(meta));
  if (next !== existing) {
    fs.writeFileSync(file, next);
    console.log(`${existing === undefined ? 'created' : 'updated'} docs/rules/${meta.id}.md`);
  }
}
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const nextReadme = updateLiveReadmeTable(updateReadmeTable(readme, rules), liveRules);
if (nextReadme !== readme) {
  fs.writeFileSync(readmePath, nextReadme);
  console.log('updated the README rule tables');
}
