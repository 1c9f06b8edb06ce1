/**
 * Seeded generators of realistic inputs: Terraform modules for the Heroku provider, a large app.json, heroku.yml and
 * Procfile, and a repository of app folders. The same seed always gives the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast and good enough to pick sizes and names. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = () => number;

const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const chance = (r: Random, p: number): boolean => r() < p;

const WORDS = ['billing', 'records', 'search', 'auth', 'ledger', 'notify', 'media', 'orders', 'catalog', 'reports', 'gateway', 'events', 'ingest', 'export', 'claims', 'portal'];
const STACKS = ['heroku-24', 'heroku-22', 'heroku-20', 'container'];
const PLANS = ['heroku-postgresql:private-0', 'heroku-postgresql:shield-2', 'heroku-postgresql:standard-0', 'heroku-redis:private-7', 'heroku-redis:premium-0', 'papertrail:choklad', 'heroku-kafka:private-standard-0'];
const SIZES = ['standard-1x', 'standard-2x', 'performance-m', 'private-s', 'private-m', 'shield-m', 'shield-l'];
const CONFIG_KEYS = ['RAILS_ENV', 'NODE_ENV', 'LOG_LEVEL', 'WEB_CONCURRENCY', 'MAX_THREADS', 'FEATURE_FLAGS', 'TZ', 'LANG', 'RACK_TIMEOUT', 'SENTRY_ENVIRONMENT', 'CDN_HOST', 'ASSET_HOST', 'PAGE_SIZE', 'CACHE_TTL', 'REGION_HINT'];
const SECRET_KEYS = ['DATABASE_PASSWORD', 'STRIPE_SECRET_KEY', 'API_TOKEN', 'SESSION_SECRET', 'SMTP_PASSWORD'];

function secretLike(r: Random): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let s = '';
  for (let i = 0; i < 28; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

interface Parts {
  main: string[];
  variables: string[];
  outputs: string[];
}

/** One "service": an app with its add-ons, formation, drain, domain, webhook, sometimes a space and ruleset. */
function service(r: Random, i: number, parts: Parts, withSpaces: boolean): void {
  const word = pick(r, WORDS);
  const name = `${word}_${i}`;
  const m = parts.main;
  m.push(`# ---- service ${word}-${i}: ${pick(r, ['public API', 'background jobs', 'internal admin', 'patient records', 'reporting'])} ----`);
  let space: string | undefined;
  if (withSpaces && i % 4 === 0) {
    space = `space_${i}`;
    const shield = chance(r, 0.5);
    m.push(
      `resource "heroku_space" "${space}" {`,
      `  name         = "\${var.team}-${word}-${i}"`,
      `  organization = var.team`,
      `  region       = var.region`,
      `  shield       = ${shield}`,
      `  cidr         = "10.${i % 250}.0.0/16"`,
      ...(chance(r, 0.7) ? [`  trusted_ip_ranges = ["203.0.113.0/24", "198.51.100.${i % 250}/32"]`] : []),
      `}`,
      '',
      `resource "heroku_space_inbound_ruleset" "${space}" {`,
      `  space = heroku_space.${space}.id`,
      '',
      `  rule {`,
      `    action = "allow"`,
      `    source = "${chance(r, 0.2) ? '0.0.0.0/0' : `192.0.2.${i % 250}/32`}"`,
      `  }`,
      '',
      `  dynamic "rule" {`,
      `    for_each = var.office_cidrs`,
      `    content {`,
      `      action = "allow"`,
      `      source = rule.value`,
      `    }`,
      `  }`,
      `}`,
      '',
    );
  } else if (withSpaces && i % 4 !== 0) {
    space = `space_${i - (i % 4)}`;
  }
  const configCount = int(r, 4, 12);
  const config: string[] = [];
  const keys = new Set<string>();
  while (config.length < configCount) {
    const key = pick(r, CONFIG_KEYS);
    if (keys.has(key)) {
      if (keys.size >= CONFIG_KEYS.length) break;
      continue;
    }
    keys.add(key);
    config.push(`    ${key.padEnd(18)} = "${pick(r, ['production', 'info', '5', 'on', 'UTC', 'en_US.UTF-8', '15', 'cdn.example.com'])}"`);
  }
  if (chance(r, 0.1)) config.push(`    ${pick(r, SECRET_KEYS).padEnd(18)} = "sk_live_${secretLike(r)}"`);
  m.push(
    `resource "heroku_app" "${name}" {`,
    `  name   = "${word}-${i}-\${local.env}"`,
    `  region = var.region`,
    ...(space ? [`  space  = heroku_space.${space}.name`] : []),
    `  stack  = "${pick(r, STACKS)}"`,
    `  acm    = ${chance(r, 0.85)}`,
    ...(space && chance(r, 0.3) ? [`  internal_routing = true`] : []),
    `  buildpacks = [`,
    `    "heroku/${pick(r, ['nodejs', 'ruby', 'python', 'java', 'go'])}",`,
    `  ]`,
    '',
    `  organization {`,
    `    name   = var.team`,
    `    locked = ${chance(r, 0.7)}`,
    `  }`,
    '',
    `  // Plain settings; secrets go to sensitive_config_vars.`,
    `  config_vars = merge(local.common_config, {`,
    ...config,
    `  })`,
    '',
    `  sensitive_config_vars = {`,
    `    SESSION_SECRET = var.session_secret`,
    `    DATABASE_PASSWORD = var.db_password`,
    `  }`,
    '',
    `  lifecycle {`,
    `    ignore_changes = [config_vars["DEPLOYED_SHA"]]`,
    `  }`,
    `}`,
    '',
  );
  for (const [k, plan] of [
    ['db', pick(r, PLANS.slice(0, 3))],
    ['cache', pick(r, PLANS.slice(3, 5))],
  ] as const) {
    m.push(`resource "heroku_addon" "${k}_${i}" {`, `  app_id = heroku_app.${name}.id`, `  plan   = "${plan}"`);
    if (k === 'db' && chance(r, 0.4)) m.push(`  config = {`, `    fork = "none"`, `  }`);
    m.push(`}`, '');
  }
  if (chance(r, 0.3)) {
    m.push(
      `resource "heroku_addon" "extra_${i}" {`,
      `  for_each = toset(["papertrail:choklad", "scheduler:standard"])`,
      `  app_id   = heroku_app.${name}.id`,
      `  plan     = each.value`,
      `}`,
      '',
    );
  }
  m.push(
    `resource "heroku_formation" "web_${i}" {`,
    `  app_id   = heroku_app.${name}.id`,
    `  type     = "web"`,
    `  quantity = ${int(r, 1, 8)}`,
    `  size     = "${pick(r, SIZES)}"`,
    `}`,
    '',
  );
  const drainUrl = pick(r, ['syslog+tls://logs.example.com:6514', 'https://logs.example.com/ingest', 'syslog://logs.example.com:514', 'https://user:pa55word@logs.example.com/in']);
  m.push(`resource "heroku_drain" "logs_${i}" {`, `  app_id = heroku_app.${name}.id`, `  url    = "${drainUrl}"`, `}`, '');
  m.push(`resource "heroku_domain" "www_${i}" {`, `  app_id   = heroku_app.${name}.id`, `  hostname = "${word}-${i}.example.com"`, `}`, '');
  if (chance(r, 0.5)) {
    m.push(
      `resource "heroku_app_webhook" "deploys_${i}" {`,
      `  app_id  = heroku_app.${name}.id`,
      `  level   = "notify"`,
      `  url     = "https://hooks.example.com/heroku/${word}"`,
      `  include = ["api:release", "api:build"]`,
      `  secret  = var.webhook_secret`,
      `}`,
      '',
    );
  }
  if (chance(r, 0.3)) {
    m.push(
      `resource "heroku_app_release" "release_${i}" {`,
      `  app_id      = heroku_app.${name}.id`,
      `  slug_id     = var.slug_id`,
      `  description = <<-EOT`,
      `    Release of ${word}-${i} for \${local.env}.`,
      `    %{ for d in var.extra_domains }Also serves \${d}. %{ endfor }`,
      `  EOT`,
      `}`,
      '',
    );
  }
  if (chance(r, 0.15)) m.push(`/*`, ` * ${word}-${i} keeps its exec feature off; see the runbook.`, ` */`, `resource "heroku_app_feature" "metrics_${i}" {`, `  app_id = heroku_app.${name}.id`, `  name   = "runtime-dyno-metadata"`, `}`, '');
  parts.outputs.push(`output "${name}_url" {`, `  description = "Where ${word}-${i} answers."`, `  value       = "https://\${heroku_domain.www_${i}.hostname}"`, `}`, '');
  if (chance(r, 0.2)) parts.outputs.push(`output "${name}_ids" {`, `  value = [for a in [heroku_addon.db_${i}, heroku_addon.cache_${i}] : a.id]`, `}`, '');
  if (i % 10 === 0) parts.variables.push(`variable "${word}_${i}_replicas" {`, `  type    = number`, `  default = ${int(r, 1, 4)}`, `}`, '');
}

