import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Document } from '../../../../src/engine/document';
import {
  appJsonAddons,
  ephemeralNote,
  herokuYmlAddons,
  isAddonManagedUrlKey,
  isDataService,
  isPgEssential,
  isShieldPlan,
  isSpacePlan,
  legacyPlan,
  parseAddonSpec,
  planProblem,
  planProblemMessage,
} from '../../../../src/engine/facts/addonPlans';

describe('addonPlans', () => {
  it('parses service:plan specs', () => {
    assert.deepEqual(parseAddonSpec('heroku-postgresql:essential-0'), { service: 'heroku-postgresql', plan: 'essential-0', planIndex: 18 });
    assert.deepEqual(parseAddonSpec('Heroku-Redis:Premium-0'), { service: 'heroku-redis', plan: 'premium-0', planIndex: 13 });
    assert.deepEqual(parseAddonSpec('heroku-postgresql'), { service: 'heroku-postgresql' });
    assert.deepEqual(parseAddonSpec('heroku-postgresql:'), { service: 'heroku-postgresql' });
    assert.deepEqual(parseAddonSpec('heroku-kafka: basic-0'), { service: 'heroku-kafka', plan: 'basic-0', planIndex: 14 });
    assert.deepEqual(parseAddonSpec(''), { service: '' });
  });

  it('knows the data services', () => {
    for (const s of ['heroku-postgresql', 'heroku-redis', 'heroku-kafka', 'herokuconnect', 'HEROKU-POSTGRESQL']) assert.ok(isDataService(s), s);
    for (const s of ['papertrail', 'rediscloud', 'constructor', '']) assert.ok(!isDataService(s), s);
  });

  it('matches PG_ESSENTIAL, legacy names included', () => {
    for (const plan of ['essential-0', 'essential-2', 'mini', 'basic', 'dev', 'hobby-dev', 'hobby-basic', 'ESSENTIAL-1']) {
      assert.ok(isPgEssential('heroku-postgresql', plan), plan);
    }
    for (const plan of ['standard-0', 'premium-4', 'private-0', 'shield-0', 'advanced', 'in-dyno']) assert.ok(!isPgEssential('heroku-postgresql', plan), plan);
    assert.ok(!isPgEssential('heroku-redis', 'mini'));
    assert.ok(!isPgEssential('heroku-postgresql', undefined));
  });

  it('names the retired plans and their successors', () => {
    assert.deepEqual(legacyPlan('heroku-postgresql', 'hobby-dev'), { current: 'essential-0' });
    assert.deepEqual(legacyPlan('heroku-postgresql', 'dev'), { current: 'essential-0' });
    assert.deepEqual(legacyPlan('heroku-postgresql', 'hobby-basic'), { current: 'essential-1' });
    assert.deepEqual(legacyPlan('heroku-redis', 'hobby-dev'), { current: 'mini' });
    assert.deepEqual(legacyPlan('heroku-kafka', 'hobby-dev'), { current: 'basic-0' });
    assert.equal(legacyPlan('heroku-postgresql', 'mini'), undefined);
    assert.equal(legacyPlan('heroku-postgresql', 'essential-0'), undefined);
    assert.equal(legacyPlan('heroku-postgresql', 'development'), undefined);
    assert.equal(legacyPlan('papertrail', 'hobby-dev'), undefined);
    assert.equal(legacyPlan('heroku-redis', undefined), undefined);
  });

  it('tells space and shield plans apart', () => {
    assert.ok(isSpacePlan('heroku-postgresql', 'private-0'));
    assert.ok(isSpacePlan('heroku-postgresql', 'shield-2'));
    assert.ok(isSpacePlan('heroku-postgresql', 'advanced-private'));
    assert.ok(isSpacePlan('heroku-redis', 'private-7'));
    assert.ok(isSpacePlan('heroku-kafka', 'private-standard-0'));
    assert.ok(isSpacePlan('herokuconnect', 'shield'));
    assert.ok(!isSpacePlan('heroku-postgresql', 'standard-0'));
    assert.ok(!isSpacePlan('heroku-kafka', 'basic-0'));
    assert.ok(isShieldPlan('heroku-postgresql', 'advanced-shield'));
    assert.ok(isShieldPlan('heroku-redis', 'shield-0'));
    assert.ok(isShieldPlan('heroku-kafka', 'shield-standard-0'));
    assert.ok(!isShieldPlan('heroku-postgresql', 'private-0'));
    assert.ok(!isShieldPlan('heroku-redis', 'premium-0'));
  });

  it('judges plans per profile (HRK-APPJSON-010)', () => {
    // shield
    assert.equal(planProblem('heroku-postgresql', 'standard-0', 'shield')?.kind, 'not-shield');
    assert.equal(planProblem('heroku-postgresql', 'private-0', 'shield')?.kind, 'not-shield');
    assert.equal(planProblem('heroku-postgresql', 'shield-0', 'shield'), undefined);
    assert.equal(planProblem('heroku-postgresql', 'advanced-shield', 'shield'), undefined);
    assert.equal(planProblem('heroku-redis', 'premium-0', 'shield')?.kind, 'not-shield');
    assert.equal(planProblem('heroku-kafka', 'private-extended-0', 'shield')?.kind, 'not-shield');
    assert.equal(planProblem('herokuconnect', 'enterprise', 'shield')?.kind, 'not-shield');
    // private
    assert.equal(planProblem('heroku-postgresql', 'essential-0', 'private')?.kind, 'not-networked');
    assert.equal(planProblem('heroku-postgresql', 'standard-2', 'private')?.kind, 'not-networked');
    assert.equal(planProblem('heroku-postgresql', 'premium-0', 'private')?.kind, 'not-networked');
    assert.equal(planProblem('heroku-postgresql', 'private-0', 'private'), undefined);
    assert.equal(planProblem('heroku-redis', 'mini', 'private')?.kind, 'not-networked');
    assert.equal(planProblem('heroku-redis', 'premium-3', 'private')?.kind, 'not-networked');
    assert.equal(planProblem('heroku-redis', 'private-7', 'private'), undefined);
    assert.equal(planProblem('heroku-kafka', 'basic-0', 'private'), undefined);
    // common: only space plans, never Essential (that is HRK-APPJSON-011's job)
    assert.equal(planProblem('heroku-postgresql', 'essential-0', 'common'), undefined);
    assert.equal(planProblem('heroku-postgresql', 'standard-0', 'common'), undefined);
    assert.equal(planProblem('heroku-postgresql', 'private-0', 'common')?.kind, 'space-only');
    assert.equal(planProblem('heroku-redis', 'shield-0', 'common')?.kind, 'space-only');
    // never: omitted plans, in-dyno CI services, third-party add-ons
    assert.equal(planProblem('heroku-postgresql', undefined, 'shield'), undefined);
    assert.equal(planProblem('heroku-postgresql', 'in-dyno', 'shield'), undefined);
    assert.equal(planProblem('papertrail', 'choklad', 'shield'), undefined);
    assert.equal(planProblem('constructor', 'x', 'shield'), undefined);
  });

  it('words plan problems and ephemeral notes', () => {
    const problem = planProblem('heroku-redis', 'mini', 'private')!;
    assert.match(planProblemMessage('heroku-redis:mini', problem), /^`heroku-redis:mini` is a Common Runtime plan .*Key-Value Store plan\.$/);
    assert.equal(ephemeralNote('A plan.', undefined), 'A plan.');
    assert.equal(ephemeralNote('A plan.', 'review'), "A plan, though review apps use the provider's ephemeral plan instead.");
    assert.equal(ephemeralNote('A plan.', 'staging'), 'A plan.');
  });

  it('knows the add-on-managed URL config vars', () => {
    for (const key of ['DATABASE_URL', 'HEROKU_POSTGRESQL_AMBER_URL', 'HEROKU_POSTGRESQL_CHARCOAL_URL', 'REDIS_URL', 'REDIS_TLS_URL', 'KAFKA_URL']) {
      assert.ok(isAddonManagedUrlKey(key), key);
    }
    for (const key of ['DATABASE_URL_OVERRIDE', 'REPORTING_DATABASE_URL', 'HEROKU_POSTGRESQL_URL', 'database_url', 'REDIS_HOST']) assert.ok(!isAddonManagedUrlKey(key), key);
  });

  it('finds add-on specs in app.json and heroku.yml with precise ranges', () => {
    const appJson = Document.parse({
      path: 'app.json',
      kind: 'app.json',
      text: '{"addons": ["heroku-postgresql:essential-0", {"plan": "heroku-redis"}, 5, {"as": "X"}], "environments": {"review": {"addons": ["heroku-kafka:basic-0"]}}}',
    });
    const found = appJsonAddons(appJson).map((a) => ({ spec: a.spec, plan: a.plan, env: a.environment, planText: appJson.text.slice(a.planStart, a.planEnd) }));
    assert.deepEqual(found, [
      { spec: 'heroku-postgresql:essential-0', plan: 'essential-0', env: undefined, planText: 'essential-0' },
      { spec: 'heroku-redis', plan: undefined, env: undefined, planText: 'heroku-redis' },
      { spec: 'heroku-kafka:basic-0', plan: 'basic-0', env: 'review', planText: 'basic-0' },
    ]);
    const yml = Document.parse({
      path: 'heroku.yml',
      kind: 'heroku.yml',
      text: 'setup:\n  addons:\n    - plan: heroku-postgresql:standard-0\n      as: DATABASE\n    - plan: "heroku-redis:mini"\n    - heroku-kafka:basic-0\n    - [1]\n',
    });
    assert.deepEqual(
      herokuYmlAddons(yml).map((a) => yml.text.slice(a.planStart, a.planEnd)),
      ['standard-0', 'mini', 'basic-0'],
    );
  });

  it('never throws on malformed input', () => {
    for (const text of ['', '[]', '{"addons": {}}', '{"addons": [null, [], {"plan": 5}]}', '{"environments": {"review": 1}}', '{"addons": [']) {
      assert.doesNotThrow(() => appJsonAddons(Document.parse({ path: 'app.json', kind: 'app.json', text })), text);
    }
    for (const text of ['', 'setup: 1', 'setup:\n  addons: x', 'setup:\n  addons:\n    - plan:\n    - {}\n', ':::\n- [']) {
      assert.doesNotThrow(() => herokuYmlAddons(Document.parse({ path: 'heroku.yml', kind: 'heroku.yml', text })), text);
    }
  });
});
