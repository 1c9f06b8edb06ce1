import type { FileKind } from './types';

/**
 * The kind of a file from its name, or undefined when the engine does not lint it.
 * Misnamed Procfiles (`procfile`, `Procfile.txt`) are linted as Procfiles so that HRK-PROC-001 can flag them.
 */
export function fileKindOf(path: string): FileKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'app.json') return 'app.json';
  if (name === 'heroku.yml') return 'heroku.yml';
  if (isProcfileName(name)) return 'procfile';
  if (/^Dockerfile(\.[\w.-]+)?$|\.[Dd]ockerfile$/.test(name)) return 'dockerfile';
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
  return undefined;
}

/** `Procfile`, or a misnamed variant of it; `Procfile.dev` and other real variants are not. */
export function isProcfileName(name: string): boolean {
  return /^procfile(\.(txt|text))?$/i.test(name);
}
