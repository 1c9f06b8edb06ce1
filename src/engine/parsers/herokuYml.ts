import { type Document, LineCounter, parseDocument } from 'yaml';
import type { SyntaxProblem } from './appJson';

export interface ParsedHerokuYml {
  readonly kind: 'heroku.yml';
  readonly document: Document.Parsed;
  readonly errors: readonly SyntaxProblem[];
}

export function parseHerokuYml(text: string): ParsedHerokuYml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: true, prettyErrors: false });
  const errors = document.errors.map((error) => ({
    start: error.pos[0],
    end: Math.max(error.pos[0] + 1, error.pos[1]),
    message: firstSentence(error.message),
  }));
  return { kind: 'heroku.yml', document, errors };
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0].trim();
  return line.replace(/ at line \d+, column \d+:?$/, '');
}
