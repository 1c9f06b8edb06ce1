/**
 * Credential detectors shared by the SEC, APPJSON, PROC, CMD, HYML (and later TF) rules.
 * The definitions follow rules-catalog.md §0.3 (SECRET_NAME, PLACEHOLDER, URL_CREDS, KNOWN_TOKEN).
 *
 * The token formats are written from each vendor's public documentation of its key prefixes and lengths
 * (and cross-checked against the gitleaks default rule set). Every pattern has positive and negative samples
 * in test/unit/engine/detectors.test.ts.
 */
import { findAssignments } from './assignments';
import { shannonEntropy } from './entropy';

export { findAssignments, type Assignment } from './assignments';
export { shannonEntropy } from './entropy';

// ---------- SECRET_NAME ----------

const SECRET_NAME = /(^|_)(SECRET|TOKEN|PASSWORD|PASSWD|PWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_?TOKEN|SIGNING_?KEY|ENCRYPTION_?KEY)(_|$)/;
/** Well-known variables that hold a password without the `_PASSWORD` spelling. */
const SECRET_NAME_EXACT = /^(PGPASSWORD|REDISCLI_AUTH|MYSQL_PWD|PGPASS_?WORD)$/;
const NOT_SECRET_NAME = /PUBLIC_?KEY|PUBLISHABLE_?KEY|_KEY_ID$/;
const ID_NAME = /_KEY_ID$/;
/**
 * A key whose last word describes a secret rather than holding it: `TOKEN_URL`, `PASSWORD_MIN_LENGTH`,
 * `API_KEY_HEADER`, `JWT_SECRET_ALGORITHM`, `GOOGLE_CREDENTIALS_FILE`, `ACCESS_TOKEN_EXPIRES_IN`.
 */
const DESCRIPTOR_SUFFIX =
  /_(URLS?|URIS?|ENDPOINTS?|HOSTS?|HOSTNAME|PORT|PATHS?|FILE|FILENAME|DIR|DIRECTORY|LOCATION|HEADER|NAME|FIELD|PARAM|PARAMETER|TYPE|KIND|LENGTH|LEN|SIZE|MIN|MAX|MIN_LENGTH|MAX_LENGTH|TTL|EXPIRY|EXPIRES|EXPIRES_IN|EXPIRE_IN|EXPIRATION|TIMEOUT|LIFETIME|MAX_AGE|AGE|ALGORITHM|ALGORITHMS|ALG|HASHER|HASHERS|ENABLED|DISABLED|ENABLE|DISABLE|REQUIRED|POLICY|PREFIX|SUFFIX|FORMAT|VERSION|REGION|ISSUER|AUDIENCE|SCOPES?|MODE|STRATEGY|PROVIDER|COUNT|RETRIES|INTERVAL|DURATION|VAR|ENV_VAR|ENV)$/;

/** `apiKey` → `API_KEY`, `stripe-secret.key` → `STRIPE_SECRET_KEY`. */
export function normalizeKeyName(key: string): string {
  if (isNormalizedName(key)) return key;
  // Every name test normalises the same key again (several per value, in several rules): the result is kept.
  let name = normalizedNames.get(key);
  if (name === undefined) {
    name = key
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase();
    if (normalizedNames.size >= NORMALIZED_NAMES_MAX) normalizedNames.clear();
    normalizedNames.set(key, name);
  }
  return name;
}

/**
 * Whether normalizeKeyName would return the key unchanged: upper-case letters, digits and single underscores,
 * with no upper-case letter right after a digit (`S3BUCKET` becomes `S3_BUCKET`). Most config var names are
 * written so, and need no regular expressions.
 */
export function isNormalizedName(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const previous = key.charCodeAt(i - 1);
    const afterDigit = previous >= 48 && previous <= 57;
    if (code >= 65 && code <= 90) {
      if (afterDigit) return false;
    } else if (!(code >= 48 && code <= 57) && (code !== 95 || previous === 95)) {
      return false;
    }
  }
  return true;
}

const NORMALIZED_NAMES_MAX = 10_000;
const normalizedNames = new Map<string, string>();

