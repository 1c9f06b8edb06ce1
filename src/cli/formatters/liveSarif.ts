/**
 * `live --format sarif`: one result per live finding. The location is the app's URL on the Platform API
 * (`https://api.heroku.com/apps/<app>`) with no region, since the finding is about the running app, not a file.
 */
import { createHash } from 'node:crypto';
import { allLiveRuleMeta } from '../../heroku/liveRegistry';
import type { SecurityState } from '../../heroku/securityState';
import { FINGERPRINT_KEY, levelOf, ruleDescriptor, SARIF_SCHEMA, SECURITY_SEVERITY, type SarifTool, sentence } from './sarif';

export function formatLiveSarif(state: SecurityState, tool: SarifTool): string {
  const rules = allLiveRuleMeta();
  const ruleIndex = new Map(rules.map((meta, i) => [meta.id, i]));
  const results = state.findings.map((finding) => ({
    ruleId: finding.ruleId,
    ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
    level: levelOf(finding.severity),
    message: { text: sentence(finding.message) },
    locations: [{ physicalLocation: { artifactLocation: { uri: state.app.apiUrl } } }],
    // Stable across runs while the same rule reports the same thing about the same app.
    partialFingerprints: { [FINGERPRINT_KEY]: createHash('sha256').update(`${finding.ruleId}\0${state.app.name}\0${finding.itemId}\0${finding.message}`).digest('hex').slice(0, 32) },
    properties: { 'security-severity': SECURITY_SEVERITY[finding.severity], profile: finding.profile, feature: finding.itemId },
  }));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'heroku-compliance', version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules: rules.map(ruleDescriptor) } },
        invocations: [{ executionSuccessful: true }],
        results,
        properties: { app: state.app.name, profile: state.profile.profile, readAt: state.fetchedAt },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
