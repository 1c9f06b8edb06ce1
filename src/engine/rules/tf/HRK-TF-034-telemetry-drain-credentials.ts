import type { Document } from '../../document';
import { findKnownTokens, findUrlCredentials, isHighEntropySecret, isPlaceholder, isSecretName } from '../../detectors/secrets';
import { defineRule, type RuleContext } from '../../rule';
import { replaceSpanEdit } from '../../terraform/edits';
import {
  detectionFor,
  type HclExpression,
  resourcesIn,
  type Span,
  stringValue,
  type TfGraph,
  type TfResource,
} from '../../terraform';
import type { Detection, Fix } from '../../types';
import { schemeSpanOf, urlSchemeOf } from '../../terraform/literals';

interface Data {
  /** `heroku_telemetry_drain.otel` */
  readonly address: string;
  /** `literal-header`: a credential header written as a literal; `http`: an `otlphttp` exporter on `http://`. */
  readonly problem: 'literal-header' | 'http';
  /** For `literal-header`: the header name. */
  readonly header?: string;
  /** For `literal-header`: the variable the fix introduces, and the literal it replaces. */
  readonly variable?: string;
  readonly valueSpan?: Span;
  /** For `http`: where `http` is written in the source, for the fix. */
  readonly schemeSpan?: Span;
}

/**
 * Header names that carry credentials in OTLP exporters: `Authorization`, SECRET_NAME keys (`x-api-key`,
 * `DD-API-KEY`, `lightstep-access-token`), and vendor headers such as `x-honeycomb-team` or `uptrace-dsn`.
 */
function isCredentialHeader(name: string): boolean {
  if (isSecretName(name)) return true;
  return /^(proxy-)?authorization$|(^|[-_])(auth|api[-_]?key|apikey|key|dsn|license|license[-_]key|insert[-_]key|ingestion[-_]key|token)$|^x-honeycomb-team$/i.test(name.trim());
}

/** A literal value that is a credential by its shape, whatever the header's name. */
function looksLikeCredential(value: string): boolean {
  const text = value.trim();
  if (/^(bearer|basic|token|apikey|api-key|api-token|splunk|dsn)\s+\S{8,}$/i.test(text)) return true;
  return findKnownTokens(text).length > 0 || findUrlCredentials(text).length > 0 || isHighEntropySecret(text);
}

/** `heroku_telemetry_drain.otel` + `x-api-key` → `otel_x_api_key`, made unique among the module's variables. */
function variableName(graph: TfGraph | undefined, drain: TfResource, header: string): string {
  const base = `${drain.name}_${header}`
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  const name = /^[a-z_]/.test(base) ? base : `v_${base}`;
  let candidate = name;
  for (let n = 2; graph?.module.variable(candidate) !== undefined; n++) candidate = `${name}_${n}`;
  return candidate;
}

/** The object key as written: `Authorization = …` or `"x-api-key" = …`. */
function keyText(key: HclExpression): string | undefined {
  if (key.kind === 'string') return key.value;
  if (key.kind === 'traversal' && key.traversers.length === 0) return key.root;
  return undefined;
}

function* check(context: RuleContext): Generator<Detection<Data>> {
  const graph = context.terraform?.graph;
  for (const drain of resourcesIn(context, 'heroku_telemetry_drain')) {
    const reported = new Set<string>();
    for (const instance of drain.instances) {
      const headers = instance.attribute('headers');
      const object = headers?.syntax.value;
      if (headers && object?.kind === 'object') {
        for (const item of object.items) {
          // Only a value written as a literal here; `var.*`, data sources and templates with references are fine.
          if (item.value.kind !== 'string') continue;
          const name = keyText(item.key) ?? stringValue(headers.evaluate(item.key));
          const value = item.value.value;
          if (name === undefined || value.trim() === '' || isPlaceholder(value)) continue;
          if (!isCredentialHeader(name) && !looksLikeCredential(value)) continue;
          const key = `h:${item.value.start}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const data: Data = { address: drain.address, problem: 'literal-header', header: name, variable: variableName(graph, drain, name), valueSpan: { start: item.value.start, end: item.value.end } };
          yield detectionFor(context, drain, item, data);
        }
      }
      const exporter = stringValue(instance.attribute('exporter_type')?.value)?.trim().toLowerCase();
      const endpoint = instance.attribute('endpoint');
      if (exporter === 'otlphttp' && endpoint && urlSchemeOf(endpoint, ['http']) !== undefined && !reported.has('http')) {
        reported.add('http');
        const schemeSpan = schemeSpanOf(context.document, endpoint, 'http');
        // The catalog's second row (plaintext transport) is one level below the literal-credential row.
        yield { ...detectionFor(context, drain, endpoint.syntax.value, { address: drain.address, problem: 'http', ...(schemeSpan ? { schemeSpan } : {}) }), shift: -1 };
      }
    }
  }
}

function variableBlock(document: Document, name: string): { at: number; text: string } {
  const eol = document.eol;
  const text = document.text;
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return {
    at: text.length,
    text: `${lead}variable "${name}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`,
  };
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-TF-034',
    name: 'telemetry-drain-credentials',
    title: 'Telemetry drain credentials or transport',
    area: 'TF',
    fileKinds: ['terraform'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A `heroku_telemetry_drain` has a credential header written as a literal (the provider does not mark `headers` sensitive), or sends OTLP over plaintext `http://`.',
    recommendation: 'Pass credential headers from sensitive variables (`var.<name>`), and use an `https://` endpoint for the `otlphttp` exporter.',
    controls: ['PCI 8.6.2'],
    sources: ['TF-TELEMETRY'],
    feature: 'Logging (Fir)',
    tags: ['terraform', 'logging', 'secrets', 'tls'],
  },
  check,
  message: ({ address, problem, header }) =>
    problem === 'literal-header'
      ? `\`${address}\` writes the \`${header ?? ''}\` header as a literal, so the credential sits in the repository and, unmasked, in plans and state.`
      : `\`${address}\` sends telemetry over plaintext \`http://\` with the \`otlphttp\` exporter; use an \`https://\` endpoint.`,
  fix: ({ data }, { document }): Fix | undefined => {
    if (data.problem === 'http') {
      return data.schemeSpan ? { title: 'Use `https://`', safety: 'suggestion', edits: [replaceSpanEdit(document, data.schemeSpan, 'https')] } : undefined;
    }
    if (data.variable === undefined || data.valueSpan === undefined) return undefined;
    const block = variableBlock(document, data.variable);
    return {
      title: `Move the \`${data.header ?? ''}\` header value to sensitive variable \`var.${data.variable}\``,
      safety: 'suggestion',
      edits: [replaceSpanEdit(document, data.valueSpan, `var.${data.variable}`), { path: document.path, start: block.at, end: block.at, newText: block.text }],
    };
  },
});