/** Whether a config var or map key names a secret (catalog SECRET_NAME, minus descriptor names such as `TOKEN_URL`). */
export function isSecretName(key: string): boolean {
  if (typeof key !== 'string') return false;
  const name = normalizeKeyName(key);
  if (SECRET_NAME_EXACT.test(name)) return true;
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name) && !DESCRIPTOR_SUFFIX.test(name);
}

/** An ID-type credential name such as `AWS_ACCESS_KEY_ID`: not a secret itself, reported one level lower (catalog §0.3). */
export function isSecretIdName(key: string): boolean {
  if (typeof key !== 'string') return false;
  return ID_NAME.test(normalizeKeyName(key));
}

// ---------- PLACEHOLDER ----------

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\s*$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\{[^}]*\}$/, // ${VAR}, ${VAR:-default}
  /^\$\{\{.*\}\}$/s, // ${{ secrets.X }}
  /^\{\{.*\}\}$/s, // {{...}}
  /^#\{[^}]*\}$/, // #{...}
  /^<%=?.*%>$/s, // <%= ... %>
  /^<[^<>]*>$/, // <...>
  /^\[[^[\]]*\]$/, // [REDACTED], [your key]
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^%\([A-Za-z_][A-Za-z0-9_]*\)s$/, // %(name)s
  /^(__|@@)[A-Za-z0-9_]+(__|@@)$/, // __TOKEN__, @@TOKEN@@
  // The catalog's PLACEHOLDER words plus sentinels that mean "no value". Weak real values such as `password` or
  // `secret` are not placeholders: they are committed credentials too.
  /^(changeme|change[-_ ]?me|change[-_ ]?it|replace[-_ ]?me|fill[-_ ]?me|fixme|todo|tbd|tba|none|null|nil|undefined|unset|not[-_ ]?set|empty|redacted|masked|example|sample|dummy|placeholder)$/i,
  /^x{3,}$/i,
  /^\*{3,}$/,
  /^(your|my|enter|insert|put|paste|add)[-_ ].*/i,
  /^(set|use|generate|see|get|run|provide|copy|create|fill|ask|obtain|configure)\s.+/i, // instructions
  /^.*[-_ ]here$/i,
  /x{5,}/i, // sk_live_xxxxxxxx…
  /\*{3,}/,
  /\.{3}|…/, // elided
];

/** Words that mark a whole value as a stand-in wherever they appear, except in URLs, whose host may say `example`. */
const PLACEHOLDER_WORD = /(example|sample|dummy|placeholder|redacted|changeme|replace[-_]?me)/i;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Values from vendors' own documentation that are published on purpose and never valid credentials. */
const DOCUMENTED_EXAMPLES = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', // Stripe API reference
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2', // older Stripe docs
  'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', // jwt.io sample signature
]);

/** Whether a value is a placeholder rather than a real secret (catalog PLACEHOLDER). */
export function isPlaceholder(value: string): boolean {
  if (typeof value !== 'string') return true;
  const trimmed = value.trim();
  for (const example of DOCUMENTED_EXAMPLES) if (trimmed.includes(example)) return true;
  if (!URL_SCHEME.test(trimmed) && PLACEHOLDER_WORD.test(trimmed)) return true;
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(trimmed));
}

/**
 * A value that refers to another variable or template (`$VAR`, `${VAR}`, `$(cmd)`, `{{ x }}`, `<%= x %>`) rather
 * than holding a literal. A bare `$` followed by lowercase letters (`p@$sw0rd`) is not taken for a variable.
 */
