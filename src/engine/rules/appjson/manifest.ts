/** Where app.json keeps dyno sizes, stacks and buildpacks, across the base manifest and its environments. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { ParsedAppJson } from '../../parsers/appJson';
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

/** A string `stack` in the base manifest or an `environments.<env>` override. */
export interface StackSite {
  readonly stack: string;
  readonly node: JsonNode;
  readonly environment?: string;
  /** `stack` or `environments.<env>.stack`. */
  readonly label: string;
}

export function stackSites(parsed: ParsedAppJson | undefined): StackSite[] {
  const out: StackSite[] = [];
  if (!parsed) return out;
  for (const scope of appJsonScopes(parsed)) {
    const node = jsonChild(scope.node, 'stack');
    if (node?.type !== 'string' || typeof node.value !== 'string') continue;
    out.push({ stack: node.value, node, environment: scope.environment, label: scope.environment !== undefined ? `environments.${scope.environment}.stack` : 'stack' });
  }
  return out;
}

/** A `buildpacks[i].url` string, in the base manifest or an environment override. */
export interface BuildpackSite {
  readonly url: string;
  /** The string node of the URL. */
  readonly node: JsonNode;
  /** The `buildpacks[i]` item node. */
  readonly item: JsonNode;
  /** The `buildpacks` array node. */
  readonly array: JsonNode;
  readonly index: number;
  readonly environment?: string;
}

export function buildpackSites(parsed: ParsedAppJson | undefined): BuildpackSite[] {
  const out: BuildpackSite[] = [];
  if (!parsed) return out;
  for (const scope of appJsonScopes(parsed)) {
    const array = jsonChild(scope.node, 'buildpacks');
    if (array?.type !== 'array') continue;
    (array.children ?? []).forEach((item, index) => {
      const node = item.type === 'object' ? jsonChild(item, 'url') : undefined;
      if (node?.type !== 'string' || typeof node.value !== 'string') return;
      out.push({ url: node.value, node, item, array, index, environment: scope.environment });
    });
  }
  return out;
}
