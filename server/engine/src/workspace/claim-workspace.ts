// The workspace: every checked document, parsed once and kept, and the index that groups claims by
// key. The CLI feeds it files from disk; the language server feeds it open buffers and disk changes.
import type { Diagnostic } from '../model';
import { LineIndex, type Position } from '../text/line-index';

/** The engine's only window on the outside world: the front end decides how files are read. */
export interface WorkspaceHost {
  /** Reads a file the engine needs besides the checked documents (archives, registries, a .bib named
   *  in front matter). Returns undefined when it is missing or unreadable. */
  readFile(file: string): string | undefined;
}

export interface WorkspaceOptions {
  /** Absolute folder the include/exclude globs are relative to (the config's folder, else the checked folder). */
  root: string;
  /** claimlint.yaml text and its absolute path, when there is one. */
  configText?: string;
  configFile?: string;
  host: WorkspaceHost;
}

export class ClaimWorkspace {
  private readonly texts = new Map<string, string>();
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(readonly options: WorkspaceOptions) {}

  /** Whether an absolute file path is to be checked under the config's include/exclude. */
  isIncluded(_file: string): boolean {
    return false;
  }

  /** The registry files the config names, as absolute paths (they are read through the host). */
  registryFiles(): string[] {
    return [];
  }

  setDocument(file: string, text: string): void {
    this.texts.set(file, text);
    this.lineIndexes.delete(file);
  }

  removeDocument(file: string): void {
    this.texts.delete(file);
    this.lineIndexes.delete(file);
  }

  /** Reports a file that could not be checked at all (binary, too large, unreadable). */
  reportUnreadable(_file: string, _message: string): void {}

  diagnostics(): Diagnostic[] {
    return [];
  }

  /** 0-based line/character (UTF-16) of an offset in a document the workspace knows. */
  positionAt(file: string, offset: number): Position {
    let index = this.lineIndexes.get(file);
    if (!index) {
      index = new LineIndex(this.texts.get(file) ?? this.options.host.readFile(file) ?? '');
      this.lineIndexes.set(file, index);
    }
    return index.positionAt(offset);
  }
}
