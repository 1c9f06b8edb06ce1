/**
 * `heroku-compliance live --app NAME`: reads the running app through the Platform API and evaluates the HRK-LIVE
 * rules, so that CI can check production posture. The token comes from HEROKU_API_KEY or ~/.netrc, as for the
 * Heroku CLI; it is never printed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { atLeast } from '../../engine';
import { checkApiUrl, DEFAULT_API_URL, HerokuApi } from '../../heroku/api';
import { readSnapshot } from '../../heroku/readSnapshot';
import { securityState } from '../../heroku/securityState';
import { discoverToken, homeDirectory, netrcMachine } from '../../heroku/token';
import type { LiveOptions } from '../args';
import { createColors, useColor } from '../colors';
import { formatLiveJson } from '../formatters/liveJson';
import { formatLiveSarif } from '../formatters/liveSarif';
import { formatLiveText } from '../formatters/liveText';
import { error, type Io } from '../io';
import { TOOL_URL, TOOL_VERSION } from '../version';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from './check';

export async function runLive(options: LiveOptions, io: Io): Promise<number> {
  const apiUrl = options.apiUrl ?? (io.env.HEROKU_API_URL || DEFAULT_API_URL);
  try {
    checkApiUrl(apiUrl); // A bad URL is the first thing to say, before asking for a token.
  } catch (e) {
    error(io, e instanceof Error ? e.message : String(e));
    return EXIT_ERROR;
  }
  const token = await discoverToken({ env: io.env, home: homeDirectory(io.env, os.homedir()), apiUrl });
  if (!token) {
    error(io, `no Heroku API token: set HEROKU_API_KEY, or log in with the Heroku CLI so that ~/.netrc has machine ${netrcMachine(apiUrl)}`);
    return EXIT_ERROR;
  }
  const api = new HerokuApi({ apiUrl, token: token.token, userAgent: `heroku-compliance/${TOOL_VERSION}` });
  const state = securityState(await readSnapshot(api, options.app), options.profile);
  if (state.appError) {
    const hint = state.appError.kind === 'unauthorized' ? ` (the token from ${token.source} was rejected)` : '';
    error(io, `cannot read the app ${options.app}: ${state.appError.message}${hint}`);
    return EXIT_ERROR;
  }
  let output: string;
  if (options.format === 'json') output = formatLiveJson(state, TOOL_VERSION);
  else if (options.format === 'sarif') output = formatLiveSarif(state, { version: TOOL_VERSION, informationUri: TOOL_URL });
  else output = formatLiveText(state, createColors(options.output ? false : useColor(options.color, io.env, io.stdoutIsTTY)));
  if (options.output) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, options.output), output, 'utf8');
    } catch (e) {
      error(io, `cannot write ${options.output}: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_ERROR;
    }
  } else io.out(output);
  const failOn = options.failOn;
  return failOn !== 'none' && state.findings.some((f) => atLeast(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
