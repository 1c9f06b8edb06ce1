/** Reading and writing the linted files. */
import * as fs from 'node:fs';
import type { SourceFile } from '../engine';
import type { Candidate } from './discover';
import { describeError, formatSize } from './fsutil';

export interface LoadedFile extends SourceFile {
  readonly absolute: string;
  /** Whether writing `text` back as UTF-8 reproduces the bytes read (false for invalid UTF-8). */
  readonly roundTrips: boolean;
}

/**
 * Reads each candidate as UTF-8 (invalid bytes become U+FFFD). Opens with O_NONBLOCK so that a FIFO swapped
 * in after discovery cannot block; skips non-regular files and files over the size limit with
 * a warning, as it does for files that cannot be read.
 */
/** A maximum file size in bytes (0: none), and how messages name it (`--max-file-size`). */
export interface SizeLimit {
  readonly bytes: number;
  readonly name: string;
}

export function loadFiles(candidates: readonly Candidate[], limit: SizeLimit, warn: (message: string) => void, display: (absolute: string) => string): LoadedFile[] {
  const files: LoadedFile[] = [];
  for (const candidate of candidates) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(candidate.absolute, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) {
        warn(`skipped ${display(candidate.absolute)}: not a regular file`);
        continue;
      }
      if (limit.bytes > 0 && stat.size > limit.bytes) {
        warn(`skipped ${display(candidate.absolute)}: ${formatSize(stat.size)} is over the ${limit.name} limit of ${formatSize(limit.bytes)}`);
        continue;
      }
      const bytes = fs.readFileSync(fd);
      const text = bytes.toString('utf8');
      files.push({ path: candidate.path, kind: candidate.kind, text, absolute: candidate.absolute, roundTrips: roundTrips(text, bytes) });
    } catch (error) {
      warn(`cannot read ${display(candidate.absolute)}: ${describeError(error)}`);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }
  return files;
}

/** Valid UTF-8 decodes without U+FFFD; only a text that has one needs the byte comparison. */
function roundTrips(text: string, bytes: Buffer): boolean {
  return !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes);
}

/** Writes a fixed file in place (through symlinks), keeping its mode. */
export function writeFileText(absolute: string, text: string): void {
  fs.writeFileSync(absolute, text, 'utf8');
}
