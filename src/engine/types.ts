/** The engine contract shared by the CLI, the extension and the tests. No vscode, no I/O. */
import type { HclFile } from './terraform/hcl';

export type Severity = 'crit' | 'high' | 'med' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['crit', 'high', 'med', 'low', 'info'];

export type Profile = 'common' | 'private' | 'shield';
export const PROFILES: readonly Profile[] = ['common', 'private', 'shield'];
export type ProfileSetting = Profile | 'auto';

export type Generation = 'cedar' | 'fir';

/** `dockerfile`: a Dockerfile that heroku.yml builds; its command is linted when heroku.yml runs it. */
export type FileKind = 'app.json' | 'procfile' | 'heroku.yml' | 'dockerfile' | 'terraform' | 'tfvars';

export type Area = 'APPJSON' | 'PROC' | 'CMD' | 'SEC' | 'HYML' | 'TF' | 'LIVE';

/** A file handed to the engine. `path` is relative to the scan root, with `/` separators. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly kind: FileKind;
  /** For `terraform` and `tfvars` files: a syntax model already parsed (by the editor's incremental parser). */
  readonly hcl?: HclFile;
}

/** A position in a file: a UTF-16 offset plus its 1-based line and column. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** A `[start, end)` range. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

export interface TextEdit {
  readonly path: string;
  /** `[start, end)` UTF-16 offsets into the file's current text. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** `safe`: cannot change behaviour beyond the fix itself. `suggestion`: needs a human to confirm. */
export type FixSafety = 'safe' | 'suggestion';

export interface Fix {
  readonly title: string;
  readonly safety: FixSafety;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** One sentence that says what is wrong. Never contains a secret in full. */
  readonly message: string;
  readonly path: string;
  readonly range: Range;
  readonly related: readonly RelatedLocation[];
  readonly fix?: Fix;
  /** The profile the severity was chosen for. */
  readonly profile: Profile;
}

export type SeverityByProfile = Readonly<Record<Profile, Severity | null>>;

export type RuleStatus = 'C' | 'P' | 'U';

export interface RuleMeta {
  /** `HRK-<AREA>-<NNN>`, as in the catalog. */
  readonly id: string;
  /** Kebab-case name of the flagged pattern, e.g. `literal-secret-in-env`. */
  readonly name: string;
  /** The catalog title. */
  readonly title: string;
  readonly area: Area;
  /** File kinds whose findings this rule can produce. */
  readonly fileKinds: readonly FileKind[];
  /** Severity per profile; `null` means off for that profile. */
  readonly severity: SeverityByProfile;
  /** Catalog status: C confirmed, P partly confirmed, U unconfirmed. */
  readonly status: RuleStatus;
  /** Preview rules are off by default (status U unless confirmed). */
  readonly preview: boolean;
  /** What kind of fix the rule can offer. */
  readonly fix: 'none' | FixSafety;
  /** One-line description used in listings, SARIF and docs. */
  readonly summary: string;
  /** What the user should do, in one or two sentences. */
  readonly recommendation: string;
  /** Control ids such as `PCI 8.6.2`, `SOC2 CC6.1`. */
  readonly controls: readonly string[];
  /** Catalog source keys such as `DC-APPJSON`. */
  readonly sources: readonly string[];
  /** The Heroku feature from the security article. */
  readonly feature: string;
  readonly tags: readonly string[];
}

/** What a rule's check() returns: small facts, no prose. */
export interface Detection<D = unknown> {
  /** `[start, end)` offsets in the file being checked (or in `path`). */
  readonly start: number;
  readonly end: number;
  /** Set when the finding belongs to another file than the one checked (e.g. app-level rules). */
  readonly path?: string;
  readonly data: D;
  /** An absolute severity for this detection when the catalog prescribes a special level (e.g. `info` in review apps). */
  readonly severity?: Severity;
  /** Raise (+1) or lower (-1) the profile severity by this many levels. Applied after `severity`. */
  readonly shift?: number;
  /**
   * The profile of the thing reported, when it is not the file's (a Terraform resource in a Shield space).
   * The catalog severity is taken for this profile; a rule that is off for it reports nothing.
   */
  readonly profile?: Profile;
  readonly related?: readonly { readonly path: string; readonly start: number; readonly end: number; readonly message: string }[];
}
