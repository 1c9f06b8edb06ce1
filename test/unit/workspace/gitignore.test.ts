/** The .gitignore matcher against gitignore(5) semantics. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type IgnoreFile, isIgnored, parseGitignore } from '../../../src/workspace/gitignore';

function ignores(text: string, base = '/repo'): IgnoreFile[] {
  return [{ base, rules: parseGitignore(text) }];
}

function check(text: string, cases: Record<string, boolean>, dirs: readonly string[] = []): void {
  const files = ignores(text);
  for (const [p, expected] of Object.entries(cases)) {
    assert.equal(isIgnored(files, `/repo/${p}`, dirs.includes(p)), expected, `${JSON.stringify(text)} on ${p}`);
  }
}

describe('gitignore', () => {
  it('matches a bare name at any depth', () => {
    check('app.json\n', { 'app.json': true, 'a/b/app.json': true, 'app.json5': false, 'xapp.json': false });
  });

  it('skips comments and blank lines, and honours escapes', () => {
    check('# app.json\n\n\\#notes\n', { 'app.json': false, '#notes': true });
    check('\\!important\n', { '!important': true });
  });

  it('anchors patterns with a leading or middle slash', () => {
    check('/Procfile\n', { Procfile: true, 'a/Procfile': false });
    check('apps/legacy\n', { 'apps/legacy': true, 'x/apps/legacy': false });
  });

  it('restricts a trailing slash to directories', () => {
    check('build/\n', { build: true, 'a/build': true }, ['build', 'a/build']);
    check('build/\n', { build: false }, []);
  });

  it('negates with ! and the last match wins', () => {
    check('*.json\n!app.json\n', { 'package.json': true, 'app.json': false, 'a/app.json': false });
    check('!app.json\n*.json\n', { 'app.json': true });
  });

  it('handles *, ?, classes and **', () => {
    check('*.tf\n', { 'main.tf': true, 'infra/main.tf': true, 'main.tfvars': false });
    check('app?.json\n', { 'app1.json': true, 'app.json': false, 'app12.json': false });
    check('[Pp]rocfile\n', { Procfile: true, procfile: true, xrocfile: false });
    check('[!a]pp.json\n', { 'bpp.json': true, 'app.json': false });
    check('**/fixtures\n', { fixtures: true, 'a/b/fixtures': true }, ['fixtures', 'a/b/fixtures']);
    check('vendor/**\n', { vendor: false, 'vendor/app.json': true, 'vendor/a/b/app.json': true });
    check('a/**/b\n', { 'a/b': true, 'a/x/b': true, 'a/x/y/b': true, 'x/a/b': false });
    check('foo/*\n', { 'foo/bar': true, 'foo/bar/baz': false });
    check('***\n', { anything: true });
  });

  it('ignores trailing spaces but keeps escaped ones', () => {
    check('app.json   \n', { 'app.json': true });
    check('app\\ \n', { 'app ': true, app: false });
  });

  it('lets a deeper .gitignore override a higher one', () => {
    const files: IgnoreFile[] = [
      { base: '/repo', rules: parseGitignore('*.json\n') },
      { base: '/repo/keep', rules: parseGitignore('!app.json\n') },
    ];
    assert.equal(isIgnored(files, '/repo/app.json', false), true);
    assert.equal(isIgnored(files, '/repo/keep/app.json', false), false);
    assert.equal(isIgnored(files, '/repo/keep/sub/app.json', false), false);
  });

  it('does not apply a .gitignore outside its directory', () => {
    assert.equal(isIgnored(ignores('app.json', '/repo/sub'), '/repo/app.json', false), false);
    assert.equal(isIgnored(ignores('app.json', '/repo/sub'), '/repo/subway/app.json', false), false);
  });
});
