/** Reading and writing the linted files. */
import * as fs from 'node:fs';
import type { SourceFile } from '../engine';
import { formatSize } from './args';
import type { Candidate } from './discover';
import { describeError } from './fsutil';

export interface LoadedFile extends SourceFile {
  readonly absolute: string;
  /** Whether writing `text` back as UTF-8 reproduces the bytes read (false for invalid UTF-8). */
  readonly roundTrips: boolean;
}

/**
 * Reads each candidate as UTF-8 (invalid bytes become U+FFFD). Opens with O_NONBLOCK so that a FIFO swapped
 * in after discovery cannot block; skips non-regular files and files over `maxFileSize` (0: no limit) with
 * a warning, as it does for files that cannot be read.
 */
export function loadFiles(candidates: readonly Candidate[], maxFileSize: number, warn: (message: string) => void, display: (absolute: string) => string): LoadedFile[] {
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
      if (maxFileSize > 0 && stat.size > maxFileSize) {
        warn(`skipped ${display(candidate.absolute)}: ${formatSize(stat.size)} is over the --max-file-size limit of ${formatSize(maxFileSize)}`);
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
