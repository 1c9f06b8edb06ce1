// Installs what `npm start` and `npm test` need when it is missing, so that they work on a fresh clone.
// Each step does nothing (and costs well under a second) when it is already satisfied.
//   node scripts/ensure-deps.cjs             npm dependencies (npm ci)
//            ... --vscode                    + VS Code server (code-server 4.100.3, scripts/install-code-server.sh)
//                                              and the Debian packages it builds with (libkrb5-dev, ripgrep)
//            ... --chromium                  + Debian's chromium for the integration and e2e tests
// Debian packages are installed with apt-get when running as root; otherwise it says what to install.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const args = new Set(process.argv.slice(2));
for (const a of args) if (!['--vscode', '--chromium'].includes(a)) fail(`unknown option ${a} (use --vscode and/or --chromium)`);

function fail(message) {
  console.error(`ensure-deps: ${message}`);
  process.exit(1);
}

function run(command, argv, env) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`\`${command} ${argv.join(' ')}\` failed${result.error ? `: ${result.error.message}` : ''}`);
}

/** Debian packages of the list that are not installed (none when this is not a dpkg system: nothing to check). */
function missingDebianPackages(packages) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...packages], { encoding: 'utf8' });
  if (result.error) return [];
  const installed = new Set(result.stdout.split('\n').filter((l) => l.endsWith(' installed')).map((l) => l.split(' ')[0]));
  return packages.filter((p) => !installed.has(p));
}

if (!existsSync(join(root, 'node_modules', '.package-lock.json'))) {
  console.log('Installing dependencies (npm ci)…');
  run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund']);
}

const wanted = [
  ...(args.has('--chromium') && !process.env.CHROMIUM_PATH ? ['chromium'] : []),
  ...(args.has('--vscode') ? ['libkrb5-dev', 'ripgrep'] : []),
];
const missing = missingDebianPackages(wanted);
if (missing.length > 0) {
  if (process.getuid?.() !== 0) fail(`missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  console.log(`Installing Debian packages: ${missing.join(' ')}…`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env);
}

// The script checks its own target first and returns at once when code-server 4.100.3 is there.
if (args.has('--vscode')) run('bash', [join(root, 'scripts', 'install-code-server.sh'), process.env.VSCODE_SERVER_DIR ?? join(root, '.cache', 'vscode-server')]);
