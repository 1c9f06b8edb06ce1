import { isAlias, isMap, isScalar, isSeq, parseDocument, type Pair, type Scalar } from 'yaml';
import { replaceEdit } from '../../edits';
import { defineRule } from '../../rule';
import { yamlPairs } from '../../sites';

type Problem =
  /** `command: ./x.sh`: a string where Heroku documents a list (fixable). */
  | 'string-command'
  /** `release` or `run.<p>` mapping without `command`. */
  | 'no-command'
  /** `command` is neither a string nor a list of strings (a number, mapping, empty list, list with non-strings). */
  | 'bad-command'
  /** `run.<p>` is neither a string nor a mapping. */
  | 'bad-process'
  /** `release` or `run` itself is not a mapping. */
  | 'bad-section';

interface Data {
  /** `release`, `release.command`, `run`, `run.web`, `run.worker.command`. */
  readonly path: string;
  readonly problem: Problem;
  /** For `string-command`: the replacement `[ … ]` text, checked to parse to the same string, and where it goes. */
  readonly wrapped?: { readonly start: number; readonly end: number; readonly text: string };
}

type Range = [number, number];

function rangeOf(node: unknown): Range | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

/** A block collection's range runs to the start of the next line: end it at its last character instead. */
function trimEnd(text: string, range: Range | undefined): Range | undefined {
  if (!range) return undefined;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return [range[0], end];
}

function keyRange(pair: Pair<unknown, unknown>): Range | undefined {
  return rangeOf(pair.key);
}

