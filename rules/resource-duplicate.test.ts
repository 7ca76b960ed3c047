// resource-duplicate across files, which fixtures (one file each) cannot show: run order decides which definition
// is the second, directories separate alternatives unless `scope: run`, Kustomization patches are not
// definitions, and an editor's unsaved file is compared with the saved workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter, ProjectIndex, documentResources, resolveConfig, SourceFile } from '@podlint/core';
import { REPO_ROOT, rules } from './fixture-utils.js';
import { lintRun } from './lint-run-utils.js';

const configMap = (name: string, namespace?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data: {}\n`;

describe('resource-duplicate across files', () => {
  it('reports the later file of one directory, pointing at the earlier one', () => {
    const result = lintRun(
      [
        { path: '/repo/app/a.yaml', text: configMap('settings') },
        { path: '/repo/app/b.yaml', text: `${configMap('other')}---\n${configMap('settings')}` },
      ],
      'resource-duplicate',
    );
    assert.deepEqual(result.get('/repo/app/a.yaml'), []);
    assert.deepEqual(result.get('/repo/app/b.yaml'), [
      '10:9 ConfigMap "settings" is already defined in a.yaml; applying both makes this one silently replace it. Remove one of them or give this one another name.',
    ]);
  });

  it('reports every later definition once, pointing at the file or the definition before it', () => {
    const result = lintRun(
      [
        { path: '/repo/app/a.yaml', text: configMap('settings') },
        { path: '/repo/app/b.yaml', text: `${configMap('settings')}---\n${configMap('settings')}` },
        { path: '/repo/app/c.yaml', text: `${configMap('other')}---\n${configMap('settings')}---\n${configMap('other')}` },
      ],
      'resource-duplicate',
    );
    const where = (file: string) => result.get(file)!.map((message) => `${message.split(' ')[0]} ${/already defined (.*?);/.exec(message)![1]}`);
    assert.deepEqual(where('/repo/app/a.yaml'), []);
    assert.deepEqual(where('/repo/app/b.yaml'), ['4:9 in a.yaml', '10:9 earlier in this file']);
    assert.deepEqual(where('/repo/app/c.yaml'), ['10:9 in a.yaml', '16:9 earlier in this file']);
  });

  it('follows run order, not file names', () => {
    const result = lintRun(
      [
        { path: '/repo/app/z.yaml', text: configMap('settings') },
        { path: '/repo/app/a.yaml', text: configMap('settings') },
      ],
      'resource-duplicate',
    );
    assert.equal(result.get('/repo/app/z.yaml')!.length, 0);
    assert.equal(result.get('/repo/app/a.yaml')!.length, 1);
  });

  it('leaves directories apart by default, and compares the whole run with scope: run', () => {
    const files = [
      { path: '/repo/env/dev/settings.yaml', text: configMap('settings') },
      { path: '/repo/env/prod/settings.yaml', text: configMap('settings') },
    ];
    assert.deepEqual([...lintRun(files, 'resource-duplicate').values()].flat(), []);
    const wholeRun = lintRun(files, 'resource-duplicate', [{ scope: 'run' }]);
    assert.deepEqual(wholeRun.get('/repo/env/prod/settings.yaml'), [
      '4:9 ConfigMap "settings" is already defined in ../dev/settings.yaml; applying both makes this one silently replace it. Remove one of them or give this one another name.',
    ]);
  });

  it('does not count the patches a Kustomization of the run names', () => {
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources: [settings.yaml]',
      'patches:',
      '  - path: settings-patch.yaml',
      'patchesStrategicMerge:',
      '  - more-patch.yaml',
      '',
    ].join('\n');
    const result = lintRun(
      [
        { path: '/repo/app/kustomization.yaml', text: kustomization },
        { path: '/repo/app/settings.yaml', text: configMap('settings') },
        { path: '/repo/app/settings-patch.yaml', text: configMap('settings') },
        { path: '/repo/app/more-patch.yaml', text: configMap('settings') },
        { path: '/repo/app/copy.yaml', text: configMap('settings') },
      ],
      'resource-duplicate',
    );
    assert.deepEqual(result.get('/repo/app/settings-patch.yaml'), []);
    assert.deepEqual(result.get('/repo/app/more-patch.yaml'), []);
    assert.match(result.get('/repo/app/copy.yaml')![0]!, /already defined in settings\.yaml/);
  });

  it('compares an editor\'s unsaved file with the saved workspace', () => {
    const saved = new SourceFile('/repo/app/saved.yaml', configMap('settings'));
    const stale = new SourceFile('/repo/app/open.yaml', configMap('settings'));
    const project = new ProjectIndex([...saved.documents, ...stale.documents].flatMap(documentResources));
    const config = resolveConfig(rules, { path: 'test', directory: REPO_ROOT, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, '/repo/app/open.yaml');
    const linter = new Linter(rules);
    const open = linter.lintText({ filePath: '/repo/app/open.yaml', text: `${configMap('settings')}---\n${configMap('settings')}`, config }, project);
    const lines = open.messages.filter((message) => message.ruleId === 'resource-duplicate').map((message) => message.range.start.line + 1);
    // The first definition in the open file is the second in the workspace (open.yaml comes after saved.yaml);
    // the stale saved copy of the open file itself is not a definition.
    assert.deepEqual(lines, [4, 10]);
    // When the open file comes first in the workspace, the other file holds the duplicate: the open one gets nothing.
    const reordered = new ProjectIndex([...stale.documents, ...saved.documents].flatMap(documentResources));
    const reopened = linter.lintText({ filePath: '/repo/app/open.yaml', text: configMap('settings'), config }, reordered);
    assert.equal(reopened.messages.filter((message) => message.ruleId === 'resource-duplicate').length, 0, 'open.yaml comes first in this workspace');
    const unsavedNew = linter.lintText({ filePath: '/repo/app/new.yaml', text: configMap('settings'), config }, project);
    assert.equal(unsavedNew.messages.filter((message) => message.ruleId === 'resource-duplicate').length, 1);
  });
});
