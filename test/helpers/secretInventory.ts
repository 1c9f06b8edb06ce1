/**
 * The secret inventory of issue 7 item 4: one place that makes the secrets (fresh random values in every documented
 * credential format of src/engine/detectors/secrets.ts, URL passwords, a private key, generic high-entropy values, the
 * API token, config var values and VPN keys served by the fake Platform API), writes them into workspace files and a
 * fake API scenario, and sweeps outputs for them.
 *
 * A leak is the full value, or any 12 characters in a row of its random part (so that a secret cut in half, or
 * re-wrapped, is caught too); masked forms such as `sk_l…89` show at most 4 + 2 characters and pass. New outputs join
 * the sweep by adding them to the record given to `sweep`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Scenario } from '../fake-heroku/scenario';
import { scenarioSecrets } from './liveSecrets';

export interface Secret {
  /** Where it comes from, for messages: `stripe-secret-key`, `config var DATABASE_URL`, `API token`. */
  readonly label: string;
  /** The full secret. */
  readonly value: string;
  /** Its random part (the value without a fixed prefix or framing); windows of it are leaks too. */
  readonly core: string;
}

/** The length of the windows of a secret's random part that count as a leak. */
export const WINDOW = 12;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdef';
const URLSAFE = `${ALNUM}_-`;
const BASE64 = `${ALNUM}+/`;
const DIGITS = '0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` random characters of `alphabet`, with at least one digit and one letter when the alphabet has both. */
function random(alphabet: string, length: number): string {
  for (;;) {
    const bytes = randomBytes(length);
    const text = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    const varied = !/(.)\1{3,}/.test(text);
    const mixed = !/[0-9]/.test(alphabet) || !/[A-Za-z]/.test(alphabet) || (/[0-9]/.test(text) && /[A-Za-z]/.test(text));
    if (varied && mixed) return text;
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function secret(label: string, prefix: string, core: string, suffix = ''): Secret {
  return { label, value: `${prefix}${core}${suffix}`, core };
}

/** The credential formats that file rules detect, one fresh secret each (a new set on every call). */
export function credentialSecrets(): Secret[] {
  const jwtSignature = random(URLSAFE, 43);
  const jwtBody = base64url(JSON.stringify({ sub: random(ALNUM, 16), role: 'service_role', iat: 1_700_000_000 }));
  const pemBody = Array.from({ length: 6 }, () => random(BASE64, 64)).join('\n');
  return [
    secret('aws-access-token', 'AKIA', random(UPPER_B32, 16)),
    secret('heroku-api-key-v2', 'HRKU-AA', random(URLSAFE, 58)),
    secret('github-pat', 'ghp_', random(ALNUM, 36)),
    secret('github-fine-grained-pat', 'github_pat_', `${random(ALNUM, 22)}_${random(ALNUM, 59)}`),
    secret('github-oauth', 'gho_', random(ALNUM, 36)),
    secret('github-app-token', 'ghs_', random(ALNUM, 36)),
    secret('github-refresh-token', 'ghr_', random(ALNUM, 36)),
    secret('gitlab-pat', 'glpat-', random(URLSAFE, 20)),
    secret('gitlab-deploy-token', 'gldt-', random(URLSAFE, 20)),
    secret('gitlab-runner-token', 'glrt-', random(URLSAFE, 20)),
    secret('gitlab-pipeline-trigger-token', 'glptt-', random(HEX, 40)),
    secret('stripe-secret-key', 'sk_live_', random(ALNUM, 24)),
    secret('stripe-restricted-key', 'rk_live_', random(ALNUM, 24)),
    secret('webhook-signing-secret', 'whsec_', random(ALNUM, 32)),
    secret('slack-bot-token', `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 12)}-`, random(ALNUM, 24)),
    secret('slack-user-token', `xoxp-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${random(DIGITS, 12)}-`, random(ALNUM, 32)),
    secret('slack-token', `xoxa-${random(DIGITS, 10)}-`, random(ALNUM, 30)),
    secret('slack-webhook-url', `https://hooks.slack.com/services/T${random(UPPER_DIGITS, 9)}/B${random(UPPER_DIGITS, 9)}/`, random(ALNUM, 24)),
    secret('twilio-api-key', 'SK', random(HEX, 32)),
    secret('sendgrid-api-key', 'SG.', `${random(URLSAFE, 22)}.${random(URLSAFE, 43)}`),
    secret('mailgun-api-key', 'key-', random(HEX, 32)),
    secret('google-api-key', 'AIza', random(URLSAFE, 35)),
    secret('npm-access-token', 'npm_', random(ALNUM, 36)),
    secret('shopify-token', 'shpat_', random(HEX, 32)),
    secret('openai-api-key', 'sk-proj-', `${random(URLSAFE, 24)}T3BlbkFJ${random(URLSAFE, 24)}`),
    secret('anthropic-api-key', 'sk-ant-api03-', random(URLSAFE, 95)),
    secret('digitalocean-token', 'dop_v1_', random(HEX, 64)),
    secret('pypi-token', 'pypi-AgEIcHlwaS5vcmc', random(URLSAFE, 60)),
    secret('newrelic-user-api-key', 'NRAK-', random(UPPER_DIGITS, 27)),
    secret('azure-storage-account-key', '', random(BASE64, 86), '=='),
    secret('azure-shared-access-key', '', random(BASE64, 43), '='),
    secret('jwt', `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.`, `${jwtBody}.${jwtSignature}`),
    secret('private-key', '-----BEGIN RSA PRIVATE KEY-----\n', pemBody, '\n-----END RSA PRIVATE KEY-----'),
    // Formats known only with their key name, a password in a URL, and a generic random secret under a secret name.
    secret('heroku-api-key (legacy UUID)', '', randomUUID()),
    secret('aws-secret-access-key', '', random(`${ALNUM}/+`, 40)),
    secret('url-password', '', random(ALNUM, 20)),
    secret('generic-secret', '', random(`${ALNUM}!#%^*`, 32)),
  ];
}

/** The config var (or environment) name each secret is stored under in files and on the fake API. */
export function secretName(secret: Secret): string {
  const names: Record<string, string> = {
    'heroku-api-key (legacy UUID)': 'HEROKU_API_KEY',
    'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
    'url-password': 'DATABASE_URL',
    'generic-secret': 'SESSION_SECRET',
    'azure-storage-account-key': 'AZURE_STORAGE_CONNECTION_STRING',
    'azure-shared-access-key': 'SERVICEBUS_CONNECTION_STRING',
  };
  return names[secret.label] ?? `${secret.label.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_TOKEN`;
}

/** The value a file or config var holds for a secret: some formats only exist inside a connection string or URL. */
export function storedValue(secret: Secret): string {
  switch (secret.label) {
    case 'url-password':
      return `postgres://app_user:${secret.value}@db.internal.example.net:5432/app`;
    case 'azure-storage-account-key':
      return `DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${secret.value};EndpointSuffix=core.windows.net`;
    case 'azure-shared-access-key':
      return `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${secret.value}`;
    default:
      return secret.value;
  }
}

/** A string literal for JSON, HCL and YAML double-quoted scalars (all three read `\n` and `\"`). */
function quoted(text: string): string {
  return JSON.stringify(text);
}

/**
 * A workspace full of secrets: every secret in app.json (env), heroku.yml (build config and commands), the Procfile
 * (inline assignments and command arguments), Terraform (provider key, config vars) and a tfvars file. Paths are
 * relative, with `/`.
 */
export function secretWorkspace(secrets: readonly Secret[]): Record<string, string> {
  const oneLine = secrets.filter((s) => !s.value.includes('\n'));
  const env = secrets.map((s) => `    ${quoted(secretName(s))}: { "description": "credential", "value": ${quoted(storedValue(s))} }`).join(',\n');
  // Safe fixes next to the secrets (a deprecated `image` key, a debugger flag, a duplicate process, a variable and an
  // output not marked sensitive), so that `--fix` and the fixes in JSON and SARIF edit text around them.
  const appJson = `{\n  "name": "leaky-app",\n  "image": "heroku/ruby",\n  "stack": "heroku-24",\n  "env": {\n${env}\n  },\n  "formation": { "web": { "quantity": 1, "size": "standard-1x" } }\n}\n`;
  const inline = (from: number, to: number) => oneLine.slice(from, to).map((s) => `${secretName(s)}=${storedValue(s)}`).join(' ');
  const procfile = [
    `web: ${inline(0, 6)} node --inspect=0.0.0.0:9229 server.js --port $PORT`,
    `worker: ${inline(6, 9)} bundle exec sidekiq`,
    `worker: ${inline(9, 12)} bundle exec sidekiq -q low`,
    ...oneLine.map((s, i) => `job${i}: curl -fsS -H "Authorization: Bearer ${storedValue(s)}" https://api.example.net/sync --token ${storedValue(s)}`),
  ].join('\n');
  const herokuYml = [
    'build:',
    '  docker:',
    '    web: Dockerfile',
    '  config:',
    ...secrets.map((s) => `    ${secretName(s)}: ${quoted(storedValue(s))}`),
    'run:',
    ...oneLine.map((s, i) => `  task${i}: ./bin/sync --api-key ${storedValue(s)}`),
    '',
  ].join('\n');
  const heroku = secrets.find((s) => s.label === 'heroku-api-key-v2') ?? secrets[0];
  const terraform = [
    'variable "heroku_api_key" {',
    '  type    = string',
    `  default = ${quoted(heroku.value)}`,
    '}',
    '',
    'provider "heroku" {',
    `  api_key = ${quoted(heroku.value)}`,
    '}',
    '',
    'resource "heroku_app" "leaky" {',
    '  name   = "leaky-app"',
    '  region = "us"',
    '  config_vars = {',
    ...secrets.map((s) => `    ${secretName(s)} = ${quoted(storedValue(s))}`),
    '  }',
    '  sensitive_config_vars = {',
    ...secrets.map((s) => `    ${secretName(s)}_2 = ${quoted(storedValue(s))}`),
    '  }',
    '}',
    '',
    'output "session" {',
    `  value = ${quoted(storedValue(secrets[secrets.length - 1]))}`,
    '}',
    '',
    'output "api_key" {',
    '  value = var.heroku_api_key',
    '}',
    '',
    'output "all_config" {',
    '  value = heroku_app.leaky.sensitive_config_vars',
    '}',
    '',
  ].join('\n');
  const tfvars = `${secrets.map((s) => `${secretName(s).toLowerCase()} = ${quoted(storedValue(s))}`).join('\n')}\n`;
  return {
    'app/app.json': appJson,
    'app/Procfile': `${procfile}\n`,
    'app/heroku.yml': herokuYml,
    // heroku.yml runs it for `web`: its command is linted like a Procfile's.
    'app/Dockerfile': `FROM heroku/heroku:24\n${oneLine.map((s) => `ENV ${secretName(s)}=${storedValue(s)}`).join('\n')}\nCMD ./bin/web ${oneLine
      .slice(0, 8)
      .map((s, i) => `${i % 2 ? '--token' : '--api-key'} ${storedValue(s)}`)
      .join(' ')}\n`,
    'infra/main.tf': terraform,
    'infra/terraform.tfvars': tfvars,
  };
}

/** A fake API scenario whose app holds every secret as a config var (and keeps the scenario's VPN keys and drains). */
export function scenarioWithSecrets(base: Scenario, secrets: readonly Secret[]): Scenario {
  const vars = Object.fromEntries(secrets.map((s) => [secretName(s), storedValue(s)]));
  return {
    ...base,
    apps: base.apps.map((entry) => (entry.app.name === base.app ? { ...entry, configVars: { ...entry.configVars, ...vars } } : entry)),
  };
}

/** The random part of a secret found elsewhere: a PEM block without its BEGIN/END lines and headers, else all of it. */
function coreOf(value: string): string {
  const pem = /-----BEGIN [^-]+-----([\s\S]*?)(-----END [^-]+-----|$)/.exec(value);
  return pem ? pem[1].replace(/^[A-Za-z-]+:.*$/gm, '') : value;
}

export class SecretInventory {
  private readonly windows = new Map<string, string>();

  constructor(readonly secrets: readonly Secret[]) {
    for (const s of secrets) {
      const core = s.core.replace(/\s+/g, '');
      for (let i = 0; i + WINDOW <= core.length; i++) if (!this.windows.has(core.slice(i, i + WINDOW))) this.windows.set(core.slice(i, i + WINDOW), s.label);
    }
  }

  /** The inventory for a workspace's secrets, a scenario's secrets (config vars, VPN keys, drain credentials) and a token. */
  static of(options: { readonly files?: readonly Secret[]; readonly scenario?: Scenario; readonly token?: string }): SecretInventory {
    const all: Secret[] = [...(options.files ?? [])];
    for (const value of options.scenario ? scenarioSecrets(options.scenario) : []) {
      if (!all.some((s) => s.value === value || storedValue(s) === value)) all.push({ label: `scenario secret ${value.slice(0, 4)}…`, value, core: coreOf(value) });
    }
    if (options.token) all.push({ label: 'API token', value: options.token, core: options.token });
    return new SecretInventory(all);
  }

  /** The labels of the secrets `text` leaks (never the secret itself, so that a failing assertion does not print it). */
  leaks(text: string): string[] {
    const found = new Set<string>();
    for (const s of this.secrets) if (text.includes(s.value)) found.add(s.label);
    // Windows of the random parts: one pass over the text, white space ignored as in the inventory.
    const flat = text.replace(/\s+/g, '');
    for (let i = 0; i + WINDOW <= flat.length; i++) {
      const label = this.windows.get(flat.slice(i, i + WINDOW));
      if (label) found.add(`${label} (part)`);
    }
    return [...found];
  }

  /** `output: label` for every leak in every named output; empty when none leaks. */
  sweep(outputs: Readonly<Record<string, string>>): string[] {
    return Object.entries(outputs).flatMap(([name, text]) => this.leaks(text).map((label) => `${name}: ${label}`));
  }
}
