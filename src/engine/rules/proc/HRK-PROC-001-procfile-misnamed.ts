import type { Document } from '../../document';
import { defineRule, type AppFiles } from '../../rule';

type Data = { readonly kind: 'misnamed'; readonly name: string } | { readonly kind: 'misplaced'; readonly dir: string; readonly root: string; readonly manifest: string };

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

/**
 * Whether an exactly named `Procfile` sits next to `document`. On a case-insensitive file system
 * `fileExists('Procfile')` also answers for `procfile`, so it is trusted only when no case variant is known.
 */
function hasExactProcfile(document: Document, app: AppFiles, fileExists: (path: string) => boolean | undefined): boolean {
  if (app.procfile?.basename === 'Procfile') return true;
  const variantKnown = document.basename.toLowerCase() === 'procfile' || app.procfile?.basename.toLowerCase() === 'procfile';
  return !variantKnown && fileExists(join(document.dir, 'Procfile')) === true;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-001',
    name: 'procfile-misnamed',
    title: 'Procfile misnamed or misplaced',
    area: 'PROC',
    fileKinds: ['procfile'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'none',
    summary: 'Heroku reads only a file named exactly `Procfile` in the app root.',
    recommendation: 'Rename the file to `Procfile` (no extension, capital P) and keep it in the app root, next to `app.json`.',
    controls: [],
    sources: ['DC-PROCFILE'],
    feature: 'Heroku Flow',
    tags: ['procfile', 'layout'],
  },
  *check({ document, app, fileExists }) {
    const firstLine = { start: 0, end: document.lines.lineEnd(1) };
    if (document.basename !== 'Procfile') {
      if (!hasExactProcfile(document, app, fileExists)) yield { ...firstLine, data: { kind: 'misnamed', name: document.basename } };
      return;
    }
    const dir = document.dir;
    if (dir === '') return;
    // A directory with its own manifest is an app root of its own (for example in a monorepo).
    if (app.appJson || app.herokuYml || fileExists(join(dir, 'app.json')) === true || fileExists(join(dir, 'heroku.yml')) === true) return;
    let ancestor = dir;
    while (ancestor !== '') {
      const slash = ancestor.lastIndexOf('/');
      ancestor = slash < 0 ? '' : ancestor.slice(0, slash);
      const manifest = ['app.json', 'heroku.yml'].find((name) => fileExists(join(ancestor, name)) === true);
      if (!manifest) continue;
      if (fileExists(join(ancestor, 'Procfile')) === false) yield { ...firstLine, data: { kind: 'misplaced', dir, root: ancestor, manifest } };
      return;
    }
  },
  message: (data) =>
    data.kind === 'misnamed'
      ? `Heroku ignores \`${data.name}\`: the process file must be named exactly \`Procfile\`, with a capital P and no extension.`
      : `This Procfile is in \`${data.dir}/\`, but the app root ${data.root === '' ? '(the repository root)' : `\`${data.root}/\``} with \`${data.manifest}\` has no Procfile, and Heroku reads the Procfile only from the app root.`,
});
