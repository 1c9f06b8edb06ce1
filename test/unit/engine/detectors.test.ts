/**
 * The credential detectors against positive samples (format-valid fakes generated here from a fixed seed, so
 * that no real credential is ever stored) and negative samples (near misses: wrong length or alphabet,
 * placeholders, vendors' documented examples). Every TOKEN_PATTERNS id must have a table entry.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CONTEXTUAL_TOKEN_PATTERNS,
  findAssignments,
  findKnownTokens,
  findPrivateKeys,
  findUrlCredentials,
  isGenericSecretName,
  isHighEntropySecret,
  isLiteralSecretValue,
  isPlaceholder,
  isSecretIdName,
  isSecretName,
  looksLikeWords,
  shannonEntropy,
  TOKEN_PATTERNS,
} from '../../../src/engine/detectors/secrets';

// ---------- deterministic fake material ----------

let seed = 0x5ec4e11;
function random(): number {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX = '0123456789abcdef';
const BASE32 = `${UPPER}234567`;
const BASE64 = `${ALNUM}+/`;
const URLSAFE = `${ALNUM}_-`;

/** `n` random characters of `alphabet`, guaranteed to mix classes when the alphabet has them. */
function chars(n: number, alphabet = ALNUM): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    const needs = [UPPER, LOWER, DIGITS].filter((cls) => [...cls].some((c) => alphabet.includes(c)));
    if (n < 12 || needs.every((cls) => [...out].some((c) => cls.includes(c)))) return out;
  }
}

function uuid(): string {
  return `${chars(8, HEX)}-${chars(4, HEX)}-4${chars(3, HEX)}-a${chars(3, HEX)}-${chars(12, HEX)}`;
}

function b64url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function jwt(payload: object, alg = 'HS256'): string {
  return `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}.${chars(43, URLSAFE)}`;
}

