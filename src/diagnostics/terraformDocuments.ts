/**
 * Incremental parsing of open Terraform documents: each keystroke is applied to the document's kept syntax tree,
 * and the model is built only when the document is linted. The parser (WebAssembly) loads on first use.
 */
import * as vscode from 'vscode';
import { HclDocumentParser, type HclEdit, type HclFile, isTerraformParserLoaded, isTfvarsJson, loadTerraformParser, parseHcl } from '../engine';

/** Closed files whose models are kept: the siblings of the modules being edited. */
const DISK_MODELS_KEPT = 256;

export class TerraformDocuments implements vscode.Disposable {
  private readonly parsers = new Map<string, HclDocumentParser>();
  /** Models of closed `.tf` files by path, reused while their text is unchanged, so a keystroke parses one file. */
  private readonly diskModels = new Map<string, { text: string; model: HclFile }>();
  private loading: Promise<void> | undefined;

  /** Loads the parser once; later calls return at once. */
  ready(): Promise<void> {
    if (isTerraformParserLoaded()) return Promise.resolve();
    this.loading ??= loadTerraformParser();
    return this.loading;
  }

  /** Applies a change to the document's kept tree, if it has one. */
  update(event: vscode.TextDocumentChangeEvent): void {
    const parser = this.parsers.get(event.document.uri.toString());
    if (!parser || event.contentChanges.length === 0) return;
    parser.apply(event.contentChanges.map(toHclEdit), event.document.getText());
  }

  /** The syntax model of an open `.tf`/`.tfvars` document (undefined for other documents or before the parser loads). */
  modelOf(document: vscode.TextDocument): HclFile | undefined {
    if (!isTerraformParserLoaded() || !isHclDocument(document)) return undefined;
    const key = document.uri.toString();
    let parser = this.parsers.get(key);
    if (!parser) {
      parser = new HclDocumentParser();
      parser.parse(document.getText());
      this.parsers.set(key, parser);
    }
    return parser.file();
  }

  /** The model of a closed file's text, parsed once per text. */
  diskModel(absolute: string, text: string): HclFile | undefined {
    if (!isTerraformParserLoaded() || isTfvarsJson(absolute)) return undefined;
    const kept = this.diskModels.get(absolute);
    if (kept?.text === text) return kept.model;
    const model = parseHcl(text);
    this.diskModels.delete(absolute);
    if (this.diskModels.size >= DISK_MODELS_KEPT) this.diskModels.delete(this.diskModels.keys().next().value!);
    this.diskModels.set(absolute, { text, model });
    return model;
  }

  close(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.parsers.get(key)?.dispose();
    this.parsers.delete(key);
  }

  dispose(): void {
    for (const parser of this.parsers.values()) parser.dispose();
    this.parsers.clear();
    this.diskModels.clear();
  }
}

function isHclDocument(document: vscode.TextDocument): boolean {
  const name = document.uri.path;
  return name.endsWith('.tf') || (name.endsWith('.tfvars') && !isTfvarsJson(name)) || (document.isUntitled && document.languageId === 'terraform');
}

/** VS Code's change (range in the text before it) as tree-sitter's edit. */
function toHclEdit(change: vscode.TextDocumentContentChangeEvent): HclEdit {
  const lines = change.text.split(/\r\n|\r|\n/);
  const endRow = change.range.start.line + lines.length - 1;
  const endColumn = (lines.length === 1 ? change.range.start.character : 0) + lines[lines.length - 1].length;
  return {
    startIndex: change.rangeOffset,
    oldEndIndex: change.rangeOffset + change.rangeLength,
    newEndIndex: change.rangeOffset + change.text.length,
    startPosition: { row: change.range.start.line, column: change.range.start.character },
    oldEndPosition: { row: change.range.end.line, column: change.range.end.character },
    newEndPosition: { row: endRow, column: endColumn },
  };
}
