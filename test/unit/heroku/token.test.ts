/** Token discovery: HEROKU_API_KEY and netrc files. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { discoverToken, homeDirectory, netrcMachine, parseNetrc, readNetrcToken, tokenFromEnvironment, tokenFromNetrc } from '../../../src/heroku/token';

const homes: string[] = [];
after(() => {
  for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
});

function home(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-netrc-'));
  homes.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, { mode: 0o600 });
  return dir;
}

const CLI_NETRC = `machine api.heroku.com
  login maria@example.com
  password 01234567-89ab-cdef-0123-456789abcdef
machine git.heroku.com
  login maria@example.com
  password 01234567-89ab-cdef-0123-456789abcdef
`;

describe('tokenFromEnvironment', () => {
  it('reads HEROKU_API_KEY, trimmed', () => {
    assert.deepEqual(tokenFromEnvironment({ HEROKU_API_KEY: ' HRKU-abc \n' }), { token: 'HRKU-abc', source: 'HEROKU_API_KEY' });
  });

  it('ignores an empty value and HEROKU_API_TOKEN', () => {
    assert.equal(tokenFromEnvironment({ HEROKU_API_KEY: '   ' }), undefined);
    assert.equal(tokenFromEnvironment({ HEROKU_API_TOKEN: 'x' }), undefined);
    assert.equal(tokenFromEnvironment({}), undefined);
  });
});

describe('parseNetrc', () => {
  it('reads the file the Heroku CLI writes', () => {
    assert.deepEqual(parseNetrc(CLI_NETRC), [
      { machine: 'api.heroku.com', login: 'maria@example.com', password: '01234567-89ab-cdef-0123-456789abcdef' },
      { machine: 'git.heroku.com', login: 'maria@example.com', password: '01234567-89ab-cdef-0123-456789abcdef' },
    ]);
  });

  it('reads several machines on one line, and account', () => {
    assert.deepEqual(parseNetrc('machine a login x password p1 machine b login y password p2 account acc'), [
      { machine: 'a', login: 'x', password: 'p1' },
      { machine: 'b', login: 'y', password: 'p2', account: 'acc' },
    ]);
  });

  it('reads the default entry', () => {
    assert.deepEqual(parseNetrc('machine a password p\ndefault login anonymous password guest'), [
      { machine: 'a', password: 'p' },
      { login: 'anonymous', password: 'guest' },
    ]);
  });

  it('skips comments, but not a # inside or at the start of a value', () => {
    const text = '# personal\nmachine api.heroku.com # the API\n  login me # who\n  password ab#cd\n#machine api.heroku.com password wrong\nmachine x password #hash';
    assert.deepEqual(parseNetrc(text), [
      { machine: 'api.heroku.com', login: 'me', password: 'ab#cd' },
      { machine: 'x', password: '#hash' },
    ]);
  });

  it('reads quoted values with spaces and escapes', () => {
    assert.deepEqual(parseNetrc('machine "api.heroku.com" login "Maria O\'Kafor" password "a b\\"c\\\\d"'), [
      { machine: 'api.heroku.com', login: "Maria O'Kafor", password: 'a b"c\\d' },
    ]);
  });

  it('skips macdef bodies up to the empty line', () => {
    const text = 'machine ftp.example.com login u password p\nmacdef init\nmachine api.heroku.com password inside-the-macro\ncd /pub\n\nmachine api.heroku.com login me password real\n';
    assert.deepEqual(parseNetrc(text), [
      { machine: 'ftp.example.com', login: 'u', password: 'p' },
      { machine: 'api.heroku.com', login: 'me', password: 'real' },
    ]);
  });

  it('handles CRLF line ends and a macro running to the end of the file', () => {
    assert.deepEqual(parseNetrc('machine api.heroku.com\r\n  password tok\r\nmacdef x\r\nmachine evil password y\r\n'), [{ machine: 'api.heroku.com', password: 'tok' }]);
  });

  it('ignores unknown keywords and an empty file', () => {
    assert.deepEqual(parseNetrc('machine a port 21 password p'), [{ machine: 'a', password: 'p' }]);
    assert.deepEqual(parseNetrc(''), []);
    assert.deepEqual(parseNetrc('login orphan password none'), []);
  });
});

describe('tokenFromNetrc', () => {
  it('takes the password of the API machine', () => {
    assert.deepEqual(tokenFromNetrc(CLI_NETRC), { token: '01234567-89ab-cdef-0123-456789abcdef', source: '~/.netrc' });
  });

  it('takes the first entry of a machine listed twice', () => {
    assert.equal(tokenFromNetrc('machine api.heroku.com password first\nmachine api.heroku.com password second')?.token, 'first');
  });

  it('falls back to default, and follows the machine asked for', () => {
    assert.equal(tokenFromNetrc('machine other password o\ndefault password d')?.token, 'd');
    assert.equal(tokenFromNetrc('machine api.heroku.com password h\nmachine 127.0.0.1 password local', '127.0.0.1')?.token, 'local');
  });

  it('returns nothing without a matching entry or password', () => {
    assert.equal(tokenFromNetrc('machine git.heroku.com password g'), undefined);
    assert.equal(tokenFromNetrc('machine api.heroku.com login only@example.com'), undefined);
  });
});

describe('netrcMachine', () => {
  it('is api.heroku.com by default and the API host otherwise', () => {
    assert.equal(netrcMachine(), 'api.heroku.com');
    assert.equal(netrcMachine('https://api.heroku.com'), 'api.heroku.com');
    assert.equal(netrcMachine('http://127.0.0.1:5000'), '127.0.0.1');
    assert.equal(netrcMachine('https://api.staging.herokudev.com/'), 'api.staging.herokudev.com');
    assert.equal(netrcMachine('not a url'), 'api.heroku.com');
  });
});

describe('readNetrcToken', () => {
  it('reads ~/.netrc', async () => {
    assert.deepEqual(await readNetrcToken(home({ '.netrc': CLI_NETRC }), 'api.heroku.com', 'linux'), {
      token: '01234567-89ab-cdef-0123-456789abcdef',
      source: '~/.netrc',
    });
  });

  it('prefers ~/_netrc on Windows, then ~/.netrc', async () => {
    const both = home({ _netrc: 'machine api.heroku.com password windows', '.netrc': 'machine api.heroku.com password unix' });
    assert.equal((await readNetrcToken(both, 'api.heroku.com', 'win32'))?.token, 'windows');
    assert.equal((await readNetrcToken(both, 'api.heroku.com', 'linux'))?.token, 'unix');
    const dotOnly = home({ '.netrc': 'machine api.heroku.com password unix' });
    assert.equal((await readNetrcToken(dotOnly, 'api.heroku.com', 'win32'))?.token, 'unix');
  });

  it('returns nothing for a missing file or a missing machine', async () => {
    assert.equal(await readNetrcToken(home({}), 'api.heroku.com', 'linux'), undefined);
    assert.equal(await readNetrcToken(home({ '.netrc': 'machine other password x' })), undefined);
    assert.equal(await readNetrcToken(path.join(os.tmpdir(), 'hc-no-such-home')), undefined);
  });
});

describe('discoverToken', () => {
  it('prefers HEROKU_API_KEY, then the netrc machine of the API URL', async () => {
    const dir = home({ '.netrc': 'machine api.heroku.com password from-netrc\nmachine 127.0.0.1 password local-netrc' });
    assert.deepEqual(await discoverToken({ env: { HEROKU_API_KEY: 'from-env' }, home: dir, platform: 'linux' }), { token: 'from-env', source: 'HEROKU_API_KEY' });
    assert.deepEqual(await discoverToken({ env: {}, home: dir, platform: 'linux' }), { token: 'from-netrc', source: '~/.netrc' });
    assert.deepEqual(await discoverToken({ env: {}, home: dir, apiUrl: 'http://127.0.0.1:4000', platform: 'linux' }), { token: 'local-netrc', source: '~/.netrc' });
    assert.equal(await discoverToken({ env: {}, home: home({}), platform: 'linux' }), undefined);
  });
});

describe('homeDirectory', () => {
  it('uses HOME, then HOMEDRIVE+HOMEPATH, then USERPROFILE, then the fallback', () => {
    assert.equal(homeDirectory({ HOME: '/home/maria', USERPROFILE: 'C:\\Users\\x' }, '/fallback'), '/home/maria');
    assert.equal(homeDirectory({ HOMEDRIVE: 'C:', HOMEPATH: '/Users/maria' }, '/fallback'), path.join('C:', '/Users/maria'));
    assert.equal(homeDirectory({ USERPROFILE: 'C:\\Users\\maria' }, '/fallback'), 'C:\\Users\\maria');
    assert.equal(homeDirectory({}, '/fallback'), '/fallback');
  });
});
