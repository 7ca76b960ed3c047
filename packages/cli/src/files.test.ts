// What a folder search finds, blocking (the command) and not (the language server): every manifest name, dotfiles
// and dot-folders, nothing under node_modules or .git, no folder named like a manifest, links and special files
// named for the run to report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
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

describe('findFiles and .gitignore', () => {
  it('leaves out what git leaves out: the last pattern that matches decides, a deeper .gitignore first, and nothing comes back from an excluded folder', async () => {
    const gitignores: Record<string, string> = {
      '.gitignore': 'rendered/*.yaml\nbuild/\n!build/keep.yaml\nlib/out/\nlib/o*/\n*.gen.yaml\napp/*.yaml\n!app/web.yaml\n',
      // Takes back a file that the root's pattern leaves out.
      'rendered/.gitignore': '!keep.yaml\n',
      // Never read: git does not enter build/.
      'build/.gitignore': '!keep.yaml\n',
      // Takes back folders that the root leaves out; the root's *.gen.yaml still matches the files in them.
      'lib/.gitignore': '!out/\n!o*/\n',
      'docs/.gitignore': '*.yaml\n!*.keep.yaml\n',
      'deep/.gitignore': 'nested/\n',
      'x/.gitignore': '!top.gen.yaml\n',
    };
    const manifests = ['rendered/keep.yaml', 'rendered/drop.yaml', 'build/keep.yaml', 'lib/out/a.yaml', 'lib/out/b.gen.yaml', 'lib/o[1]/c.yaml', 'lib/o[1]/d.gen.yaml'];
    manifests.push('app/web.yaml', 'app/other.yaml', 'app/sub/x.yaml', 'docs/a.yaml', 'docs/b.keep.yaml', 'deep/nested/z.yaml', 'x/top.gen.yaml');
    const root = workspace({ ...gitignores, ...Object.fromEntries(manifests.map((path) => [path, 'a: 1\n'])) });
    const git = spawnSync('git', ['init', '-q'], { cwd: root });
    if (git.status !== 0) mkdirSync(join(root, '.git'));
    const expected = ['app/sub/x.yaml', 'app/web.yaml', 'docs/b.keep.yaml', 'lib/o[1]/c.yaml', 'lib/out/a.yaml', 'rendered/keep.yaml', 'x/top.gen.yaml'];
    for (const blocking of [true, false]) {
      const found = await findFiles(['.'], root, true, { blocking });
      assert.deepEqual(found.map((file) => relative(root, file.path)).sort(), expected, blocking ? 'blocking' : 'asynchronous');
    }
    if (git.status !== 0) return;
    // What git itself lists as untracked and not ignored.
    const listed = spawnSync('git', ['ls-files', '-z', '--others', '--exclude-standard', '--', '*.yaml'], { cwd: root, encoding: 'utf8' });
    assert.deepEqual(listed.stdout.split('\0').filter((path) => path !== '' && path !== '.podlint.yaml').sort(), expected);
  });
});
