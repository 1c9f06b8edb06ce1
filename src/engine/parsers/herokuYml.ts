import { type Document, LineCounter, parseDocument } from 'yaml';
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
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false });
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
