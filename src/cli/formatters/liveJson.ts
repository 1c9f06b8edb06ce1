/** `live --format json`: the SecurityState as it is (it holds no secret values), with the tool's version. */
import type { SecurityState } from '../../heroku/securityState';

export function formatLiveJson(state: SecurityState, version: string): string {
  return `${JSON.stringify({ version, ...state }, null, 2)}\n`;
}
