// Writes a file so that it is either wholly old or wholly new, never half-written: the text goes to a
// temporary file in the same folder (so the rename cannot cross file systems), is flushed, gets the original's
// mode and owner, and then replaces the original by rename. Any failure removes the temporary file and leaves
// the original as it was. A symbolic link is followed, so the link stays a link. A file that does not exist
// yet (a report, a baseline) is created the same way, with the default mode.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file-system calls used, so a test can make one of them fail. */
export interface AtomicWriteFs {
  realpathSync(path: string): string;
  statSync(path: string): { mode: number; uid: number; gid: number };
  openSync(path: string, flags: string, mode: number): number;
  writeSync(fd: number, data: Uint8Array): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  chmodSync(path: string, mode: number): void;
  chownSync(path: string, uid: number, gid: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
}

/** Writes `data` (bytes, a text, or a text in pieces written one after another) atomically. */
export function writeFileAtomic(path: string, data: Uint8Array | string | readonly string[], io: AtomicWriteFs = fs): void {
  const parts: readonly (Uint8Array | string)[] = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  const target = existingTarget(path, io);
  const original = target === undefined ? undefined : io.statSync(target);
  const destination = target ?? path;
  const temporary = join(dirname(destination), `.${basename(destination)}.podlint-${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`);
  let created = false;
  try {
    const fd = io.openSync(temporary, 'wx', original ? original.mode & 0o7777 : 0o666);
    created = true;
    try {
      for (const part of parts) {
        const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
        for (let written = 0; written < bytes.length; ) written += io.writeSync(fd, bytes.subarray(written));
      }
      io.fsyncSync(fd);
    } finally {
      io.closeSync(fd);
    }
    if (original) {
      // openSync's mode is reduced by the umask; the rewritten file keeps exactly the original's.
      io.chmodSync(temporary, original.mode & 0o7777);
      if (process.getuid?.() === 0) io.chownSync(temporary, original.uid, original.gid);
    }
    io.renameSync(temporary, destination);
  } catch (error) {
    if (created) {
      try {
        io.unlinkSync(temporary);
      } catch {
        // Nothing more can be done; the original is untouched either way.
      }
    }
    throw error;
  }
}

function existingTarget(path: string, io: AtomicWriteFs): string | undefined {
  try {
    return io.realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