function header(parts: Parts): void {
  parts.variables.push(
    `variable "team" {`,
    `  type    = string`,
    `  default = "acme"`,
    `}`,
    '',
    `variable "region" {`,
    `  type    = string`,
    `  default = "virginia"`,
    `}`,
    '',
    `variable "db_password" {`,
    `  type      = string`,
    `  sensitive = true`,
    `}`,
    '',
    `variable "session_secret" {`,
    `  type      = string`,
    `  sensitive = true`,
    `}`,
    '',
    `variable "webhook_secret" {`,
    `  type      = string`,
    `  sensitive = true`,
    `}`,
    '',
    `variable "slug_id" {`,
    `  type = string`,
    `}`,
    '',
    `variable "office_cidrs" {`,
    `  type    = list(string)`,
    `  default = ["203.0.113.10/32", "203.0.113.11/32"]`,
    `}`,
    '',
    `variable "extra_domains" {`,
    `  type    = list(string)`,
    `  default = []`,
    `}`,
    '',
    `locals {`,
    `  env = "prod"`,
    `  common_config = {`,
    `    LOG_FORMAT = "json"`,
    `    APP_ENV    = local.env`,
    `  }`,
    `}`,
    '',
  );
  parts.main.unshift(
    `terraform {`,
    `  required_providers {`,
    `    heroku = {`,
    `      source  = "heroku/heroku"`,
    `      version = "~> 5.2"`,
    `    }`,
    `  }`,
    `}`,
    '',
    `provider "heroku" {}`,
    '',
  );
}

