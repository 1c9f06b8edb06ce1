/** Choosing the profile and generation of an app under `--profile auto`. */
import { jsonChild, jsonProperties } from './sites';
import type { AppFiles } from './rule';
import type { Generation, Profile, ProfileSetting } from './types';

export interface ProfileChoice {
  readonly profile: Profile;
  /** How it was chosen, for people: "set by --profile", "inferred from shield-m dynos in app.json"… */
  readonly reason: string;
}

interface Evidence {
  readonly shield?: string;
  readonly private?: string;
  readonly fir?: string;
}

export function chooseProfile(setting: ProfileSetting | undefined, configProfile: ProfileSetting | undefined, app: AppFiles): ProfileChoice {
  if (setting && setting !== 'auto') return { profile: setting, reason: 'set explicitly' };
  const evidence = gatherEvidence(app);
  if (evidence.shield) return { profile: 'shield', reason: `inferred from ${evidence.shield}` };
  if (configProfile && configProfile !== 'auto') return { profile: configProfile, reason: 'set in .heroku-compliance.yml' };
  if (evidence.private) return { profile: 'private', reason: `inferred from ${evidence.private}` };
  return { profile: 'common', reason: 'default (no Private or Shield Space evidence)' };
}

export function chooseGeneration(configGeneration: Generation | undefined, app: AppFiles): Generation {
  if (configGeneration) return configGeneration;
  return gatherEvidence(app).fir ? 'fir' : 'cedar';
}

/** Dyno sizes only run in their own runtime, so the manifest's formation tells where the app runs. */
function gatherEvidence(app: AppFiles): Evidence {
  const parsed = app.appJson?.appJson;
  if (!parsed?.root) return {};
  let shield: string | undefined;
  let privateSpace: string | undefined;
  let fir: string | undefined;
  for (const process of jsonProperties(jsonChild(parsed.root, 'formation'))) {
    const size: unknown = jsonChild(process.value, 'size')?.value;
    if (typeof size !== 'string') continue;
    const lower = size.toLowerCase();
    const where = `${size} dynos in ${app.appJson!.path}`;
    if (lower.startsWith('shield-')) shield ??= where;
    else if (lower.startsWith('private-')) privateSpace ??= where;
    else if (lower.startsWith('dyno-')) fir ??= where;
  }
  return { shield, private: privateSpace, fir };
}
