/**
 * Credential detectors shared by the SEC, APPJSON, PROC, CMD, HYML (and later TF) rules.
 * The definitions follow rules-catalog.md §0.3 (SECRET_NAME, PLACEHOLDER, URL_CREDS, KNOWN_TOKEN).
 */

const SECRET_NAME = /(^|_)(SECRET|TOKEN|PASSWORD|PASSWD|PWD|PASSPHRASE|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_?TOKEN|SIGNING_?KEY|ENCRYPTION_?KEY)(_|$)/i;
const NOT_SECRET_NAME = /PUBLIC_KEY|PUBLISHABLE_KEY|_KEY_ID$/i;

/** Whether a config var or map key names a secret (catalog SECRET_NAME). */
export function isSecretName(key: string): boolean {
  const normalized = key.replace(/[-.\s]/g, '_');
  return SECRET_NAME.test(normalized) && !NOT_SECRET_NAME.test(normalized);
}

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\s*$/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\{\{.*\}\}$/s, // {{...}}
  /^<[^<>]*>$/, // <...>
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^(changeme|change[-_ ]?me|replace[-_ ]?me|todo|tbd|none|null|nil|undefined|redacted|secret|password|example|sample|dummy|placeholder|test|fake)$/i,
  /^x{3,}$/i,
  /^\*{3,}$/,
  /^(your|my|enter|insert|put)[-_ ].*/i,
  /^.*[-_]here$/i,
  /example/i,
];

/** Whether a value is a placeholder rather than a real secret (catalog PLACEHOLDER). */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  return PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(trimmed));
}

export interface Match {
  /** `[start, end)` within the scanned value. */
  readonly start: number;
  readonly end: number;
  /** The matched text (the secret part). Never print it: mask it with maskSecret(). */
  readonly text: string;
}

export interface UrlCredentialMatch extends Match {
  /** The URL scheme, e.g. `postgres`. */
  readonly scheme: string;
  /** `[start, end)` of the whole `user:password@` part within the value. */
  readonly userinfoStart: number;
  readonly userinfoEnd: number;
}

const URL_CREDS = /\b([a-z][a-z0-9+.-]*):\/\/([^/\s:@'"]*):([^/\s@'"]+)@/gi;

/** URLs whose userinfo carries a password that is not a placeholder (catalog URL_CREDS). */
export function findUrlCredentials(value: string): UrlCredentialMatch[] {
  const out: UrlCredentialMatch[] = [];
  for (const match of value.matchAll(URL_CREDS)) {
    const password = match[3];
    if (isPlaceholder(password) || isPlaceholder(decodeSafe(password))) continue;
    const userinfoStart = match.index + match[1].length + 3;
    const passwordStart = userinfoStart + match[2].length + 1;
    out.push({
      start: passwordStart,
      end: passwordStart + password.length,
      text: password,
      scheme: match[1].toLowerCase(),
      userinfoStart,
      userinfoEnd: passwordStart + password.length + 1,
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

export interface TokenPattern {
  /** gitleaks-style id, e.g. `aws-access-token`. */
  readonly id: string;
  /** Human label for messages, e.g. `AWS access key ID`. */
  readonly label: string;
  readonly pattern: RegExp;
  /** Index of the capture group that holds the secret; the whole match when absent. */
  readonly group?: number;
}

/** Publicly documented credential formats. Each pattern is global and anchored on token boundaries. */
export const TOKEN_PATTERNS: readonly TokenPattern[] = [
  { id: 'aws-access-token', label: 'AWS access key ID', pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g, group: 1 },
  { id: 'heroku-api-key-v2', label: 'Heroku API key', pattern: /\b(HRKU-AA[0-9a-zA-Z_-]{58})(?![0-9a-zA-Z_-])/g, group: 1 },
  { id: 'github-pat', label: 'GitHub personal access token', pattern: /\b(ghp_[0-9a-zA-Z]{36})\b/g, group: 1 },
  { id: 'github-fine-grained-pat', label: 'GitHub fine-grained token', pattern: /\b(github_pat_[0-9a-zA-Z_]{82})\b/g, group: 1 },
  { id: 'github-oauth', label: 'GitHub OAuth token', pattern: /\b(gho_[0-9a-zA-Z]{36})\b/g, group: 1 },
  { id: 'github-app-token', label: 'GitHub app token', pattern: /\b((?:ghu|ghs)_[0-9a-zA-Z]{36})\b/g, group: 1 },
  { id: 'github-refresh-token', label: 'GitHub refresh token', pattern: /\b(ghr_[0-9a-zA-Z]{36})\b/g, group: 1 },
  { id: 'stripe-access-token', label: 'Stripe secret key', pattern: /\b((?:sk|rk)_(?:test|live|prod)_[0-9a-zA-Z]{10,99})\b/g, group: 1 },
  { id: 'slack-bot-token', label: 'Slack bot token', pattern: /\b(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*)/g, group: 1 },
  { id: 'slack-user-token', label: 'Slack user token', pattern: /\b(xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34})/g, group: 1 },
  { id: 'slack-webhook-url', label: 'Slack webhook URL', pattern: /(https?:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/g, group: 1 },
  { id: 'private-key', label: 'private key', pattern: /(-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|$))/g, group: 1 },
];

export interface TokenMatch extends Match {
  readonly id: string;
  readonly label: string;
}

/** Known credential formats found in a value (catalog KNOWN_TOKEN). */
export function findKnownTokens(value: string): TokenMatch[] {
  const out: TokenMatch[] = [];
  for (const token of TOKEN_PATTERNS) {
    token.pattern.lastIndex = 0;
    for (const match of value.matchAll(token.pattern)) {
      const text = match[token.group ?? 0];
      const start = match.index + match[0].indexOf(text);
      if (isPlaceholder(text)) continue;
      out.push({ id: token.id, label: token.label, start, end: start + text.length, text });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
