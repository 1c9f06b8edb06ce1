import { type Document, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { spanEnd } from '../text';
import type { SyntaxProblem } from './appJson';
import { hasStackOverflowError, isStackOverflow, TOO_DEEP_MESSAGE, tooDeepYamlAt } from './depth';

export interface ParsedHerokuYml {
  readonly kind: 'heroku.yml';
  readonly document: Document.Parsed;
  readonly errors: readonly SyntaxProblem[];
}

export function parseHerokuYml(text: string): ParsedHerokuYml {
  const tooDeep = tooDeepYamlAt(text);
  if (tooDeep !== undefined) return refused(text, tooDeep);
  let document: Document.Parsed;
  try {
    document = parseYamlDocument(text);
  } catch (error) {
    // Deep block indentation recurses too; the bracket pre-check cannot see it.
    if (isStackOverflow(error)) return refused(text, 0);
    throw error;
  }
  if (hasStackOverflowError(document.errors)) return refused(text, 0);
  const errors = document.errors.map((error) => {
    const start = error.code === 'MISSING_CHAR' ? unclosedQuoteStart(text, error.pos[0], error.message) ?? error.pos[0] : error.pos[0];
    const message = start === error.pos[0] ? firstSentence(error.message) : 'Unterminated quoted string (the closing quote is missing)';
    return { start, end: spanEnd(text, Math.max(start + 1, start === error.pos[0] ? error.pos[1] : start + 1)), message };
  });
  return { kind: 'heroku.yml', document, errors };
}

/**
 * yaml's parse with unique keys checked. yaml checks each key against every earlier key of its map, which is
 * quadratic in a map of thousands of keys (a long `run` or `config` section), so the keys are first checked here
 * with a set, on a parse without that check: when no map repeats a key, the two parses give the same document
 * and errors. Otherwise, and when a tag could rebuild maps after they are checked (`!!omap`, `!!pairs`, `!!set`
 * replace the maps yaml composed), the checked parse is the answer.
 */
function parseYamlDocument(text: string): Document.Parsed {
  // No line counter: with prettyErrors off, nothing reads one.
  const options = { keepSourceTokens: false, prettyErrors: false } as const;
  if (!text.includes('!')) {
    const unchecked = parseDocument(text, { ...options, uniqueKeys: false });
    if (!hasRepeatedKey(unchecked)) {
      unchecked.options.uniqueKeys = true;
      return unchecked;
    }
  }
  return parseDocument(text, { ...options, uniqueKeys: true });
}

/** Whether a map of the document repeats a key by yaml's test: the same node, or scalars with equal (`===`) values. */
export function hasRepeatedKey(document: Document.Parsed): boolean {
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const nodes = new Set<unknown>();
      const values = new Set<unknown>();
      for (const { key, value } of node.items) {
        if (nodes.has(key)) return true;
        nodes.add(key);
        // Set finds NaN again, where yaml's `===` does not.
        if (isScalar(key) && !(typeof key.value === 'number' && Number.isNaN(key.value))) {
          if (values.has(key.value)) return true;
          values.add(key.value);
        }
        stack.push(key, value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return false;
}

function refused(text: string, at: number): ParsedHerokuYml {
  return { kind: 'heroku.yml', document: parseDocument(''), errors: [{ start: at, end: spanEnd(text, at + 1), message: TOO_DEEP_MESSAGE }] };
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * yaml reports an unterminated quoted scalar at the end of the input; the useful place is the opening quote,
 * the last one of that kind that starts a scalar before the error.
 */
function unclosedQuoteStart(text: string, errorAt: number, message: string): number | undefined {
  const quote = /closing (["'])quote/.exec(message)?.[1];
  if (!quote) return undefined;
  const opening = new RegExp(`(?:^|[\\s:\\-\\[{,])(${quote})`, 'gm');
  let found: number | undefined;
  for (const match of text.slice(0, errorAt).matchAll(opening)) found = match.index + match[0].length - 1;
  return found;
}
