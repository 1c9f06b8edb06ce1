/** A parsed source file, with its sites computed on first use. */
import { type ParsedAppJson, parseAppJson } from './parsers/appJson';
import { type ParsedDockerfile, parseDockerfile } from './parsers/dockerfile';
import { type ParsedHerokuYml, parseHerokuYml } from './parsers/herokuYml';
import { isTfvarsJson, parseTfvarsJson } from './parsers/tfvarsJson';
import { type ParsedProcfile, parseProcfile } from './parsers/procfile';
import { isTerraformParserLoaded, parseHcl } from './parsers/terraform';
import {
  appJsonCommands,
  appJsonStrings,
  type CommandSite,
  herokuYmlCommands,
  dockerfileCommands,
  herokuYmlStrings,
  jsonProperties,
  type KeyedStringSite,
  procfileCommands,
  procfileStrings,
  terraformStrings,
} from './sites';
import { dirOf } from './paths';
import type { HclFile } from './terraform/hcl';
import { LineIndex } from './text';
import type { FileKind, SourceFile } from './types';

const HEROKU_ONLY_KEYS = ['env', 'addons', 'formation', 'buildpacks', 'scripts', 'stack', 'environments', 'success_url', 'image'];

export type Parsed = ParsedAppJson | ParsedProcfile | ParsedHerokuYml | ParsedDockerfile;

export class Document {
  private lineIndex?: LineIndex;
  private commandCache?: readonly CommandSite[];
  private stringCache?: readonly KeyedStringSite[];
  /** For a Dockerfile: the heroku.yml processes that run its command. */
  private servedProcesses: readonly string[] = [];
  private hclCache?: HclFile | null;
  private eolCache?: '\r\n' | '\n';

  private constructor(
    readonly source: SourceFile,
    readonly parsed: Parsed | undefined,
  ) {}

  static parse(source: SourceFile): Document {
    return new Document(source, parse(source.kind, source.text));
  }

  get path(): string {
    return this.source.path;
  }

  get text(): string {
    return this.source.text;
  }

  get kind(): FileKind {
    return this.source.kind;
  }

  get lines(): LineIndex {
    if (!this.lineIndex) {
      const kept = this.keptForModel();
      this.lineIndex = kept ? (kept.lines ??= new LineIndex(this.source.text)) : new LineIndex(this.source.text);
    }
    return this.lineIndex;
  }

  /** The line break that edits insert: `\r\n` when the file uses it anywhere, else `\n` (scanned once per file). */
  get eol(): '\r\n' | '\n' {
    return (this.eolCache ??= this.source.text.includes('\r\n') ? '\r\n' : '\n');
  }

  /** Directory of the file relative to the scan root (`''` for the root). */
  get dir(): string {
    return dirOf(this.path);
  }

  get basename(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }

  /** Commands that Heroku runs, from any file kind. */
  commands(): readonly CommandSite[] {
    if (!this.commandCache) {
      const p = this.parsed;
      if (p?.kind === 'app.json') this.commandCache = appJsonCommands(p, this.text);
      else if (p?.kind === 'procfile') this.commandCache = procfileCommands(p);
      else if (p?.kind === 'heroku.yml') this.commandCache = herokuYmlCommands(p, this.text);
      else if (p?.kind === 'dockerfile') this.commandCache = dockerfileCommands(p, this.servedProcesses);
      else this.commandCache = [];
    }
    return this.commandCache;
  }

  /** Every string value that secret detectors scan. */
  strings(): readonly KeyedStringSite[] {
    if (!this.stringCache) {
      const p = this.parsed;
      if (p?.kind === 'app.json') this.stringCache = appJsonStrings(p, this.text);
      else if (p?.kind === 'procfile') this.stringCache = procfileStrings(p);
      else if (p?.kind === 'heroku.yml') this.stringCache = herokuYmlStrings(p, this.text);
      else if (p?.kind === 'dockerfile') this.stringCache = this.commands().map((command) => ({ ...command, context: 'command', command }));
      else if ((this.kind === 'terraform' || this.kind === 'tfvars') && this.hcl) {
        const kept = this.keptForModel();
        this.stringCache = kept ? (kept.strings ??= terraformStrings(this.hcl, this.text, this.kind)) : terraformStrings(this.hcl, this.text, this.kind);
      }
      else this.stringCache = [];
    }
    return this.stringCache;
  }

