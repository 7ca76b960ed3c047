// Fills the WorkspaceIndex from the workspace's YAML and JSON files once at start (as `podlint .` would find
// them: .gitignore honoured, node_modules and .git skipped), then follows single files as they change on disk.
// Bounded: a huge workspace is indexed up to the limits, with one message saying so; the editor stays responsive
// because the scan yields between batches.
import { statSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { CONFIG_FILE_NAMES } from '@podlint/core';
import { findFiles, readManifest } from '@podlint/cli';
import { parsePart, type WorkspaceIndex } from './workspace-index.js';

export interface ScanLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFiles: 5000, maxFileBytes: 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024 };

const MANIFEST = /\.(ya?ml|json)$/i;
const BATCH = 25;

export interface ScanOutcome {
  indexed: number;
  /** Why the scan stopped early, if it did. */
  stoppedBecause?: string;
}

export class WorkspaceFiles {
  private roots: string[] = [];

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly limits: ScanLimits,
  ) {}

  async scan(roots: readonly string[]): Promise<ScanOutcome> {
    this.roots = [...roots];
    const paths: string[] = [];
    for (const root of roots) {
      try {
        // Only files: not the folders and links the search could not lint.
        // A loop, not push(...found): a workspace of hundreds of thousands of files would overflow the stack.
        for (const file of await findFiles(['.'], root, true)) if (!file.notLinted) paths.push(file.path);
      } catch {
        // A workspace folder that vanished: nothing to index there.
      }
    }
    paths.sort();
    let indexed = 0;
    for (const [position, path] of paths.entries()) {
      if (indexed >= this.limits.maxFiles) return { indexed, stoppedBecause: `more than ${this.limits.maxFiles} YAML/JSON files` };
      const outcome = this.read(path);
      if (outcome === 'over-total') return { indexed, stoppedBecause: `more than ${Math.round(this.limits.maxTotalBytes / 1024 / 1024)} MB of YAML/JSON` };
      if (outcome === 'indexed') indexed += 1;
      if (position % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return { indexed };
  }

  /** A file was created or changed on disk: index it again (or drop it when it cannot be read any more). */
  refresh(path: string): void {
    if (!this.isWorkspaceManifest(path)) return;
    if (!this.index.hasDiskFile(path) && this.index.diskFileCount >= this.limits.maxFiles) return;
    this.read(path);
  }

  remove(path: string): void {
    this.index.deleteDiskFile(path);
  }

  private read(path: string): 'indexed' | 'skipped' | 'over-total' {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      this.index.deleteDiskFile(path);
      return 'skipped';
    }
    if (size > this.limits.maxFileBytes) {
      this.index.deleteDiskFile(path);
      return 'skipped';
    }
    if (!this.index.hasDiskFile(path) && this.index.diskTextBytes + size > this.limits.maxTotalBytes) return 'over-total';
    const read = readManifest(path);
    if ('problem' in read) {
      this.index.deleteDiskFile(path);
      return 'skipped';
    }
    this.index.setDiskFile(path, parsePart(path, read.text), read.text.length);
    return 'indexed';
  }

  private isWorkspaceManifest(path: string): boolean {
    if (!MANIFEST.test(path) || (CONFIG_FILE_NAMES as readonly string[]).includes(basename(path))) return false;
    return this.roots.some((root) => {
      const inside = relative(root, path);
      if (inside === '' || inside.startsWith('..')) return false;
      return !inside.split(sep).some((segment) => segment === 'node_modules' || segment === '.git');
    });
  }
}