export interface ModuleFiles {
  /** File name → text. */
  readonly files: ReadonlyMap<string, string>;
  readonly lines: number;
}

/** A module of about `lines` lines in three files: main.tf (most of it), variables.tf and outputs.tf. */
export function terraformModule(lines: number, seed: number, withSpaces = true): ModuleFiles {
  const r = rng(seed);
  const parts: Parts = { main: [], variables: [], outputs: [] };
  header(parts);
  const count = () => parts.main.length + parts.variables.length + parts.outputs.length;
  for (let i = 0; count() < lines; i++) service(r, i, parts, withSpaces);
  const files = new Map([
    ['main.tf', `${parts.main.join('\n')}\n`],
    ['variables.tf', `${parts.variables.join('\n')}\n`],
    ['outputs.tf', `${parts.outputs.join('\n')}\n`],
  ]);
  return { files, lines: count() };
}

/** An app.json of at least `bytes` bytes: many env vars (values, generators, descriptions), add-ons, formation, environments. */
export function appJson(bytes: number, seed: number): string {
  const r = rng(seed);
  const env: Record<string, unknown> = {};
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const key = `${pick(r, CONFIG_KEYS)}_${i}`;
    const value =
      i % 5 === 0
        ? { description: `Secret for ${pick(r, WORDS)} (${i}).`, generator: 'secret' }
        : i % 7 === 0
          ? { description: `Optional ${pick(r, WORDS)} setting.`, required: false, value: `${pick(r, ['on', 'off', '42', 'https://cdn.example.com/assets'])}` }
          : i % 97 === 0
            ? { value: `sk_live_${secretLike(r)}` }
            : `${pick(r, ['production', 'info', '5', 'UTC', 'https://cdn.example.com'])}`;
    env[key] = value;
    size += key.length + JSON.stringify(value).length + 8;
  }
  const manifest = {
    name: 'big-app',
    description: 'A generated manifest for the benchmark.',
    repository: 'https://github.com/acme/big-app',
    keywords: ['benchmark', 'heroku'],
    stack: 'heroku-24',
    env,
    formation: { web: { quantity: 2, size: 'standard-2x' }, worker: { quantity: 1, size: 'standard-1x' } },
    addons: Array.from({ length: 40 }, (_, i) => ({ plan: pick(r, PLANS), as: `ADDON_${i}` })),
    buildpacks: [{ url: 'heroku/nodejs' }, { url: 'https://github.com/acme/buildpack-extras#v1.2.0' }],
    scripts: { postdeploy: 'npm run db:migrate', 'pr-predestroy': 'npm run cleanup' },
    environments: { test: { scripts: { test: 'npm test' } }, review: { addons: ['heroku-postgresql:essential-0'] } },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** A heroku.yml of about `lines` lines: setup add-ons and config, many Docker builds and run processes. */
export function herokuYml(lines: number, seed: number): string {
  const r = rng(seed);
  const processes = Math.max(1, Math.floor(lines / 12));
  const out = ['setup:', '  addons:'];
  for (let i = 0; i < 10; i++) out.push(`    - plan: ${pick(r, PLANS)}`, `      as: ADDON_${i}`);
  out.push('  config:');
  for (let i = 0; i < processes; i++) out.push(`    ${pick(r, CONFIG_KEYS)}_${i}: ${pick(r, ['production', 'info', '"5"', 'UTC'])}`);
  out.push('build:', '  docker:');
  for (let i = 0; i < processes; i++) out.push(`    proc${i}: images/proc${i}/Dockerfile`);
  out.push('  config:', '    RAILS_ENV: production', 'release:', '  command:', '    - ./bin/release', '  image: proc0', 'run:');
  for (let i = 0; out.length < lines; i++) {
    if (i % 3 === 0) out.push(`  proc${i % processes}x${i}:`, '    command:', `      - bundle exec sidekiq -q queue_${i} -c ${int(r, 1, 9)}`, `    image: proc${i % processes}`);
    else out.push(`  web${i}: bundle exec puma -p $PORT -C config/puma_${i}.rb  # process ${i}`);
  }
  return `${out.join('\n')}\n`;
}

/** A Procfile of `lines` process types. */
export function procfile(lines: number, seed: number): string {
  const r = rng(seed);
  const out = ['web: bundle exec puma -p $PORT -C config/puma.rb', 'release: ./bin/release'];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      pick(r, [
        `worker${i}: bundle exec sidekiq -q q${i} -c ${int(r, 1, 9)}`,
        `clock${i}: node scripts/clock.js --tz UTC --job ${i}`,
        `job${i}: python -m jobs.run --queue=q${i}`,
        `cron${i}: bin/cron --every ${int(r, 1, 60)}m`,
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}

/** A small app: app.json, Procfile, heroku.yml and a three-file module in infra/ (about 170 lines). */
export function writeApp(dir: string, i: number, seed: number): string[] {
  const r = rng(seed);
  const word = pick(r, WORDS);
  const files = new Map<string, string>();
  files.set(
    'app.json',
    `${JSON.stringify(
      {
        name: `${word}-${i}`,
        description: `The ${word} service.`,
        repository: `https://github.com/acme/${word}-${i}`,
        stack: pick(r, STACKS),
        env: Object.fromEntries<unknown>([
          ...Array.from({ length: int(r, 3, 10) }, (_, k): [string, unknown] => [`${pick(r, CONFIG_KEYS)}_${k}`, pick(r, ['production', 'info', 'UTC'])]),
          ['SECRET_KEY_BASE', { description: 'Rails secret', generator: 'secret' }],
          ...(chance(r, 0.1) ? [['API_TOKEN', `tok_${secretLike(r)}`] as [string, unknown]] : []),
        ]),
        formation: { web: { quantity: int(r, 1, 4), size: pick(r, SIZES) } },
        addons: [{ plan: pick(r, PLANS) }, { plan: pick(r, PLANS) }],
        buildpacks: [{ url: `heroku/${pick(r, ['nodejs', 'ruby', 'python'])}` }],
      },
      null,
      2,
    )}\n`,
  );
  files.set('Procfile', `web: ${pick(r, ['bundle exec puma -p $PORT', 'node server.js', 'gunicorn app:app --bind 0.0.0.0:$PORT', 'python manage.py runserver'])}\nworker: bundle exec sidekiq\nrelease: ./bin/release\n`);
  files.set(
    'heroku.yml',
    [
      'setup:',
      '  addons:',
      `    - plan: ${pick(r, PLANS)}`,
      '      as: DATABASE',
      '  config:',
      '    RAILS_ENV: production',
      'build:',
      '  docker:',
      '    web: Dockerfile',
      'run:',
      `  web: bundle exec puma -p $PORT`,
      '  worker:',
      '    command:',
      '      - bundle exec sidekiq',
      '    image: web',
      '',
    ].join('\n'),
  );
  const module = terraformModule(90, seed ^ 0x9e3779b9, i % 3 === 0);
  for (const [name, text] of module.files) files.set(`infra/${name}`, text);
  const written: string[] = [];
  for (const [name, text] of files) {
    const target = path.join(dir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written.push(target);
  }
  return written;
}

/** Writes `apps` app folders under `root/apps/` and returns every file written. */
export function writeWorkspace(root: string, apps: number, seed: number): string[] {
  const files: string[] = [];
  for (let i = 0; i < apps; i++) files.push(...writeApp(path.join(root, 'apps', `app-${String(i).padStart(4, '0')}`), i, seed + i));
  return files;
}
