import { isMap, isScalar } from 'yaml';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { yamlPairs } from '../../sites';
import { nearest } from '../../text';

/** The four top-level sections of heroku.yml (DC-HYML). */
const SECTIONS = ['setup', 'build', 'release', 'run'] as const;

type Data =
  | { readonly kind: 'syntax'; readonly message: string }
  | { readonly kind: 'root'; readonly found: string }
  | { readonly kind: 'unknown-key'; readonly key: string; readonly suggestion?: string; readonly fixable: boolean };

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-001',
    name: 'invalid-manifest',
    title: 'Invalid manifest or unknown section',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'heroku.yml does not parse as YAML, its root is not a mapping, or a top-level key is not `setup`, `build`, `release` or `run`.',
    recommendation: 'Fix the YAML syntax, and keep only the four documented top-level sections (`setup`, `build`, `release`, `run`).',
    controls: [],
    sources: ['DC-HYML', 'HK-CLI'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'syntax'],
  },
  *check({ document }) {
    const parsed = document.herokuYml;
    if (!parsed) return;
    const first = parsed.errors[0];
    if (first) {
      // After a syntax error, yaml's recovery can lift nested keys to the root; judging sections then only adds noise.
      yield { start: first.start, end: first.end, data: { kind: 'syntax', message: first.message } };
      return;
    }
    const root: unknown = parsed.document.contents;
    if (root === null || root === undefined) return;
    if (!isMap(root)) {
      const range = (root as { range?: [number, number, number] }).range;
      const start = range?.[0] ?? 0;
      const line = document.lines.position(start).line;
      const end = Math.max(start, Math.min(range?.[1] ?? start, document.lines.lineEnd(line)));
      yield { start, end, data: { kind: 'root', found: isScalar(root) ? 'a single value' : 'a list' } };
      return;
    }
    const keys = new Set(yamlPairs(root).map((entry) => entry.key));
    for (const entry of yamlPairs(root)) {
      if ((SECTIONS as readonly string[]).includes(entry.key) || !entry.keyNode.range) continue;
      const [start, end] = entry.keyNode.range;
      const suggestion = nearest(entry.key, SECTIONS);
      // Rename only a plain key, and never onto a section that is already there (that would duplicate it).
      const fixable = suggestion !== undefined && !keys.has(suggestion) && document.text.slice(start, end) === entry.key;
      yield { start, end, data: { kind: 'unknown-key', key: entry.key, suggestion, fixable } };
    }
  },
  message: (data) => {
    switch (data.kind) {
      case 'syntax':
        return `heroku.yml is not valid YAML: ${data.message.replace(/\.?$/, '.')}`;
      case 'root':
        return `The heroku.yml root is ${data.found}; it must be a mapping of the sections \`setup\`, \`build\`, \`release\` and \`run\`.`;
      case 'unknown-key':
        return data.suggestion
          ? `\`${data.key}\` is not a heroku.yml section; did you mean \`${data.suggestion}\`?`
          : `\`${data.key}\` is not one of the heroku.yml sections \`setup\`, \`build\`, \`release\` and \`run\`.`;
    }
  },
  fix: (detection, { document }) => {
    const data = detection.data;
    if (data.kind !== 'unknown-key' || !data.fixable || !data.suggestion) return undefined;
    return {
      title: `Rename \`${data.key}\` to \`${data.suggestion}\``,
      safety: 'suggestion',
      edits: [replaceEdit(document, detection.start, detection.end, data.suggestion)],
    };
  },
});
