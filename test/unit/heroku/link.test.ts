/** App names from git remotes: URL forms, git config syntax, worktrees and submodules. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { appFromGitUrl, findGitConfig, herokuAppsFromRemotes, herokuAppsInFolder, parseGitRemotes } from '../../../src/heroku/link';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp tree from `{ 'relative/path': 'text' }`. */
function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hc-link-')));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('appFromGitUrl', () => {
  it('accepts the three Heroku forms', () => {
    assert.equal(appFromGitUrl('https://git.heroku.com/northwind-blog.git'), 'northwind-blog');
    assert.equal(appFromGitUrl('git@heroku.com:northwind-blog.git'), 'northwind-blog');
    assert.equal(appFromGitUrl('ssh://git@heroku.com/northwind-blog.git'), 'northwind-blog');
  });

  it('accepts variations git itself accepts', () => {
    assert.equal(appFromGitUrl('https://git.heroku.com/northwind-blog'), 'northwind-blog');
    assert.equal(appFromGitUrl('https://git.heroku.com/northwind-blog.git/'), 'northwind-blog');
    assert.equal(appFromGitUrl('HTTPS://Git.Heroku.com/Northwind-Blog.git'), 'northwind-blog');
    assert.equal(appFromGitUrl('https://git.heroku.com:443/acme-api.git'), 'acme-api');
    assert.equal(appFromGitUrl('ssh://git@heroku.com:22/acme-api.git'), 'acme-api');
    assert.equal(appFromGitUrl('  git@heroku.com:acme-api.git  '), 'acme-api');
  });

  it('ignores credentials embedded in an https URL and never returns them', () => {
    assert.equal(appFromGitUrl('https://:0123-secret-token@git.heroku.com/acme-api.git'), 'acme-api');
    assert.equal(appFromGitUrl('https://maria%40acme.io:tok@git.heroku.com/acme-api.git'), 'acme-api');
  });

  it('rejects other hosts and look-alikes', () => {
    for (const url of [
      'https://github.com/acme/acme-api.git',
      'git@github.com:acme/acme-api.git',
      'https://git.heroku.com.evil.example/acme-api.git',
      'https://evil.example/git.heroku.com/acme-api.git',
      'git@heroku.com.evil.example:acme-api.git',
      'https://git.heroku.com/team/acme-api.git',
      'https://git.heroku.com/.git',
      '/srv/git/acme-api.git',
      '',
    ]) {
      assert.equal(appFromGitUrl(url), undefined, url);
    }
  });

  it('follows another Heroku host', () => {
    assert.equal(appFromGitUrl('https://git.herokudev.example/test-app.git', 'herokudev.example'), 'test-app');
    assert.equal(appFromGitUrl('https://git.heroku.com/test-app.git', 'herokudev.example'), undefined);
  });
});

describe('parseGitRemotes', () => {
  it('reads url and pushurl of every remote section', () => {
    const text = `[core]
\trepositoryformatversion = 0
\tbare = false
[remote "origin"]
\turl = git@github.com:acme/acme-api.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[remote "heroku"]
\turl = https://git.heroku.com/acme-api.git
\tfetch = +refs/heads/*:refs/remotes/heroku/*
[remote "staging"]
\tpushurl = https://git.heroku.com/acme-api-staging.git
\turl = https://git.heroku.com/acme-api-staging-fetch.git
[branch "main"]
\tremote = origin
\turl = https://git.heroku.com/not-a-remote.git
`;
    assert.deepEqual(parseGitRemotes(text), [
      { name: 'origin', urls: ['git@github.com:acme/acme-api.git'] },
      { name: 'heroku', urls: ['https://git.heroku.com/acme-api.git'] },
      { name: 'staging', urls: ['https://git.heroku.com/acme-api-staging-fetch.git', 'https://git.heroku.com/acme-api-staging.git'] },
    ]);
  });

  it('handles comments, quotes, escapes, case-insensitive keys, continuations and the old [remote.name] form', () => {
    const text = `# a comment
; another
[Remote "with \\"quotes\\""]
  URL = "https://git.heroku.com/quoted-app.git" ; trailing comment
[remote.Legacy]
  url = git@heroku.com:legacy-app.git # comment
[remote "split"]
  url = https://git.heroku.com/\\
split-app.git
[remote "inline"] url = ssh://git@heroku.com/inline-app.git
`;
    assert.deepEqual(parseGitRemotes(text), [
      { name: 'with "quotes"', urls: ['https://git.heroku.com/quoted-app.git'] },
      { name: 'legacy', urls: ['git@heroku.com:legacy-app.git'] },
      { name: 'split', urls: ['https://git.heroku.com/split-app.git'] },
      { name: 'inline', urls: ['ssh://git@heroku.com/inline-app.git'] },
    ]);
  });

  it('merges a remote split over two sections', () => {
    assert.deepEqual(parseGitRemotes('[remote "h"]\nurl = a\n[core]\n[remote "h"]\nurl = b\n'), [{ name: 'h', urls: ['a', 'b'] }]);
  });
});