  /** Records the heroku.yml processes that run this Dockerfile's command (before any rule reads it). */
  serveProcesses(processes: readonly string[]): void {
    this.servedProcesses = processes;
    this.commandCache = undefined;
    this.stringCache = undefined;
  }

  get servesProcesses(): boolean {
    return this.servedProcesses.length > 0;
  }

  /**
   * False for an `app.json` that belongs to another tool: Expo and React Native also name their config
   * `app.json`, and linting it against Heroku's schema would only produce noise.
   */
  get isHerokuFile(): boolean {
    const root = this.appJson?.root;
    if (root?.type !== 'object') return true;
    const keys = new Set(jsonProperties(root).map((p) => p.key));
    if (keys.has('expo')) return false;
    return !keys.has('displayName') || HEROKU_ONLY_KEYS.some((key) => keys.has(key));
  }

  /** The app.json parse, or undefined for other kinds. */
  get appJson(): ParsedAppJson | undefined {
    return this.parsed?.kind === 'app.json' ? this.parsed : undefined;
  }

  get procfile(): ParsedProcfile | undefined {
    return this.parsed?.kind === 'procfile' ? this.parsed : undefined;
  }

  get herokuYml(): ParsedHerokuYml | undefined {
    return this.parsed?.kind === 'heroku.yml' ? this.parsed : undefined;
  }

  /** The data kept with a pre-parsed model (`source.hcl`) of this text and kind; undefined for a file parsed here. */
  private keptForModel(): KeptForModel | undefined {
    const { hcl, text, kind } = this.source;
    if (!hcl || (kind !== 'terraform' && kind !== 'tfvars')) return undefined;
    let kept = keptByModel.get(hcl);
    if (!kept || kept.text !== text || kept.kind !== kind) keptByModel.set(hcl, (kept = { text, kind }));
    return kept;
  }

  /**
   * The HCL syntax model of a `.tf` or `.tfvars` file: the pre-parsed `source.hcl` when given, else parsed on
   * first use. Undefined for other kinds, and when the Terraform parser is not loaded.
   */
  get hcl(): HclFile | undefined {
    if (this.hclCache === undefined) {
      const kind = this.source.kind;
      if (kind !== 'terraform' && kind !== 'tfvars') this.hclCache = null;
      else if (this.source.hcl) this.hclCache = this.source.hcl;
      else if (isTfvarsJson(this.path)) this.hclCache = parseTfvarsJson(this.source.text);
      else if (isTerraformParserLoaded()) this.hclCache = parseHcl(this.source.text);
      else return undefined; // not cached: the parser may load later
    }
    return this.hclCache ?? undefined;
  }
}

/**
 * What is derived from a pre-parsed Terraform model alone, kept with the model: the editor lints a module again on
 * every keystroke with the same HclFile objects for the files that did not change, so only the edited file's
 * line index and string sites are built again. An entry holds only for the text it was made from.
 */
interface KeptForModel {
  readonly text: string;
  readonly kind: FileKind;
  lines?: LineIndex;
  strings?: readonly KeyedStringSite[];
}

const keptByModel = new WeakMap<HclFile, KeptForModel>();

function parse(kind: FileKind, text: string): Parsed | undefined {
  switch (kind) {
    case 'app.json':
      return parseAppJson(text);
    case 'procfile':
      return parseProcfile(text);
    case 'heroku.yml':
      return parseHerokuYml(text);
    case 'dockerfile':
      return parseDockerfile(text);
    default:
      return undefined;
  }
}
