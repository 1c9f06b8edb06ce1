/** "Heroku Compliance: Select Profile": which runtime the findings' severities are chosen for. */
import * as vscode from 'vscode';
import type { ProfileSetting } from '../engine';
import { readSettings, saveProfile } from '../settings';

const CHOICES: readonly { profile: ProfileSetting; label: string; detail: string }[] = [
  { profile: 'auto', label: 'Auto', detail: 'Infer from the files: a Shield space or shield-* dynos, else .heroku-compliance.yml, else Common Runtime.' },
  { profile: 'common', label: 'Common Runtime', detail: 'Apps outside Private Spaces.' },
  { profile: 'private', label: 'Private Space', detail: 'Apps in a Private Space.' },
  { profile: 'shield', label: 'Shield Private Space', detail: 'Regulated workloads (HIPAA, PCI): the strictest severities.' },
];

export async function selectProfile(): Promise<ProfileSetting | undefined> {
  const current = readSettings(vscode.window.activeTextEditor?.document.uri).profile;
  const items = CHOICES.map((c) => ({ ...c, description: c.profile === current ? '(current)' : undefined }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Heroku Compliance: profile', placeHolder: 'The runtime your apps run in sets how severe each finding is' });
  if (!picked) return undefined;
  await saveProfile(picked.profile);
  return picked.profile;
}
