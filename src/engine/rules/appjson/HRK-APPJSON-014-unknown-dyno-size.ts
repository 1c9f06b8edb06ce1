import type { Node as JsonNode } from 'jsonc-parser';
import { replaceEdit } from '../../edits';
import { isKnownDynoSize, suggestDynoSize } from '../../facts/dynoSizes';
import type { ParsedAppJson } from '../../parsers/appJson';
import { defineRule } from '../../rule';
import { appJsonScopes, jsonChild, jsonProperties } from '../../sites';

/** A `size` string in `formation.<type>` or an object-form `scripts.<name>`, in the base or an environment. */
export interface DynoSizeSite {
  readonly size: string;
  /** The string node of the size value. */
  readonly node: JsonNode;
  readonly where: 'formation' | 'scripts';
  /** The process type or script name. */
  readonly name: string;
  readonly environment?: string;
  /** Dotted location for messages, e.g. `environments.review.formation.web.size`. */
  readonly label: string;
}

/** Every string `size` in formation and object-form scripts. Non-string sizes are left to the type rules. */
export function dynoSizeSites(parsed: ParsedAppJson | undefined): DynoSizeSite[] {
  const out: DynoSizeSite[] = [];
  if (!parsed) return out;
  for (const scope of appJsonScopes(parsed)) {
    const prefix = scope.environment !== undefined ? `environments.${scope.environment}.` : '';
    for (const where of ['formation', 'scripts'] as const) {
      for (const entry of jsonProperties(jsonChild(scope.node, where))) {
        if (entry.value?.type !== 'object') continue;
        const node = jsonChild(entry.value, 'size');
        if (node?.type !== 'string' || typeof node.value !== 'string') continue;
        out.push({ size: node.value, node, where, name: entry.key, environment: scope.environment, label: `${prefix}${where}.${entry.key}.size` });
      }
    }
  }
  return out;
}

interface Data {
  readonly size: string;
  readonly label: string;
  readonly suggestion?: string;
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-APPJSON-014',
    name: 'unknown-dyno-size',
    title: 'Unknown dyno size',
    area: 'APPJSON',
    fileKinds: ['app.json'],
    severity: { common: 'med', private: 'med', shield: 'med' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary: 'A formation or script `size` is not a Heroku dyno size.',
    recommendation: 'Use a documented dyno size for the runtime, such as `standard-1x`, `private-m`, `shield-m` or `dyno-2c-4gb`.',
    controls: [],
    sources: ['HK-CLI', 'DC-APPJSON', 'TF-FORMATION'],
    feature: 'Runtime',
    tags: ['app.json', 'dynos'],
  },
  *check({ document }) {
    for (const site of dynoSizeSites(document.appJson)) {
      if (isKnownDynoSize(site.size)) continue;
      const suggestion = suggestDynoSize(site.size);
      yield {
        start: site.node.offset,
        end: site.node.offset + site.node.length,
        data: { size: site.size, label: site.label, ...(suggestion !== undefined ? { suggestion } : {}) },
      };
    }
  },
  message: ({ size, label, suggestion }) =>
    size.trim().length === 0
      ? `\`${label}\` is empty, which is not a Heroku dyno size.`
      : `Dyno size \`${size}\` in \`${label}\` is not a Heroku dyno size${suggestion !== undefined ? `; did you mean \`${suggestion}\`?` : '.'}`,
  fix: ({ start, end, data }, { document }) =>
    data.suggestion === undefined
      ? undefined
      : {
          title: `Change the size to \`${data.suggestion}\``,
          safety: 'suggestion',
          edits: [replaceEdit(document, start, end, JSON.stringify(data.suggestion))],
        },
});