describe('herokuAppsFromRemotes', () => {
  it('returns each app once with the remotes that name it', () => {
    const remotes = parseGitRemotes(`[remote "origin"]
url = git@github.com:acme/acme-api.git
[remote "heroku"]
url = https://git.heroku.com/acme-api.git
pushurl = git@heroku.com:acme-api.git
[remote "prod"]
url = ssh://git@heroku.com/acme-api.git
[remote "staging"]
url = https://git.heroku.com/acme-api-staging.git
`);
    assert.deepEqual(herokuAppsFromRemotes(remotes), [
      { app: 'acme-api', remotes: ['heroku', 'prod'] },
      { app: 'acme-api-staging', remotes: ['staging'] },
    ]);
  });

  it('is empty without Heroku remotes', () => {
    assert.deepEqual(herokuAppsFromRemotes(parseGitRemotes('[remote "origin"]\nurl = git@github.com:a/b.git\n')), []);
  });
});

describe('findGitConfig and herokuAppsInFolder', () => {
  const CONFIG = '[remote "heroku"]\n\turl = https://git.heroku.com/northwind-blog.git\n';

  it('finds .git/config from the folder or any folder below the work tree root', async () => {
    const root = tree({ '.git/config': CONFIG, '.git/HEAD': 'ref: refs/heads/main\n', 'apps/web/app.json': '{}' });
    assert.equal(await findGitConfig(root), path.join(root, '.git', 'config'));
    assert.equal(await findGitConfig(path.join(root, 'apps', 'web')), path.join(root, '.git', 'config'));
    assert.deepEqual(await herokuAppsInFolder(path.join(root, 'apps', 'web')), [{ app: 'northwind-blog', remotes: ['heroku'] }]);
  });

  it('follows a worktree .git file to the main repository through commondir', async () => {
    const root = tree({
      'main/.git/config': CONFIG,
      'main/.git/worktrees/feature/commondir': '../..\n',
      'main/.git/worktrees/feature/HEAD': 'ref: refs/heads/feature\n',
      'feature/.git': '', // written below, with an absolute gitdir as git writes it
    });
    fs.writeFileSync(path.join(root, 'feature', '.git'), `gitdir: ${path.join(root, 'main', '.git', 'worktrees', 'feature')}\n`);
    assert.equal(await findGitConfig(path.join(root, 'feature')), path.join(root, 'main', '.git', 'config'));
    assert.deepEqual(await herokuAppsInFolder(path.join(root, 'feature')), [{ app: 'northwind-blog', remotes: ['heroku'] }]);
  });

  it('follows a submodule .git file with a relative gitdir', async () => {
    const root = tree({
      '.git/config': '[remote "origin"]\n\turl = git@github.com:acme/platform.git\n',
      '.git/modules/billing/config': '[remote "heroku"]\n\turl = git@heroku.com:acme-billing.git\n',
      'billing/.git': 'gitdir: ../.git/modules/billing\n',
    });
    assert.equal(await findGitConfig(path.join(root, 'billing')), path.join(root, '.git', 'modules', 'billing', 'config'));
    assert.deepEqual(await herokuAppsInFolder(path.join(root, 'billing')), [{ app: 'acme-billing', remotes: ['heroku'] }]);
    assert.deepEqual(await herokuAppsInFolder(root), []);
  });

  it('is empty outside a repository, or with an unreadable .git file', async () => {
    const bad = tree({ '.git': 'not a gitdir line\n' });
    assert.equal(await findGitConfig(bad), undefined);
    assert.deepEqual(await herokuAppsInFolder(bad), []);
    const noConfig = tree({ '.git/HEAD': 'ref: refs/heads/main\n' });
    assert.deepEqual(await herokuAppsInFolder(noConfig), []);
    assert.deepEqual(await herokuAppsInFolder(tree({ 'app.json': '{}' })), []);
  });
});
