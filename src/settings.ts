/** The extension's settings, read in this one place. */
import * as vscode from 'vscode';
import { isSeverity, type ProfileSetting, RULE_IDS, type RuleSetting } from './engine';
import { LIVE_RULE_IDS } from './heroku/liveRegistry';
import type { EditorOverrides } from './workspace/lintScope';

export const SECTION = 'herokuCompliance';

export type RunMode = 'onType' | 'onSave' | 'off';

export interface Settings extends EditorOverrides {
  readonly run: RunMode;
}

const PROFILES: readonly ProfileSetting[] = ['auto', 'common', 'private', 'shield'];
const RUN_MODES: readonly RunMode[] = ['onType', 'onSave', 'off'];

/** The settings for a resource (a file or folder: settings can differ per workspace folder). */
export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const profile = config.get<string>('profile', 'auto');
  const run = config.get<string>('run', 'onType');
  return {
    profile: PROFILES.includes(profile as ProfileSetting) ? (profile as ProfileSetting) : 'auto',
    run: RUN_MODES.includes(run as RunMode) ? (run as RunMode) : 'onType',
    rules: ruleSettings(config.get<unknown>('rules')),
    exclude: (config.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string' && g !== ''),
  };
}

/** The live view's settings. `apiUrl` is a restricted setting: an untrusted workspace cannot redirect the token. */
export interface LiveSettings {
  readonly apiUrl: string;
  /** The app linked to a folder by setting, if any. */
  readonly app: string | undefined;
  /** Minutes between automatic refreshes; 0 turns them off. */
  readonly refreshMinutes: number;
}

export function readLiveSettings(scope?: vscode.Uri): LiveSettings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const app = config.get<string>('app', '').trim();
  const minutes = config.get<number>('live.refreshMinutes', 0);
  return {
    apiUrl: config.get<string>('apiUrl', 'https://api.heroku.com').trim() || 'https://api.heroku.com',
    app: app === '' ? undefined : app,
    refreshMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 0,
  };
}

/** `files.exclude` globs that are switched on (conditional `when` entries are not), for the workspace check. */
export function filesExclude(scope?: vscode.Uri): string[] {
  const patterns = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(patterns)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** Writes the profile where the user will find it: the workspace when one is open, else the user settings. */
export async function saveProfile(profile: ProfileSetting): Promise<void> {
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SECTION).update('profile', profile, target);
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION) || event.affectsConfiguration('files.exclude');
}

/** Known rule ids mapped to off, on or a severity; anything else is dropped (the settings UI flags it). */
function ruleSettings(raw: unknown): Record<string, RuleSetting> {
  const rules: Record<string, RuleSetting> = {};
  if (typeof raw !== 'object' || raw === null) return rules;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!RULE_IDS.has(id) && !LIVE_RULE_IDS.has(id)) continue;
    if (value === 'off' || value === 'on' || (typeof value === 'string' && isSeverity(value))) rules[id] = value;
    else if (value === false) rules[id] = 'off';
    else if (value === true) rules[id] = 'on';
  }
  return rules;
}