function pem(type: string, lines = 6): string {
  const body = Array.from({ length: lines }, () => chars(64, BASE64)).join('\n');
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----`;
}

/** Ways a token shows up in a scanned value. */
const CONTEXTS: readonly ((token: string) => string)[] = [
  (t) => t,
  (t) => `Bearer ${t}`,
  (t) => `KEY=${t} bin/start`,
  (t) => `"${t}"`,
];

interface TokenCase {
  readonly id: string;
  /** Puts a generated secret in the text around it that the format needs (`AccountKey=…`). */
  readonly around?: (secret: string) => string;
  /** Generated tokens; each is checked bare and in every CONTEXTS wrapper. */
  readonly positives: readonly string[];
  /** Values that must produce no match of any pattern. */
  readonly negatives: readonly string[];
}

const TOKEN_CASES: readonly TokenCase[] = [
  {
    id: 'aws-access-token',
    positives: [`AKIA${chars(16, BASE32)}`, `ASIA${chars(16, BASE32)}`, `ABIA${chars(16, BASE32)}`, `ACCA${chars(16, BASE32)}`],
    negatives: [
      'AKIAIOSFODNN7EXAMPLE', // AWS's documented example
      'AKIAXXXXXXXXXXXXXXXX',
      `AKIA${chars(15, BASE32)}`, // too short
      `AKIA${chars(17, BASE32)}`, // too long
      `AKIA${chars(15, BASE32)}1`, // 1 is not base32
      `akia${chars(16, BASE32).toLowerCase()}`,
      'TODAYINASIAASACKOFRICEFELLOVER',
    ],
  },
  {
    id: 'heroku-api-key-v2',
    positives: [`HRKU-AA${chars(58, URLSAFE)}`, `HRKU-AA${chars(58, URLSAFE)}`, `HRKU-AA${chars(58)}`],
    negatives: [`HRKU-AA${chars(57, URLSAFE)}`, `HRKU-AB${chars(58, URLSAFE)}`, `HRKU-AA${'x'.repeat(58)}`, 'HRKU-AA<your-api-key>'],
  },
  {
    id: 'github-pat',
    positives: [`ghp_${chars(36)}`, `ghp_${chars(36)}`, `ghp_${chars(36)}`],
    negatives: [`ghp_${chars(35)}`, `ghp_${chars(36, LOWER + UPPER + DIGITS + '-').replace(/^(.{10})/, '$1-')}`, 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_your_token_here', `xghp_${chars(36)}`],
  },
  {
    id: 'github-fine-grained-pat',
    positives: [`github_pat_${chars(22)}_${chars(59)}`, `github_pat_${chars(22)}_${chars(59)}`, `github_pat_${chars(22)}_${chars(59)}`],
    negatives: [`github_pat_${chars(22)}_${chars(58)}`, `github_pat_${chars(21)}_${chars(59)}`, 'github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  },
  {
    id: 'github-oauth',
    positives: [`gho_${chars(36)}`, `gho_${chars(36)}`, `gho_${chars(36)}`],
    negatives: [`gho_${chars(30)}`, 'gho_<token>', `gho-${chars(36)}`],
  },
  {
    id: 'github-app-token',
    positives: [`ghu_${chars(36)}`, `ghs_${chars(36)}`, `ghs_${chars(36)}`],
    negatives: [`ghs_${chars(35)}`, `ght_${chars(36)}`, 'ghs_****'],
  },
  {
    id: 'github-refresh-token',
    positives: [`ghr_${chars(36)}`, `ghr_${chars(76)}`, `ghr_${chars(36)}`],
    negatives: [`ghr_${chars(20)}`, 'ghr_…', `ghr_${'0'.repeat(36)}`],
  },
  {
    id: 'gitlab-pat',
    positives: [`glpat-${chars(20, URLSAFE)}`, `glpat-${chars(20)}`, `glpat-${chars(27, URLSAFE)}.${chars(2, LOWER + DIGITS)}${chars(7, LOWER + DIGITS)}`],
    negatives: [`glpat-${chars(19)}`, `glpat-${chars(21)}`, 'glpat-XXXXXXXXXXX-XXXXXXXX', 'glpat-xxxxxxxx-xxxxxxxxxxxxxxxxxx.xxxxxxxxx'],
  },
  {
    id: 'gitlab-deploy-token',
    positives: [`gldt-${chars(20, URLSAFE)}`, `gldt-${chars(20)}`, `gldt-${chars(20)}`],
    negatives: [`gldt-${chars(19)}`, 'gldt-xxxxxxxxxxxxxxxxxxxx', `gldt_${chars(20)}`],
  },
  {
    id: 'gitlab-runner-token',
    positives: [`glrt-${chars(20)}`, `glrt-t1_${chars(27, URLSAFE)}.${chars(9, LOWER + DIGITS)}`, `glrt-${chars(20, URLSAFE)}`],
    negatives: [`glrt-${chars(18)}`, 'glrt-tx_xxxxxxxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxx'],
  },
  {
    id: 'gitlab-pipeline-trigger-token',
    positives: [`glptt-${chars(40, HEX)}`, `glptt-${chars(40, HEX)}`, `glptt-${chars(40, HEX)}`],
    negatives: [`glptt-${chars(39, HEX)}`, `glptt-${chars(40, ALNUM)}`, `glptt-${'x'.repeat(40)}`],
  },
  {
    id: 'stripe-secret-key',
    positives: [`sk_live_${chars(24)}`, `sk_test_${chars(24)}`, `sk_live_${chars(99)}`, `sk_test_51${chars(97)}`, `sk_live_${chars(12)}`, `sk_prod_${chars(24)}`],
    negatives: [
      'sk_live_xxxxxxxx',
      'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx',
      `sk_live_${chars(8)}`, // too short
      'sk_test_4eC39HqLyjWDarjtT1zdp7dc', // Stripe's documented test key
      `pk_live_${chars(24)}`, // publishable
      'sk_live_your_secret_key_here',
      `sk_demo_${chars(24)}`,
    ],
  },
  {
    id: 'stripe-restricted-key',
    positives: [`rk_live_${chars(24)}`, `rk_test_${chars(24)}`, `rk_live_${chars(99)}`],
    negatives: [`rk_live_${chars(8)}`, 'rk_live_************************', `rk_demo_${chars(24)}`],
  },
  {
    id: 'webhook-signing-secret',
    positives: [`whsec_${chars(32)}`, `whsec_${chars(64, HEX)}`, `whsec_${chars(43, BASE64)}=`],
    negatives: [`whsec_${chars(20)}`, 'whsec_...', 'whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'whsec_<your signing secret>'],
  },
  {
    id: 'slack-bot-token',
    positives: [
      `xoxb-${chars(12, DIGITS)}-${chars(13, DIGITS)}-${chars(24)}`,
      `xoxb-${chars(13, DIGITS)}-${chars(13, DIGITS)}-${chars(24)}`,
      `xoxb-${chars(12, DIGITS)}-${chars(24)}`, // legacy two-part bot token
    ],
    negatives: ['xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx', 'xoxb-xxx', 'xoxb-12345-abcd234', 'xoxb-your-bot-token', `xoxb-${chars(12, DIGITS)}-${chars(13, DIGITS)}-${'X'.repeat(24)}`],
  },
  {
    id: 'slack-user-token',
    positives: [
      `xoxp-${chars(11, DIGITS)}-${chars(12, DIGITS)}-${chars(12, DIGITS)}-${chars(32, HEX)}`,
      `xoxp-${chars(12, DIGITS)}-${chars(13, DIGITS)}-${chars(13, DIGITS)}-${chars(32)}`,
      `xoxp-${chars(12, DIGITS)}-${chars(12, DIGITS)}-${chars(12, DIGITS)}-${chars(32, HEX)}`,
    ],
    negatives: ['xoxp-1234567890', 'xoxp-XXXXXXXXXX-XXXXXXXXXX-XXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', `xoxp-1234-1234-1234-${chars(32, HEX)}`],
  },
  {
    id: 'slack-token',
    positives: [
      `xoxa-2-${chars(9, DIGITS)}-${chars(11, DIGITS)}-${chars(13, DIGITS)}-${chars(18, HEX)}`,
      `xoxe-1-${chars(146)}`,
      `xoxe.xoxp-1-${chars(163)}`,
      `xoxs-${chars(10, DIGITS)}-${chars(10, DIGITS)}-${chars(10, DIGITS)}-${chars(10, HEX)}`,
    ],
    negatives: ['xoxe-1-xxx', 'xoxa-faketoken', 'https://github.com/xoxa-nyc/xoxa-nyc.github.io', 'xoxe.xoxp-1-RANDOMSTRINGHERE'],
  },
  {
    id: 'slack-webhook-url',
    positives: [
      `https://hooks.slack.com/services/T${chars(8, UPPER + DIGITS)}/B${chars(10, UPPER + DIGITS)}/${chars(24)}`,
      `https://hooks.slack.com/services/T${chars(10, UPPER + DIGITS)}/B${chars(11, UPPER + DIGITS)}/${chars(24)}`,
      `https://hooks.slack.com/workflows/T${chars(9, UPPER + DIGITS)}/A${chars(10, UPPER + DIGITS)}/${chars(18, DIGITS)}/${chars(24)}`,
    ],
    negatives: [
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', // Slack's documented example
      'https://hooks.slack.com/services/XXX/YYY/ZZZ',
      'https://hooks.slack.com/services/<your-webhook>',
      'https://api.slack.com/messaging/webhooks',
    ],
  },
  {
    id: 'twilio-api-key',
    positives: [`SK${chars(32, HEX)}`, `SK${chars(32, HEX)}`, `SK${chars(32, HEX)}`],
    negatives: [`SK${chars(31, HEX)}`, `SK${chars(33, HEX)}`, `SK${chars(32, ALNUM)}`, `AC${chars(32, HEX)}`, `SK${'x'.repeat(32)}`],
  },
  {
    id: 'sendgrid-api-key',
    positives: [`SG.${chars(22, URLSAFE)}.${chars(43, URLSAFE)}`, `SG.${chars(22)}.${chars(43)}`, `SG.${chars(22, URLSAFE)}.${chars(43, URLSAFE)}`],
    negatives: [`SG.${chars(21)}.${chars(43)}`, `SG.${chars(22)}.${chars(42)}`, 'SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'SG.your-api-key'],
  },
  {
    id: 'mailgun-api-key',
    positives: [`key-${chars(32, HEX)}`, `key-${chars(32, HEX)}`, `key-${chars(32, HEX)}`],
    negatives: [`key-${chars(31, HEX)}`, `key-${chars(32, ALNUM)}`, `api-key-${'0'.repeat(32)}`, 'key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `monkey-${chars(32, HEX)}`],
  },
  {
    id: 'google-api-key',
    positives: [`AIza${chars(35, URLSAFE)}`, `AIza${chars(35)}`, `AIzaSy${chars(33, URLSAFE)}`],
    negatives: [`AIza${chars(34)}`, `AIza${chars(36)}`, 'AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIza<your key>'],
  },
  {
    id: 'npm-access-token',
    positives: [`npm_${chars(36)}`, `npm_${chars(36)}`, `npm_${chars(36)}`],
    negatives: [`npm_${chars(35)}`, `npm_${chars(37)}`, 'npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'npm_config_registry'],
  },
  {
    id: 'shopify-token',
    positives: [`shpat_${chars(32, HEX)}`, `shpss_${chars(32, HEX)}`, `shpca_${chars(32, HEX)}`, `shppa_${chars(32, HEX)}`],
    negatives: [`shpat_${chars(31, HEX)}`, `shpat_${chars(32, ALNUM)}`, `shpxx_${chars(32, HEX)}`, 'shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  {
    id: 'openai-api-key',
    positives: [`sk-${chars(20)}T3BlbkFJ${chars(20)}`, `sk-proj-${chars(74, URLSAFE)}T3BlbkFJ${chars(74, URLSAFE)}`, `sk-svcacct-${chars(40)}T3BlbkFJ${chars(40)}`],
    negatives: [`sk-${chars(48)}`, 'sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx', `sk-${chars(10)}T3BlbkFJ${chars(20)}`],
  },
  {
    id: 'anthropic-api-key',
    positives: [`sk-ant-api03-${chars(93, URLSAFE)}AA`, `sk-ant-admin01-${chars(93, URLSAFE)}AA`, `sk-ant-api03-${chars(80)}`],
    negatives: [`sk-ant-api03-${chars(40)}`, 'sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', `sk-ant-${chars(93)}`],
  },
  {
    id: 'digitalocean-token',
    positives: [`dop_v1_${chars(64, HEX)}`, `doo_v1_${chars(64, HEX)}`, `dor_v1_${chars(64, HEX)}`],
    negatives: [`dop_v1_${chars(63, HEX)}`, `dop_v2_${chars(64, HEX)}`, `dop_v1_${chars(64, ALNUM)}`],
  },
  {
    id: 'pypi-token',
    positives: [`pypi-AgEIcHlwaS5vcmc${chars(60, URLSAFE)}`, `pypi-AgEIcHlwaS5vcmc${chars(120, URLSAFE)}`, `pypi-AgEIcHlwaS5vcmc${chars(50)}`],
    negatives: [`pypi-AgEIcHlwaS5vcmc${chars(20)}`, `pypi-${chars(60)}`, 'pypi-AgEIcHlwaS5vcmcxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  },
  {
    id: 'newrelic-user-api-key',
    positives: [`NRAK-${chars(27, UPPER + DIGITS)}`, `NRAK-${chars(27, UPPER + DIGITS)}`, `NRAK-${chars(27, UPPER + DIGITS)}`],
    negatives: [`NRAK-${chars(26, UPPER + DIGITS)}`, `NRAK-${chars(27, LOWER + DIGITS)}`, 'NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX'],
  },
  {
    id: 'azure-storage-account-key',
    around: (key) => `DefaultEndpointsProtocol=https;AccountName=billingassets;AccountKey=${key};EndpointSuffix=core.windows.net`,
    positives: [`${chars(86, BASE64)}==`, `${chars(86, BASE64)}==`, `${chars(86, BASE64)}==`],
    negatives: [
      'DefaultEndpointsProtocol=https;AccountName=x;AccountKey=<key>;EndpointSuffix=core.windows.net',
      `AccountKey=${chars(85, BASE64)}==`,
      'UseDevelopmentStorage=true',
      `AccountKey=${'x'.repeat(86)}==`,
    ],
  },
  {
    id: 'azure-shared-access-key',
    around: (key) => `Endpoint=sb://billing.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${key}`,
    positives: [`${chars(43, BASE64)}=`, `${chars(43, BASE64)}=`, `${chars(43, BASE64)}=`],
    negatives: ['SharedAccessKeyName=RootManageSharedAccessKey', `SharedAccessKey=${chars(40, BASE64)}=`, 'SharedAccessKey=<key>'],
  },
  {
    id: 'jwt',
    positives: [jwt({ sub: uuid(), iat: 1700000000 }), jwt({ role: 'service_role', iss: 'supabase' }), jwt({ sub: 'worker', scope: 'admin' }, 'RS256')],
    negatives: [
      // jwt.io's published sample token
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      jwt({ role: 'anon', iss: 'supabase' }), // Supabase anon keys are public
      jwt({ sub: 'x' }, 'none'),
      `eyJ${chars(20)}.eyJ${chars(20)}.${chars(30)}`, // does not decode
      `eyJhbGciOiJIUzI1NiJ9.${chars(20)}`,
    ],
  },
  {
    id: 'private-key',
    positives: [pem('RSA PRIVATE KEY'), pem('PRIVATE KEY'), pem('OPENSSH PRIVATE KEY'), pem('EC PRIVATE KEY', 3), pem('ENCRYPTED PRIVATE KEY'), pem('PGP PRIVATE KEY BLOCK')],
    negatives: [
      '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----\n<your key here>\n-----END PRIVATE KEY-----',
      pem('PUBLIC KEY'),
      pem('CERTIFICATE'),
      'grep -q "BEGIN RSA PRIVATE KEY" key.pem',
    ],
  },
];

describe('TOKEN_PATTERNS', () => {
  it('has a sample table for every pattern', () => {
    const covered = new Set(TOKEN_CASES.map((c) => c.id));
    for (const pattern of TOKEN_PATTERNS) assert.ok(covered.has(pattern.id), `no samples for ${pattern.id}`);
    for (const id of covered) assert.ok(TOKEN_PATTERNS.some((p) => p.id === id), `samples for unknown pattern ${id}`);
  });

  for (const { id, positives, negatives, around } of TOKEN_CASES) {
    it(`${id}: ${positives.length} positive samples × ${CONTEXTS.length} contexts are found`, () => {
      for (const token of positives) {
        for (const wrap of CONTEXTS) {
          const value = wrap(around ? around(token) : token);
          const matches = findKnownTokens(value).filter((m) => m.id === id);
          assert.equal(matches.length, 1, `${id} not found exactly once in ${JSON.stringify(value.slice(0, 60))}`);
          assert.equal(matches[0].text, token);
          assert.equal(value.slice(matches[0].start, matches[0].end), token);
        }
      }
    });

    it(`${id}: ${negatives.length} negative samples match nothing`, () => {
      for (const value of negatives) {
        assert.deepEqual(
          findKnownTokens(value).map((m) => m.id),
          [],
          `unexpected match in ${JSON.stringify(value.slice(0, 60))}`,
        );
      }
    });
  }

  it('does not match inside longer words', () => {
    const token = `ghp_${chars(36)}`;
    assert.deepEqual(findKnownTokens(`x${token}`), []);
    assert.deepEqual(findKnownTokens(`${token}_x`), []);
    assert.deepEqual(findKnownTokens(`${token}-x`), []);
  });

  it('reports a token inside a private key block only as the key', () => {
    const block = `-----BEGIN RSA PRIVATE KEY-----\nAKIA${chars(16, BASE32)} ${chars(64, BASE64)}\n-----END RSA PRIVATE KEY-----`;
    assert.deepEqual(findKnownTokens(block).map((m) => m.id), ['private-key']);
  });

  it('never throws on odd input', () => {
    for (const value of ['', ' ', '\u0000', 'x'.repeat(100000), `${'-----BEGIN PRIVATE KEY-----'.repeat(50)}`, 'eyJ.eyJ.', '%%%', '\uD800']) {
      assert.doesNotThrow(() => findKnownTokens(value));
      assert.doesNotThrow(() => findKnownTokens(value, 'HEROKU_API_KEY'));
    }
    assert.deepEqual(findKnownTokens(undefined as unknown as string), []);
  });
});

interface ContextualCase {
  readonly id: string;
  readonly positives: readonly { key?: string; value: string; secret: string }[];
  readonly negatives: readonly { key?: string; value: string }[];
}

const herokuKey = uuid();
const awsSecret = chars(40, BASE64);
const CONTEXTUAL_CASES: readonly ContextualCase[] = [
  {
    id: 'heroku-api-key',
    positives: [
      { key: 'HEROKU_API_KEY', value: herokuKey, secret: herokuKey },
      { key: 'heroku_oauth_token', value: ` ${herokuKey} `, secret: herokuKey },
      { key: 'HEROKU_OAUTH', value: herokuKey, secret: herokuKey },
      { value: `HEROKU_API_KEY=${herokuKey} bin/deploy`, secret: herokuKey },
      { value: `export HEROKU_API_KEY='${herokuKey}' && heroku apps`, secret: herokuKey },
    ],
    negatives: [
      { key: 'REQUEST_ID', value: uuid() }, // a UUID under another name
      { value: uuid() },
      { key: 'HEROKU_APP_ID', value: uuid() },
      { key: 'HEROKU_API_KEY', value: '00000000-0000-0000-0000-000000000000' },
      { key: 'HEROKU_API_KEY', value: 'your-heroku-api-key' },
      { value: `HEROKU_API_KEY=$HEROKU_API_KEY bin/deploy` },
    ],
  },
  {
    id: 'aws-secret-access-key',
    positives: [
      { key: 'AWS_SECRET_ACCESS_KEY', value: awsSecret, secret: awsSecret },
      { key: 'BUCKETEER_AWS_SECRET_ACCESS_KEY', value: awsSecret, secret: awsSecret },
      { value: `AWS_SECRET_ACCESS_KEY=${awsSecret} aws s3 sync public s3://assets`, secret: awsSecret },
    ],
    negatives: [
      { key: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }, // AWS's documented example
      { key: 'AWS_SECRET_ACCESS_KEY', value: chars(39, BASE64) },
      { key: 'GIT_COMMIT', value: chars(40, HEX) },
      { value: awsSecret },
      { key: 'AWS_SECRET_ACCESS_KEY', value: 'a'.repeat(40) },
    ],
  },
];

describe('CONTEXTUAL_TOKEN_PATTERNS', () => {
  it('has a sample table for every pattern', () => {
    for (const pattern of CONTEXTUAL_TOKEN_PATTERNS) assert.ok(CONTEXTUAL_CASES.some((c) => c.id === pattern.id), `no samples for ${pattern.id}`);
  });
  for (const { id, positives, negatives } of CONTEXTUAL_CASES) {
    it(`${id}: ${positives.length} positive samples are found with their key`, () => {
      for (const { key, value, secret } of positives) {
        const matches = findKnownTokens(value, key).filter((m) => m.id === id);
        assert.equal(matches.length, 1, `${id} not found in ${key ?? ''}=${value.slice(0, 60)}`);
        assert.equal(value.slice(matches[0].start, matches[0].end), secret);
      }
    });
    it(`${id}: ${negatives.length} negative samples match nothing`, () => {
      for (const { key, value } of negatives) assert.deepEqual(findKnownTokens(value, key).map((m) => m.id), [], `${key ?? ''}=${value}`);
    });
  }
});

describe('isSecretName', () => {
  const secret = ['STRIPE_SECRET_KEY', 'DATABASE_PASSWORD', 'GITHUB_TOKEN', 'SENDGRID_API_KEY', 'APIKEY', 'apiKey', 'client-secret', 'AWS_SECRET_ACCESS_KEY', 'SECRET_KEY_BASE', 'PGPASSWORD', 'MYSQL_PWD', 'JWT_SIGNING_KEY', 'GOOGLE_CREDENTIALS', 'SMTP_PASSWD'];
  const notSecret = ['STRIPE_PUBLISHABLE_KEY', 'VAPID_PUBLIC_KEY', 'AWS_ACCESS_KEY_ID', 'TOKEN_URL', 'OAUTH_TOKEN_ENDPOINT', 'PASSWORD_MIN_LENGTH', 'JWT_SECRET_ALGORITHM', 'ACCESS_TOKEN_EXPIRES_IN', 'API_KEY_HEADER', 'PASSWORD_HASHERS', 'DATABASE_URL', 'SECRETARY_EMAIL', 'TOKENIZER', 'KEYBOARD', 'MONKEY_COUNT', 'RAILS_ENV'];
  it(`${secret.length} secret names and ${notSecret.length} other names`, () => {
    for (const key of secret) assert.ok(isSecretName(key), key);
    for (const key of notSecret) assert.ok(!isSecretName(key), key);
  });
  it('knows ID-type names', () => {
    assert.ok(isSecretIdName('AWS_ACCESS_KEY_ID'));
    assert.ok(!isSecretIdName('AWS_SECRET_ACCESS_KEY'));
    assert.ok(!isSecretIdName('CLIENT_ID'));
  });
});

describe('isPlaceholder', () => {
  const placeholders = ['', '  ', '$STRIPE_KEY', '${DATABASE_URL}', '${DB_PASS:-}', '${{ secrets.TOKEN }}', '{{ vault_token }}', '<your-token>', '[REDACTED]', '%API_KEY%', '__SECRET__', 'changeme', 'CHANGE_ME', 'replace-me', 'xxx', 'XXXXXXXX', '********', 'your-api-key', 'your_secret_here', 'enter your password', 'sk_live_xxxxxxxxxxxx', 'example-secret', 'TODO', 'dummy', 'abc...xyz', 'Set this in the dashboard', 'AKIAIOSFODNN7EXAMPLE'];
  // Weak values are still committed credentials (the catalog's PLACEHOLDER list has no such words).
  const real = ['hunter22!', 'Tr0ub4dor&3', 'c0rrect-h0rse', 'postgres', 'sk_live_4f9a2c1e7b3d', 'abcd1234efgh', 'secret', 'password', '12345678', '00000000'];
  it(`${placeholders.length} placeholders and ${real.length} literal values`, () => {
    for (const value of placeholders) assert.ok(isPlaceholder(value), JSON.stringify(value));
    for (const value of real) assert.ok(!isPlaceholder(value), JSON.stringify(value));
  });
});

describe('isLiteralSecretValue', () => {
  const literal = ['hunter22!', 'a8Fk2Lq9Zp3X', 'correct horse battery staple', 'pr0duct10n-s3cret', 'p@$sw0rd-2024', '/aB3dE9fGh2Kx+Lm0Qz7Tw=='];
  const notLiteral = ['short', 'true', 'false', '86400', '3.14', '$SECRET', 'https://auth.example.com/oauth/token', 'https://oauth2.googleapis.com/token', '/run/secrets/db_password', '/etc/ssl/private/server.key', './config/credentials.json', 'google-credentials.json', 'changeme', '${SECRET}', 'prefix-$SECRET_KEY', '$(cat /run/secrets/x)'];
  it(`${literal.length} literals and ${notLiteral.length} non-literals`, () => {
    for (const value of literal) assert.ok(isLiteralSecretValue(value), value);
    for (const value of notLiteral) assert.ok(!isLiteralSecretValue(value), value);
  });
});

describe('findUrlCredentials', () => {
  const positives: [string, string, string][] = [
    ['postgres://app_user:Pz8wLq2mXv@ec2-3-91-10-20.compute-1.amazonaws.com:5432/d8k2', 'postgres', 'Pz8wLq2mXv'],
    ['redis://:p7c1d9e2f4a6b8@ec2-54-1-2-3.compute-1.amazonaws.com:17310', 'redis', 'p7c1d9e2f4a6b8'],
    ['https://deploy:s3cr3tP4ss@git.example.org/repo.git', 'https', 's3cr3tP4ss'],
    ['amqps://svc:Zq8ReB3x@rabbit.internal.example.net/vhost', 'amqps', 'Zq8ReB3x'],
    ['DATABASE_URL=mysql://root:r00tPa55@db.example.net/app bin/migrate', 'mysql', 'r00tPa55'],
    // The catalog's URL_CREDS exempts only placeholders: weak and local passwords are committed all the same.
    ['postgres://u:p@h/db', 'postgres', 'p'],
    ['postgres://user:password@host/db', 'postgres', 'password'],
    ['postgres://postgres:postgres@localhost:5432/test', 'postgres', 'postgres'],
    ['redis://:secret@127.0.0.1:6379', 'redis', 'secret'],
    ['postgres://postgres:postgres@db:5432/app', 'postgres', 'postgres'],
  ];
  const negatives = [
    'postgres://user:${DB_PASSWORD}@db.example.net/app',
    'postgres://user:$DB_PASSWORD@db.example.net/app',
    'postgres://user:<password>@db.example.net/app',
    'postgres://user:****@db.example.net/app',
    'https://user@github.com/org/repo.git',
    'git@github.com:org/repo.git',
    'https://api.example.com:8443/path',
    'postgres://u:xxxxxxxx@db.example.net/app',
  ];
  it(`${positives.length} positive and ${negatives.length} negative samples`, () => {
    for (const [value, scheme, password] of positives) {
      const [match] = findUrlCredentials(value);
      assert.ok(match, value);
      assert.equal(match.scheme, scheme);
      assert.equal(match.text, password);
      assert.equal(value.slice(match.start, match.end), password);
    }
    for (const value of negatives) assert.deepEqual(findUrlCredentials(value), [], value);
  });
});

describe('findPrivateKeys', () => {
  it('finds the header of each block and its type', () => {
    const value = `${pem('RSA PRIVATE KEY')}\n${pem('CERTIFICATE')}\n${pem('EC PRIVATE KEY')}`;
    const keys = findPrivateKeys(value);
    assert.deepEqual(keys.map((k) => k.type), ['RSA PRIVATE KEY', 'EC PRIVATE KEY']);
    for (const key of keys) assert.match(value.slice(key.headerStart, key.headerEnd), /^-----BEGIN [A-Z ]+-----$/);
  });
  it('finds a key written with escaped newlines and without an END line', () => {
    assert.equal(findPrivateKeys(`-----BEGIN PRIVATE KEY-----\\n${chars(64, BASE64)}\\n${chars(64, BASE64)}`).length, 1);
  });
});

describe('findAssignments', () => {
  const cases: [string, string[]][] = [
    ['SECRET_KEY=abc123 bundle exec puma', ['SECRET_KEY=abc123']],
    ['export A=1 B="two words" && C=3 node app.js D=4', ['A=1', 'B=two words', 'C=3']],
    ["env -i TOKEN='t0k3n' PATH=/bin ./run", ['TOKEN=t0k3n', 'PATH=/bin']],
    ["sh -c 'PASSWORD=hunter22 ./start'", ['PASSWORD=hunter22']],
    ['bin/start --port=$PORT', []],
    ['echo FOO=bar', []],
    ['FOO=$(cat /run/secret) BAR=`date` ./x', ['FOO=$(cat /run/secret)', 'BAR=`date`']],
    ['exec nohup X=1 y', ['X=1']],
    ['a=1;b=2|c=3', ['a=1', 'b=2', 'c=3']],
  ];
  for (const [command, expected] of cases) {
    it(JSON.stringify(command), () => {
      const found = findAssignments(command);
      assert.deepEqual(found.map((a) => `${a.name}=${a.value}`), expected);
      for (const a of found) {
        assert.equal(command.slice(a.nameStart, a.nameEnd), a.name);
        if (a.verbatim) assert.equal(command.slice(a.valueStart, a.valueEnd), a.value);
      }
    });
  }
  it('never throws on unbalanced quotes', () => {
    for (const command of ['A="unterminated', "B='x", 'C=$(', 'D=`', '"', "'", '\\']) assert.doesNotThrow(() => findAssignments(command));
  });
});

describe('generic secrets (HRK-SEC-005)', () => {
  const names = ['APP_KEY', 'RAILS_MASTER_KEY', 'NEW_RELIC_LICENSE_KEY', 'MAILGUNAPIKEY', 'PUSHER_SECRET', 'HASH_SALT', 'WEBHOOK_SIGNATURE'];
  const notNames = ['STRIPE_PUBLISHABLE_KEY', 'RECAPTCHA_SITE_KEY', 'CACHE_KEY_PREFIX', 'GITHUB_CLIENT_ID', 'AUTH0_DOMAIN', 'PUSHER_APP_KEY', 'S3_BUCKET', 'KEY_PATH', 'LANG'];
  it(`${names.length} suggestive names and ${notNames.length} others`, () => {
    for (const key of names) assert.ok(isGenericSecretName(key), key);
    for (const key of notNames) assert.ok(!isGenericSecretName(key), key);
  });
  const random = [`base64:${Buffer.from(chars(32)).toString('base64')}`, chars(32), chars(40, HEX), chars(64, HEX)];
  const notRandom = ['GoogleOAuth2Provider', 'my-company-production-2024', 'aaaaaaaaaaaaaaaaaaaa1', 'auth.mycompany.example.com', 'ops@example.com', uuid(), 'https://example.com/a1b2c3d4e5', 'pk_live_51HxYz8a2b3c4d5e6f7', 'abcdefghijklmnopqrst', 'v1.2.3-rc.4+build.567', `${chars(8)} ${chars(8)}`];
  it(`${random.length} random and ${notRandom.length} non-random values`, () => {
    for (const value of random) assert.ok(isHighEntropySecret(value), `${value} (${shannonEntropy(value).toFixed(2)} bits)`);
    for (const value of notRandom) assert.ok(!isHighEntropySecret(value), value);
  });
  it('detects nearly all random lowercase-and-digit strings, which can read like words by chance', () => {
    const samples = Array.from({ length: 50 }, () => chars(24, LOWER + DIGITS));
    const detected = samples.filter((value) => isHighEntropySecret(value)).length;
    assert.ok(detected >= 45, `only ${detected} of 50 detected`);
  });
  it('tells words from random strings', () => {
    assert.ok(looksLikeWords('GoogleOAuth2Provider'));
    assert.ok(looksLikeWords('production-database-primary'));
    assert.ok(!looksLikeWords('Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'));
  });
  it('measures entropy in bits per character', () => {
    assert.equal(shannonEntropy(''), 0);
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
  });
});
