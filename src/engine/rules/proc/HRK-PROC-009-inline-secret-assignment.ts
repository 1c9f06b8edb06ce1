import { findKnownTokens, findUrlCredentials, isPlaceholder, isSecretName } from '../../detectors/secrets';
import { defineRule } from '../../rule';
import { type Assignment, type CommandLine } from '../../shell';
import type { CommandSite } from '../../sites';
import { maskSecret } from '../../text';
import { describeSite, isDynamic, linesOf, removeAssignmentEdit, type SmallEdit, wordRange } from '../cmd/common';

interface Data {
  readonly name: string;
  readonly masked: string;
  /** What makes the value a secret: its name, a known token format, or a URL password. */
  readonly kind: 'name' | 'token' | 'url';
  readonly label?: string;
  readonly where: string;
  readonly edit?: SmallEdit;
}

/**
 * Shell variables whose names look secret but are not (`PWD` is the working directory), and `PGPASSWORD`,
 * which the catalog's SECRET_NAME does not match and HRK-CMD-011 reports.
 */
const NOT_SECRETS = new Set(['PWD', 'OLDPWD', 'PGPASSWORD']);
/** Values people use to satisfy a required secret at build time, e.g. `SECRET_KEY_BASE=dummy rake assets:precompile`. */
const DUMMY = /dummy|fake|placeholder|precompil|collectstatic|not[-_]?(?:a[-_]?)?(?:real[-_]?)?secret|nosecret|unused|ignored|build/i;

function literalSecret(value: string): boolean {
  if (value.length < 6 || isPlaceholder(value) || DUMMY.test(value)) return false;
  if (/^(?:\d+|true|false|yes|no|on|off)$/i.test(value)) return false;
  return !/^[./~]/.test(value);
}

export default defineRule<Data>({
  meta: {
    id: 'HRK-PROC-009',
    name: 'inline-secret-assignment',
    title: 'Inline secret assignment',
    area: 'PROC',
    fileKinds: ['procfile', 'heroku.yml', 'app.json', 'dockerfile'],
    severity: { common: 'high', private: 'high', shield: 'crit' },
    status: 'C',
    preview: false,
    fix: 'suggestion',
    summary: 'A command sets a secret inline (`K=V cmd`, `env K=V cmd`, `export K=V && cmd`), so the secret is committed with the code.',
    recommendation: 'Remove the assignment and set the value as a config var with `heroku config:set K=…`; rotate the exposed secret.',
    controls: ['PCI 8.6.2', 'SOC2 CC6.1'],
    sources: ['DC-CONFIGVARS'],
    feature: 'Config Vars',
    tags: ['procfile', 'secrets'],
  },
  *check({ document }) {
    for (const site of document.commands()) {
      const lines = linesOf(site);
      for (let index = 0; index < lines.length; index++) {
        for (const assignment of lines[index].assignments) {
          const found = inspect(site, lines, index, assignment);
          if (found) yield found;
        }
      }
    }
  },
  message: ({ name, masked, kind, label, where }) => {
    const what = kind === 'token' ? `a ${label ?? 'credential'} (\`${masked}\`)` : kind === 'url' ? `a URL with an embedded password (\`${masked}\`)` : `a literal secret (\`${masked}\`)`;
    return `\`${name}\` is assigned ${what} inline in ${where}, so the secret is committed with the code; set it as a config var instead.`;
  },
  fix: (detection, { document }) =>
    detection.data.edit
      ? {
          title: `Remove the inline \`${detection.data.name}=…\` assignment (set it with \`heroku config:set ${detection.data.name}=…\` first)`,
          safety: 'suggestion',
          edits: [{ path: document.path, ...detection.data.edit }],
        }
      : undefined,
});

function inspect(site: CommandSite, lines: readonly CommandLine[], index: number, assignment: Assignment): { start: number; end: number; data: Data } | undefined {
  const { word, name, valueFrom, value } = assignment;
  if (value === '' || NOT_SECRETS.has(name)) return undefined;
  let kind: Data['kind'] | undefined;
  let secret = value;
  let label: string | undefined;
  const token = findKnownTokens(value)[0];
  const url = findUrlCredentials(value)[0];
  if (token) {
    kind = 'token';
    secret = token.text;
    label = token.label;
  } else if (url) {
    kind = 'url';
    secret = url.text;
  } else if (isSecretName(name) && !isDynamic(word, valueFrom, word.text.length) && literalSecret(value)) {
    kind = 'name';
  }
  if (!kind) return undefined;
  return {
    ...wordRange(site, word, valueFrom, word.text.length),
    data: { name, masked: maskSecret(secret), kind, ...(label ? { label } : {}), where: describeSite(site), ...edit(site, lines, index, assignment) },
  };
}

function edit(site: CommandSite, lines: readonly CommandLine[], index: number, assignment: Assignment): { edit?: SmallEdit } {
  const removal = removeAssignmentEdit(site, lines, lines[index], assignment);
  return removal ? { edit: removal } : {};
}
