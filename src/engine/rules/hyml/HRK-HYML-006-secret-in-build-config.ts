import { isMap, isScalar } from 'yaml';
import { deleteLinesEdit } from '../../edits';
import { defineRule } from '../../rule';
import { yamlGet, yamlPairs } from '../../sites';
import { article, locate, privateKeyLabel, type SecretHit, secretHit } from '../sec/shared';

interface Data {
  readonly key: string;
  readonly hit: SecretHit;
  /** 1-based lines of the whole `KEY: value` entry, when it can be deleted as whole lines. */
  readonly lines?: readonly [number, number];
}

/** Wording shared with HRK-HYML-007: what kind of secret the value holds. */
export function describeHit(hit: SecretHit): string {
  switch (hit.kind) {
    case 'token':
      return `${article(hit.label)} ${hit.label} (\`${hit.masked}\`)`;
    case 'url':
      return `a \`${hit.scheme}://\` URL with a password (\`${hit.masked}\`)`;
    case 'private-key': {
      const label = privateKeyLabel(hit.type);
      return `${article(label)} ${label}`;
    }
    case 'name':
      return 'a literal secret';
  }
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-006',
    name: 'secret-in-build-config',
    title: 'Secret in `build.config`',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary:
      'A heroku.yml `build.config` entry holds a credential (a known token format, a URL with a password, a private key, or a literal under a secret name); build-time values can persist in image metadata and history.',
    recommendation:
      'Delete the entry, rotate the credential, and give the app the value at runtime as a config var; use a multi-stage build or build secrets if the build itself needs it.',
    controls: ['PCI 8.6.2'],
    sources: ['DOCKER-SECRETS', 'HK-CLI'],
    feature: 'Config Vars',
    tags: ['heroku.yml', 'secrets', 'build'],
  },
  *check({ document }) {
    const lines = document.lines;
    const text = document.text;
    const config: unknown = yamlGet(yamlGet(document.herokuYml?.document.contents, 'build'), 'config');
    if (!isMap(config)) return;
    const sites = document.strings().filter((site) => site.context === 'build.config');
    for (const entry of yamlPairs(config)) {
      const site = sites.find((s) => s.keyStart === entry.keyNode.range?.[0]);
      if (!site || !entry.keyNode.range) continue;
      const hit = secretHit(site.value, entry.key);
      if (!hit) continue;
      // Whole-line deletion only for a block entry alone on its lines: `  KEY: value  # comment`.
      let entryLines: Data['lines'];
      const value: unknown = entry.pair.value;
      const keyStart = entry.keyNode.range[0];
      const firstLine = lines.position(keyStart).line;
      if (isScalar(value) && value.range && /^[ \t]*$/.test(text.slice(lines.lineStart(firstLine), keyStart))) {
        const valueEnd = value.range[1];
        const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
        const lastLine = lines.position(block ? Math.max(keyStart, valueEnd - 1) : valueEnd).line;
        const rest = text.slice(block ? lines.lineEnd(lastLine) : valueEnd, lines.lineEnd(lastLine));
        if (/^[ \t]*(#.*)?$/.test(rest)) entryLines = [firstLine, lastLine];
      }
      yield { ...locate(document, site, hit.from, hit.to), data: { key: entry.key, hit, lines: entryLines } };
    }
  },
  message: ({ key, hit }) => `\`build.config.${key}\` holds ${describeHit(hit)}, and build settings can persist in the image's metadata.`,
  fix: (detection, { document }) => {
    const { lines, key } = detection.data;
    if (!lines) return undefined;
    return {
      title: `Delete \`build.config.${key}\` (set it as a runtime config var instead)`,
      safety: 'suggestion',
      edits: [deleteLinesEdit(document, lines[0], lines[1])],
    };
  },
});
