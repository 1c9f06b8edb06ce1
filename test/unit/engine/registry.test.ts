/** The registry, the docs, the README table and the fixtures agree with each other. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../../src/engine';
import { DOC_GENERATED_END, DOC_SECTIONS, renderDocHeader, renderRulesTable } from '../../../src/engine/docs';
import { SOURCES } from '../../../src/engine/sources';
import { liveDocRows, renderLiveRulesTable } from '../../../src/heroku/liveDocs';
import { LIVE_RULES } from '../../../src/heroku/liveRegistry';
import { FIXTURES_DIR, REPO_ROOT } from '../../helpers/paths';

const ID = /^HRK-(APPJSON|PROC|CMD|SEC|HYML|TF|LIVE)-\d{3}$/;
/** File rules and live rules: one id space, one docs folder. */
const ALL_META = [...RULES, ...LIVE_RULES].map((r) => r.meta);

describe('registry', () => {
  it('has unique, well-formed ids in order', () => {
    const ids = ALL_META.map((meta) => meta.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, ID);
    for (const meta of ALL_META) assert.equal(meta.area, meta.id.split('-')[1]);
    assert.ok(RULES.every((r) => r.meta.area !== 'LIVE') && LIVE_RULES.every((r) => r.meta.area === 'LIVE'), 'live rules live in LIVE_RULES only');
    const live = LIVE_RULES.map((r) => r.meta.id);
    assert.deepEqual(live, [...live].sort(), 'live rules in id order');
  });

  it('marks unconfirmed rules as preview unless a doc records a primary source', () => {
    for (const meta of ALL_META) {
      if (meta.status === 'U' && !meta.preview) {
        const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', `${meta.id}.md`), 'utf8');
        assert.match(doc, /## Primary source/, `${meta.id} is U but not preview and records no primary source`);
      }
    }
  });

  it('cites only known sources and kebab-case names', () => {
    for (const meta of ALL_META) {
      for (const source of meta.sources) assert.ok(SOURCES[source], `${meta.id} cites unknown source ${source}`);
      assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(meta.summary.length > 0 && meta.recommendation.length > 0);
    }
  });
});

describe('docs', () => {
  for (const meta of ALL_META) {
    it(`docs/rules/${meta.id}.md is current and complete`, () => {
      const file = path.join(REPO_ROOT, 'docs', 'rules', `${meta.id}.md`);
      assert.ok(fs.existsSync(file), 'missing doc: run npm run docs and write the sections');
      const doc = fs.readFileSync(file, 'utf8');
      assert.ok(doc.startsWith(renderDocHeader(meta, liveDocRows(meta))), 'generated header is stale: run npm run docs');
      const body = doc.slice(doc.indexOf(DOC_GENERATED_END));
      let last = -1;
      for (const section of DOC_SECTIONS) {
        const at = body.indexOf(`\n${section}\n`);
        assert.ok(at > last, `missing or misplaced section "${section}"`);
        last = at;
      }
      assert.doesNotMatch(body, /\bTODO\b/);
    });
  }

  it('has no doc for an unknown rule', () => {
    const ids = new Set(ALL_META.map((meta) => meta.id));
    for (const name of fs.readdirSync(path.join(REPO_ROOT, 'docs', 'rules'))) assert.ok(ids.has(name.replace(/\.md$/, '')), `stray doc ${name}`);
  });

  it('README rule table matches the registry', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(renderRulesTable(RULES.map((r) => r.meta))), 'README rule table is stale: run npm run docs');
  });

  it('README live checks table matches the live registry', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(renderLiveRulesTable(LIVE_RULES.map((r) => r.meta))), 'README live checks table is stale: run npm run docs');
  });
});

describe('fixtures', () => {
  it('has a fixture folder only for registered rules', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const name of fs.readdirSync(FIXTURES_DIR)) if (/^HRK-/.test(name)) assert.ok(ids.has(name), `stray fixture folder ${name}`);
  });
});