export function hasReference(value: string): boolean {
  // `${…}` is found with indexOf: /\$\{[^}]*\}/ scans on from every `${`, quadratic on a long run of them.
  const open = value.indexOf('${');
  if (open >= 0 && value.indexOf('}', open + 2) >= 0) return true;
  return /\$\(|\$[A-Z_][A-Z0-9_]*\b|\{\{|\{%|<%|#\{/.test(value);
}

// ---------- literal values ----------

const BOOLEAN_OR_NUMBER = /^(true|false|yes|no|on|off|[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|0x[0-9a-f]+)$/i;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;
const RELATIVE_PATH = /^(\.\.?\/|~\/|[A-Za-z]:\\)/;
const ABSOLUTE_PATH = /^\/[\w.@-]+(\/[\w.@-]+)*\/?$/;
const FILE_NAME = /^[\w.-]+(\/[\w.-]+)*\.(json|pem|key|crt|cer|p12|pfx|jks|txt|ya?ml|env|conf|cfg|ini|properties)$/;

/** Whether a value is a boolean or a number (never a credential on its own). */
export function isBooleanOrNumber(value: string): boolean {
  return BOOLEAN_OR_NUMBER.test(value.trim());
}

/** A URL without a password in it: the value of `OAUTH_TOKEN_URL` and the like. */
export function isUrlWithoutCredentials(value: string): boolean {
  const trimmed = value.trim();
  return URL_LIKE.test(trimmed) && findUrlCredentials(trimmed).length === 0;
}

/**
 * A file path (`/run/secrets/db`, `./config/key.pem`, `credentials.json`). An absolute path needs lowercase
 * segments or file names, so that a base64 secret that happens to start with `/` is not taken for one.
 */
export function isPathLike(value: string): boolean {
  const text = value.trim();
  if (RELATIVE_PATH.test(text) || FILE_NAME.test(text)) return true;
  return ABSOLUTE_PATH.test(text) && text.split('/').every((segment) => segment === '' || /^[a-z0-9._@-]+$/.test(segment) || /\.[a-z0-9]{1,5}$/.test(segment));
}

/**
 * Whether a value under a SECRET_NAME key is a literal secret (catalog HRK-SEC-003): not a placeholder, at
 * least `minLength` characters, not a boolean or number, not a reference to another variable, and not a URL
 * without credentials or a file path (which name where the secret is, not the secret).
 */
export function isLiteralSecretValue(value: string, minLength = 8): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (Array.from(trimmed).length < minLength) return false;
  if (isPlaceholder(trimmed) || isBooleanOrNumber(trimmed) || hasReference(trimmed)) return false;
  if (isUrlWithoutCredentials(trimmed) || isPathLike(trimmed)) return false;
  return true;
}

// ---------- URL_CREDS ----------

export interface Match {
  /** `[start, end)` within the scanned value. */
  readonly start: number;
  readonly end: number;
  /** The matched text (the secret part). Never print it: mask it with maskSecret(). */
  readonly text: string;
}

export interface UrlCredentialMatch extends Match {
  /** The URL scheme, lowercased, e.g. `postgres`. */
  readonly scheme: string;
  /** `[start, end)` of the whole `user:password@` part within the value. */
  readonly userinfoStart: number;
  readonly userinfoEnd: number;
  /** The user name (may be empty, as in `redis://:p@h`). */
  readonly user: string;
  /** The host after `@`, lowercased, without port. */
  readonly host: string;
}

const URL_CREDS = /(?<![A-Za-z0-9+.-])([a-z][a-z0-9+.-]*):\/\/([^/\s:@'"`]*):([^/\s@'"`]+)@([^/\s?#'"`]*)/gi;

function hostOf(authority: string): string {
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '');
  return host.toLowerCase();
}

/** URLs whose userinfo carries a password that is not a placeholder (catalog URL_CREDS), whatever the host. */
export function findUrlCredentials(value: string): UrlCredentialMatch[] {
  if (typeof value !== 'string') return [];
  // URL_CREDS needs a `://` and an `@`: most strings have neither, and are not worth a regex scan.
  if (!value.includes('://') || !value.includes('@')) return [];
  return scanUrlCredentials(value);
}

/** findUrlCredentials() without its prefilter: the regex over the whole value. */
export function scanUrlCredentials(value: string): UrlCredentialMatch[] {
  const out: UrlCredentialMatch[] = [];
  for (const match of value.matchAll(URL_CREDS)) {
    const [, scheme, user, password, authority] = match;
    if (isPlaceholder(password) || isPlaceholder(decodeSafe(password)) || hasReference(password)) continue;
    const host = hostOf(authority);
    const userinfoStart = match.index + scheme.length + 3;
    const passwordStart = userinfoStart + user.length + 1;
    out.push({
      start: passwordStart,
      end: passwordStart + password.length,
      text: password,
      scheme: scheme.toLowerCase(),
      userinfoStart,
      userinfoEnd: passwordStart + password.length + 1,
      user,
      host,
    });
  }
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

// ---------- KNOWN_TOKEN ----------

export interface TokenPattern {
  /** gitleaks-style id, e.g. `aws-access-token`. */
  readonly id: string;
  /** Human label for messages, e.g. `AWS access key ID`. */
  readonly label: string;
  readonly pattern: RegExp;
  /** Index of the capture group that holds the secret; the whole match when absent. */
  readonly group?: number;
  /** Extra structural check on the matched secret (e.g. a JWT header that decodes to JSON). */
  readonly validate?: (text: string) => boolean;
}

/** Characters that may continue a token; a match must not be preceded or followed by one. */
const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const re = (body: string): RegExp => new RegExp(`${B}(${body})${E}`, 'g');

/**
 * Publicly documented credential formats with a distinctive prefix or shape. Each pattern is global and
 * anchored on token boundaries. Formats that are only a UUID or plain hex (Datadog, Postmark, legacy Heroku
 * keys, AWS secret keys) are not here: they need the key name, see CONTEXTUAL_TOKEN_PATTERNS.
 */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  // AWS IAM unique identifiers: AKIA (access key), ASIA (STS temporary key), ABIA (STS bearer), ACCA (context-specific); base32 body.
  { id: 'aws-access-token', label: 'AWS access key ID', pattern: /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g, group: 1 },
  { id: 'heroku-api-key-v2', label: 'Heroku API key', pattern: re('HRKU-AA[0-9A-Za-z_-]{58}'), group: 1 },
  { id: 'github-pat', label: 'GitHub personal access token', pattern: re('ghp_[0-9A-Za-z]{36,251}'), group: 1 },
  { id: 'github-fine-grained-pat', label: 'GitHub fine-grained personal access token', pattern: re('github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}'), group: 1 },
  { id: 'github-oauth', label: 'GitHub OAuth token', pattern: re('gho_[0-9A-Za-z]{36,251}'), group: 1 },
  { id: 'github-app-token', label: 'GitHub App token', pattern: re('gh[us]_[0-9A-Za-z]{36,251}'), group: 1 },
  { id: 'github-refresh-token', label: 'GitHub refresh token', pattern: re('ghr_[0-9A-Za-z]{36,251}'), group: 1 },
  // GitLab: legacy 20-character tokens and the routable `<body>.<2><7>` form.
  { id: 'gitlab-pat', label: 'GitLab personal access token', pattern: /(?<![A-Za-z0-9_-])(glpat-(?:[0-9A-Za-z_-]{27,300}\.[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?![A-Za-z0-9_.-])/g, group: 1 },
  { id: 'gitlab-deploy-token', label: 'GitLab deploy token', pattern: re('gldt-[0-9A-Za-z_-]{20}'), group: 1 },
  { id: 'gitlab-runner-token', label: 'GitLab runner token', pattern: /(?<![A-Za-z0-9_-])(glrt-(?:t\d_[0-9A-Za-z_-]{27,300}\.[0-9a-z]{9}|[0-9A-Za-z_-]{20}))(?![A-Za-z0-9_.-])/g, group: 1 },
  { id: 'gitlab-pipeline-trigger-token', label: 'GitLab pipeline trigger token', pattern: re('glptt-[0-9a-f]{40}'), group: 1 },
  // Stripe documents 24+ characters after the prefix; the catalog's KNOWN_TOKEN (gitleaks) accepts 10+, which also
  // catches truncated or older keys. The prefix alone is distinctive.
  { id: 'stripe-secret-key', label: 'Stripe secret key', pattern: re('sk_(?:live|test|prod)_[0-9A-Za-z]{10,247}'), group: 1 },
  { id: 'stripe-restricted-key', label: 'Stripe restricted key', pattern: re('rk_(?:live|test|prod)_[0-9A-Za-z]{10,247}'), group: 1 },
  { id: 'webhook-signing-secret', label: 'webhook signing secret', pattern: /(?<![A-Za-z0-9_-])(whsec_[0-9A-Za-z+/]{32,128}={0,2})(?![A-Za-z0-9_+/=-])/g, group: 1 },
  { id: 'slack-bot-token', label: 'Slack bot token', pattern: re('xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[0-9A-Za-z]{18,64}'), group: 1 },
  { id: 'slack-user-token', label: 'Slack user token', pattern: re('xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9A-Za-z]{28,34}'), group: 1 },
  { id: 'slack-token', label: 'Slack token', pattern: re('xox[aeors]-[0-9]{1,14}-[0-9A-Za-z-]{16,200}|xoxe\\.xox[bp]-[0-9]-[0-9A-Za-z]{140,200}'), group: 1 },
  {
    id: 'slack-webhook-url',
    label: 'Slack webhook URL',
    pattern: /(https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[0-9A-Z]{6,12}\/[AB][0-9A-Z]{6,12}\/(?:[0-9]{6,20}\/)?[0-9A-Za-z]{20,64})(?![0-9A-Za-z])/g,
    group: 1,
  },
  { id: 'twilio-api-key', label: 'Twilio API key', pattern: /(?<![A-Za-z0-9_-])(SK[0-9a-fA-F]{32})(?![A-Za-z0-9_-])/g, group: 1 },
  { id: 'sendgrid-api-key', label: 'SendGrid API key', pattern: /(?<![A-Za-z0-9_.-])(SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?![A-Za-z0-9_-])/g, group: 1 },
  { id: 'mailgun-api-key', label: 'Mailgun API key', pattern: re('key-[0-9a-f]{32}'), group: 1 },
  { id: 'google-api-key', label: 'Google API key', pattern: re('AIza[0-9A-Za-z_-]{35}'), group: 1 },
  { id: 'npm-access-token', label: 'npm access token', pattern: re('npm_[0-9A-Za-z]{36}'), group: 1 },
  { id: 'shopify-token', label: 'Shopify access token or shared secret', pattern: re('shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}'), group: 1 },
  { id: 'openai-api-key', label: 'OpenAI API key', pattern: re('sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{20,200}T3BlbkFJ[0-9A-Za-z_-]{20,200}'), group: 1 },
  { id: 'anthropic-api-key', label: 'Anthropic API key', pattern: re('sk-ant-(?:api|admin)[0-9]{2}-[0-9A-Za-z_-]{80,120}'), group: 1 },
  { id: 'digitalocean-token', label: 'DigitalOcean token', pattern: re('do[opr]_v1_[0-9a-f]{64}'), group: 1 },
  { id: 'pypi-token', label: 'PyPI upload token', pattern: re('pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}'), group: 1 },
  { id: 'newrelic-user-api-key', label: 'New Relic user API key', pattern: re('NRAK-[0-9A-Z]{27}'), group: 1 },
  {
    id: 'azure-storage-account-key',
    label: 'Azure storage account key',
    pattern: /AccountKey=([0-9A-Za-z+/]{86}==)(?![0-9A-Za-z+/=])/g,
    group: 1,
  },
  {
    id: 'azure-shared-access-key',
    label: 'Azure shared access key',
    pattern: /SharedAccessKey=([0-9A-Za-z+/]{43}=)(?![0-9A-Za-z+/=])/g,
    group: 1,
  },
  { id: 'jwt', label: 'JSON Web Token', pattern: /(?<![A-Za-z0-9_.-])(eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{20,})(?![A-Za-z0-9_.-])/g, group: 1, validate: isRealJwt },
  {
    id: 'private-key',
    label: 'private key',
    pattern: /(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$))/g,
    group: 1,
    validate: hasKeyMaterial,
  },
];

export interface ContextualTokenPattern {
  readonly id: string;
  readonly label: string;
  /** The key (config var name, normalised with normalizeKeyName) that gives the value its meaning. */
  readonly key: RegExp;
  /** The whole (trimmed) value. */
  readonly value: RegExp;
  readonly validate?: (text: string) => boolean;
}

/**
 * Formats that are only recognisable together with their key name: a legacy Heroku API key is a bare UUID,
 * an AWS secret access key is 40 base64 characters. They match a keyed value, or a `NAME=value` assignment
 * inside a command.
 */
export const CONTEXTUAL_TOKEN_PATTERNS: readonly ContextualTokenPattern[] = [
  {
    id: 'heroku-api-key',
    label: 'Heroku API key',
    key: /^HEROKU_(API_KEY|API_TOKEN|AUTH_TOKEN|TOKEN|OAUTH(_[A-Z]+)*|OAUTH_TOKEN)$/,
    value: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    validate: (text) => shannonEntropy(text) >= 3,
  },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    key: /(^|_)AWS_?SECRET(_ACCESS)?_KEY$|^SECRET_ACCESS_KEY$|^AWS_SECRET$/,
    value: /^[0-9A-Za-z/+]{40}$/,
    validate: (text) => /[A-Z]/.test(text) && /[a-z]/.test(text) && /[0-9]/.test(text) && shannonEntropy(text) >= 4,
  },
];

export interface TokenMatch extends Match {
  readonly id: string;
  readonly label: string;
}

/** Whether a token-shaped match is a stand-in: `xxxx` runs, `EXAMPLE`, one repeated character, too little variety. */
export function looksFake(text: string): boolean {
  if (isPlaceholder(text)) return true;
  if (/(.)\1{7,}/.test(text)) return true;
  return text.length >= 20 && shannonEntropy(text) < 3;
}

/**
 * Known credential formats found in a value (catalog KNOWN_TOKEN). With `key`, the value's config var name,
 * the key-dependent formats (legacy Heroku API key, AWS secret access key) are checked too; without it they
 * are checked on `NAME=value` assignments inside the value (a command).
 */
export function findKnownTokens(value: string, key?: string): TokenMatch[] {
  if (typeof value !== 'string' || value.length === 0) return [];
  // Several rules ask about the same value, and the editor asks again on every keystroke: the answer depends on
  // the value and key alone, so it is kept (for values of ordinary size, in a bounded map).
  if (value.length > TOKEN_CACHE_MAX_VALUE) return scanKnownTokens(value, key);
  const cacheKey = typeof key === 'string' ? `${key.length}:${key}${value}` : `-${value}`;
  let found = tokenCache.get(cacheKey);
  if (!found) {
    found = scanKnownTokens(value, key);
    if (tokenCache.size >= TOKEN_CACHE_ENTRIES) tokenCache.clear();
    tokenCache.set(cacheKey, found);
  }
  return found.slice();
}

const TOKEN_CACHE_ENTRIES = 10_000;
const TOKEN_CACHE_MAX_VALUE = 4096;
const tokenCache = new Map<string, readonly TokenMatch[]>();

function scanKnownTokens(value: string, key: string | undefined): TokenMatch[] {
  const found: TokenMatch[] = [...formatMatches(value)];
  const keyed: { name: string; value: string; start: number }[] = [];
  if (typeof key === 'string') {
    const trimmed = value.trim();
    keyed.push({ name: key, value: trimmed, start: value.indexOf(trimmed) });
  }
  for (const assignment of findAssignments(value)) {
    if (assignment.verbatim) keyed.push({ name: assignment.name, value: assignment.value, start: assignment.valueStart });
  }
  for (const candidate of keyed) {
    const name = normalizeKeyName(candidate.name);
    for (const token of CONTEXTUAL_TOKEN_PATTERNS) {
      if (!token.key.test(name) || !token.value.test(candidate.value) || looksFake(candidate.value)) continue;
      if (token.validate && !token.validate(candidate.value)) continue;
      found.push({ id: token.id, label: token.label, start: candidate.start, end: candidate.start + candidate.value.length, text: candidate.value });
    }
  }
  return dropContained(found);
}

/**
 * The TOKEN_PATTERNS matches of a value, before contained ones are dropped. They depend on the value alone, and
 * the same value comes under many keys (`production`, `info`): kept by value, for values of ordinary size.
 */
function formatMatches(value: string): readonly TokenMatch[] {
  if (value.length > TOKEN_CACHE_MAX_VALUE) return scanFormats(value);
  let found = formatCache.get(value);
  if (!found) {
    found = scanFormats(value);
    if (formatCache.size >= TOKEN_CACHE_ENTRIES) formatCache.clear();
    formatCache.set(value, found);
  }
  return found;
}

const formatCache = new Map<string, readonly TokenMatch[]>();

function scanFormats(value: string): TokenMatch[] {
  const found: TokenMatch[] = [];
  for (const token of TOKEN_PATTERNS) {
    token.pattern.lastIndex = 0;
    for (const match of value.matchAll(token.pattern)) {
      const text = match[token.group ?? 0];
      const start = match.index + match[0].indexOf(text);
      if (token.id === 'private-key' ? isPlaceholder(text) : looksFake(text)) continue;
      if (token.validate && !token.validate(text)) continue;
      found.push({ id: token.id, label: token.label, start, end: start + text.length, text });
    }
  }
  return found;
}

/** Sorts by position and drops matches that lie inside a longer one (a token inside a private key block). */
function dropContained(matches: TokenMatch[]): TokenMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TokenMatch[] = [];
  for (const match of sorted) {
    const last = out[out.length - 1];
    if (last && match.start >= last.start && match.end <= last.end) continue;
    out.push(match);
  }
  return out;
}

// ---------- private keys ----------

export interface PrivateKeyMatch extends Match {
  /** The PEM label, e.g. `RSA PRIVATE KEY`, `OPENSSH PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`. */
  readonly type: string;
  /** `[start, end)` of the `-----BEGIN … PRIVATE KEY-----` line within the value. */
  readonly headerStart: number;
  readonly headerEnd: number;
}

const PEM_HEADER = /-----BEGIN ([A-Z0-9_ -]{0,100}PRIVATE KEY(?: BLOCK)?)-----/g;

/** Whether the text after a PEM header carries key material (not `...` or `<your key>`). */
function hasKeyMaterial(block: string): boolean {
  const body = block
    .replace(/^-----BEGIN[^\n]*?-----/, '')
    .replace(/-----END[\s\S]*$/, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '') // Proc-Type, DEK-Info headers
    .replace(/\\n/g, '\n')
    .trim();
  if (isPlaceholder(body)) return false;
  return (body.match(/[A-Za-z0-9+/=]/g) ?? []).length >= 32;
}

/** `-----BEGIN … PRIVATE KEY-----` blocks that carry key material (catalog HRK-SEC-004). */
export function findPrivateKeys(value: string): PrivateKeyMatch[] {
  if (typeof value !== 'string') return [];
  // PEM_HEADER starts with this literal text: without it there is nothing to scan for.
  if (!value.includes('-----BEGIN ')) return [];
  return scanPrivateKeys(value);
}

/** findPrivateKeys() without its prefilter: the regex over the whole value. */
export function scanPrivateKeys(value: string): PrivateKeyMatch[] {
  const out: PrivateKeyMatch[] = [];
  for (const header of value.matchAll(PEM_HEADER)) {
    const start = header.index;
    const endMarker = /-----END [A-Z0-9_ -]{0,100}PRIVATE KEY(?: BLOCK)?-----/g;
    endMarker.lastIndex = start + header[0].length;
    const end = endMarker.exec(value);
    const blockEnd = end ? end.index + end[0].length : value.length;
    const text = value.slice(start, blockEnd);
    if (!hasKeyMaterial(text)) continue;
    out.push({ start, end: blockEnd, text, type: header[1].trim(), headerStart: start, headerEnd: start + header[0].length });
  }
  return out;
}

// ---------- JWT ----------

function decodeBase64UrlJson(part: string): unknown {
  try {
    const text = Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A JWT whose header names an algorithm and that is not a public "anon" key (Supabase publishes those). */
function isRealJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  const head = decodeBase64UrlJson(header);
  if (typeof head !== 'object' || head === null || typeof (head as Record<string, unknown>).alg !== 'string') return false;
  if ((head as Record<string, unknown>).alg === 'none') return false;
  const body = decodeBase64UrlJson(payload);
  if (typeof body !== 'object' || body === null) return false;
  return (body as Record<string, unknown>).role !== 'anon';
}

// ---------- generic secrets (HRK-SEC-005) ----------

/** Words that make a key name suggest a secret, in the spirit of the gitleaks `generic-api-key` keywords. */
const GENERIC_KEYWORD_SEGMENT = /^(KEY|KEYS|APIKEY|TOKEN|SECRET|PASS|PASSWD|PASSWORD|PWD|AUTH|ACCESS|CREDENTIAL|CREDENTIALS|PRIVATE|SALT|PEPPER|SIGNATURE|HMAC|SEED|CIPHER|PASSPHRASE)$/;
const GENERIC_KEYWORD_INFIX = /APIKEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|PASSPHRASE/;
/** Keys that name public or non-secret values: publishable keys, site keys, IDs, cache keys. */
const PUBLIC_NAME =
  /PUBLIC|PUBLISHABLE|(^|_)PUB_KEY|SITE_?KEY|(^|_)ID$|(^|_)IDS$|_ID_|(^|_)CACHE_KEY|(^|_)(SORT|PARTITION|PRIMARY|FOREIGN|ROUTING|IDEMPOTENCY)_KEY|KEY_PREFIX|(^|_)KEY_(NAME|PATH|FILE)$|(^|_)(PUSHER|ALGOLIA_SEARCH|ALGOLIA_SEARCH_ONLY|MAPBOX)_?(APP_)?KEY$/;
const HOSTNAME = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;
const VERSION = /^v?\d+(\.\d+)+([-+][0-9A-Za-z.+-]*)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `Provider`, `company`: three or more letters, lowercase or capitalised, with vowels and no four consonants in a row. */
function isWordLike(run: string): boolean {
  return run.length >= 3 && /^[A-Z]?[a-z]+$/.test(run) && /[aeiouy]/i.test(run) && !/[^aeiouy]{4,}/i.test(run);
}

/**
 * Whether a value is mostly made of words (`GoogleOAuth2Provider`, `my-company-production-2024`): at least 70%
 * of its letters are in word-like runs. Random strings have short or unpronounceable runs; hex strings are never words.
 */
export function looksLikeWords(text: string): boolean {
  const letters = (text.match(/[A-Za-z]/g) ?? []).length;
  if (letters === 0 || /^[0-9a-f]+$/i.test(text)) return false;
  // Digits scattered between letters (`ma37ubhv1leoc`) mark generated strings; names keep digits at the edges.
  if ((text.match(/[A-Za-z][0-9]+(?=[A-Za-z])/g) ?? []).length >= 2) return false;
  let wordLetters = 0;
  for (const run of text.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []) if (isWordLike(run)) wordLetters += run.length;
  return wordLetters >= 6 && wordLetters / letters >= 0.7;
}

/** Whether a key name hints at a secret without being a SECRET_NAME (`APP_KEY`, `RAILS_MASTER_KEY`, `MAILGUNAPIKEY`). */
export function isGenericSecretName(key: string): boolean {
  if (typeof key !== 'string') return false;
  const name = normalizeKeyName(key);
  if (PUBLIC_NAME.test(name) || DESCRIPTOR_SUFFIX.test(name)) return false;
  return name.split('_').some((segment) => GENERIC_KEYWORD_SEGMENT.test(segment)) || GENERIC_KEYWORD_INFIX.test(name);
}

/** The minimum Shannon entropy (bits per character) of a generic secret; hex has at most 4 bits per character. */
export const GENERIC_SECRET_MIN_ENTROPY = 3.5;
export const GENERIC_HEX_SECRET_MIN_ENTROPY = 3;
export const GENERIC_SECRET_MIN_LENGTH = 16;

/**
 * Whether a value looks like a randomly generated secret (catalog HRK-SEC-005): at least 16 characters,
 * no whitespace, at least 3.5 bits of entropy per character, mixed character classes, and not a placeholder,
 * reference, URL, path, host name, e-mail address, UUID, version number, or run of words such as `GoogleOAuth2Provider`.
 */
export function isHighEntropySecret(value: string): boolean {
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text.length < GENERIC_SECRET_MIN_LENGTH || text.length > 4096 || /\s/.test(text)) return false;
  if (isPlaceholder(text) || isBooleanOrNumber(text) || hasReference(text)) return false;
  if (URL_LIKE.test(text) || isPathLike(text) || HOSTNAME.test(text) || EMAIL.test(text) || UUID.test(text) || VERSION.test(text)) return false;
  if (/^pk_(live|test)_/.test(text)) return false; // Stripe publishable key
  if (looksLikeWords(text)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(text)).length;
  if (classes < 2 || !/[0-9]/.test(text)) return false;
  const hex = /^[0-9a-f]{32,}$/i.test(text);
  return shannonEntropy(text) >= (hex ? GENERIC_HEX_SECRET_MIN_ENTROPY : GENERIC_SECRET_MIN_ENTROPY);
}
