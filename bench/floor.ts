/**
 * The read-only floor of a workspace scan: walks the same tree and reads every file the CLI would lint, and
 * nothing else (no parse, no lint, no report). Run as its own Node process, like the CLI, so both include
 * Node's start-up. Prints the number of files and bytes read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const LINTED = /^(app\.json|Procfile|heroku\.yml|.*\.tf|.*\.tfvars|.*\.tfvars\.json|Dockerfile)$/;

function walk(dir: string, onFile: (file: string) => void): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '.git' && entry.name !== 'node_modules') walk(full, onFile);
    } else if (entry.isFile() && LINTED.test(entry.name)) onFile(full);
  }
}

let files = 0;
let bytes = 0;
for (const root of process.argv.slice(2)) {
  walk(root, (file) => {
    bytes += fs.readFileSync(file, 'utf8').length;
    files++;
  });
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
