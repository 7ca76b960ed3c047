// What a folder search finds, blocking (the command) and not (the language server): every manifest name, dotfiles
// and dot-folders, nothing under node_modules or .git, no folder named like a manifest, links and special files
// named for the run to report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { findFiles } from './files.js';
import { workspace } from './testing/hostile.js';

describe('findFiles in a folder', () => {
  it('finds every manifest name, and names the links and special files, walking alike with both kinds of reads', async () => {
    const root = workspace(
      Object.fromEntries(
        ['.yaml', 'b.yml', 'c.json', 'x.YAML', 'e.yaml.bak', '.hidden/d.json', 'named.yaml/inside.yaml', 'deep/er/still/z.yml', 'node_modules/x/n.yaml', 'sub/node_modules/n.yaml', '.git/g.yaml', 'linked/l.yaml'].map((path) => [path, 'a: 1\n']),
      ),
    );
    symlinkSync(join(root, 'linked', 'l.yaml'), join(root, 'link-file.yaml'));
    symlinkSync(join(root, 'missing.yaml'), join(root, 'broken.yaml'));
    symlinkSync(join(root, 'linked'), join(root, 'link-dir'));
    const fifo = spawnSync('mkfifo', [join(root, 'pipe.yaml')]).status === 0;
    const expected = [
      '.hidden/d.json',
      '.yaml',
      'b.yml',
      'broken.yaml broken-link',
      'c.json',
      'deep/er/still/z.yml',
      'link-dir linked-folder',
      'link-file.yaml',
      'linked/l.yaml',
      'named.yaml/inside.yaml',
      ...(fifo ? ['pipe.yaml special-file'] : []),
    ];
    for (const blocking of [true, false]) {
      const found = await findFiles(['.'], root, false, { blocking });
      const listed = found.map((file) => `${relative(root, file.path)}${file.notLinted ? ` ${file.notLinted.kind}` : ''}`).sort();
      assert.deepEqual(listed, expected, blocking ? 'blocking' : 'asynchronous');
      assert.ok(found.every((file) => file.discovered));
    }
  });
});