function isEmptyValue(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** Characters that end or change a plain scalar inside a flow sequence. */
function flowSafePlain(source: string): boolean {
  return !/[,[\]{}]|:\s|:$|\s#/.test(source) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(source);
}

/** `command: X` → `command: [X]`, keeping the scalar's own quoting; undefined when it cannot be done exactly. */
function wrappedText(scalar: Scalar, text: string, path: readonly string[]): Data['wrapped'] {
  if (typeof scalar.value !== 'string' || !scalar.range) return undefined;
  const source = text.slice(scalar.range[0], scalar.range[1]);
  if (/[\r\n]/.test(source)) return undefined;
  let wrapped: string;
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') wrapped = `[${source}]`;
  else if (scalar.type === 'PLAIN') wrapped = flowSafePlain(source) ? `[${source}]` : `[${JSON.stringify(scalar.value)}]`;
  else return undefined;
  // The edited manifest must parse, with the same string as the single list item.
  const next = text.slice(0, scalar.range[0]) + wrapped + text.slice(scalar.range[1]);
  const reparsed = parseDocument(next, { uniqueKeys: true });
  if (reparsed.errors.length > 0) return undefined;
  const list: unknown = reparsed.getIn(path, true);
  if (!isSeq(list) || list.items.length !== 1) return undefined;
  const item: unknown = list.items[0];
  return isScalar(item) && item.value === scalar.value ? { start: scalar.range[0], end: scalar.range[1], text: wrapped } : undefined;
}

function isStringList(node: unknown): boolean {
  return isSeq(node) && node.items.length > 0 && node.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '');
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-HYML-005',
    name: 'command-shape',
    title: 'Command shape',
    area: 'HYML',
    fileKinds: ['heroku.yml'],
    severity: { common: 'low', private: 'low', shield: 'low' },
    status: 'P',
    preview: false,
    fix: 'suggestion',
    summary: '`release.command` is not a list of strings, or a `run.<process>` entry is neither a command string nor `{command: [..], image}`.',
    recommendation: 'Write `release.command` and `run.<process>.command` as lists (`command: [./release.sh]`), or `run.<process>` as one command string.',
    controls: [],
    sources: ['DC-CL1390', 'HK-CLI'],
    feature: 'Heroku Flow',
    tags: ['heroku.yml', 'commands'],
  },
  *check({ document }) {
    const parsed = document.herokuYml;
    // A half-parsed document can misplace commands; HRK-HYML-001 reports the syntax error instead.
    if (!parsed || parsed.errors.length > 0) return;
    const root: unknown = parsed.document.contents;
    if (!isMap(root)) return;
    const text = document.text;

    /** Checks the `command` of a `release` or `run.<p>` mapping. */
    function* commandOf(owner: unknown, ownerKey: Pair<unknown, unknown>, path: string[]) {
      const entry = yamlPairs(owner).filter((e) => e.key === 'command').pop();
      const dotted = path.join('.');
      if (!entry || isEmptyValue(entry.pair.value)) {
        const at = entry ? keyRange(entry.pair) : keyRange(ownerKey);
        if (at) yield { start: at[0], end: at[1], data: { path: dotted, problem: 'no-command' as const } };
        return;
      }
      const value: unknown = entry.pair.value;
      if (isAlias(value) || isStringList(value)) return;
      const at = trimEnd(text, rangeOf(value)) ?? keyRange(entry.pair);
      if (!at) return;
      if (isScalar(value) && typeof value.value === 'string') {
        yield { start: at[0], end: at[1], data: { path: `${dotted}.command`, problem: 'string-command' as const, wrapped: wrappedText(value, text, [...path, 'command']) } };
        return;
      }
      // In a list, point at the first item that is not a command string.
      const bad = isSeq(value) ? value.items.find((item) => !(isScalar(item) && typeof item.value === 'string' && item.value.trim() !== '')) : undefined;
      const where = (bad !== undefined && trimEnd(text, rangeOf(bad))) || at;
      yield { start: where[0], end: where[1], data: { path: `${dotted}.command`, problem: 'bad-command' as const } };
    }

    for (const section of yamlPairs(root)) {
      const value: unknown = section.pair.value;
      if (isAlias(value)) continue;
      if (section.key === 'release') {
        if (isMap(value)) yield* commandOf(value, section.pair, ['release']);
        else {
          const at = isEmptyValue(value) ? keyRange(section.pair) : trimEnd(text, rangeOf(value));
          if (at) yield { start: at[0], end: at[1], data: { path: 'release', problem: 'bad-section' as const } };
        }
      } else if (section.key === 'run') {
        if (!isMap(value)) {
          const at = isEmptyValue(value) ? keyRange(section.pair) : trimEnd(text, rangeOf(value));
          if (at) yield { start: at[0], end: at[1], data: { path: 'run', problem: 'bad-section' as const } };
          continue;
        }
        for (const process of yamlPairs(value)) {
          const target: unknown = process.pair.value;
          if (isAlias(target)) continue;
          if (isMap(target)) {
            yield* commandOf(target, process.pair, ['run', process.key]);
            continue;
          }
          if (isScalar(target) && typeof target.value === 'string' && target.value.trim() !== '') continue;
          const at = isEmptyValue(target) ? keyRange(process.pair) : trimEnd(text, rangeOf(target));
          if (at) yield { start: at[0], end: at[1], data: { path: `run.${process.key}`, problem: 'bad-process' as const } };
        }
      }
    }
  },
  message: ({ path, problem }) => {
    switch (problem) {
      case 'string-command':
        return `\`${path}\` is a string; Heroku documents \`command\` as a list of commands.`;
      case 'no-command':
        return `\`${path}\` has no \`command\`.`;
      case 'bad-command':
        return `\`${path}\` must be a list of command strings.`;
      case 'bad-process':
        return `\`${path}\` must be a command string or a mapping with \`command\` (a list) and \`image\`.`;
      case 'bad-section':
        return path === 'run'
          ? '`run` must map each process type to its command.'
          : '`release` must be a mapping with `command` (a list) and `image`.';
    }
  },
  fix: (detection, { document }) => {
    const { problem, wrapped, path } = detection.data;
    if (problem !== 'string-command' || !wrapped) return undefined;
    return {
      title: `Wrap \`${path}\` in a list`,
      safety: 'suggestion',
      edits: [replaceEdit(document, wrapped.start, wrapped.end, wrapped.text)],
    };
  },
});
