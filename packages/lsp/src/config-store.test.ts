import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '@podlint/core';
import { rules } from '@podlint/rules';
import { ConfigStore, configTextProblem, parseEditorSettings } from './config-store.js';
import { configErrorDiagnostic } from './diagnostics.js';

const root = mkdtempSync(join(tmpdir(), 'podlint-config-'));
after(() => rmSync(root, { recursive: true, force: true }));

describe('ConfigStore', () => {
  it('takes editor settings as defaults that the config file overrides', () => {
    writeFileSync(join(root, '.podlint.yaml'), 'kubernetesVersion: "1.30"\nrules:\n  bare-pod: off\noverrides:\n  - files: ["dev/**"]\n    rules:\n      image-tag-latest: off\n');
    const store = new ConfigStore(rules);
    const { settings, problems } = parseEditorSettings({ kubernetesVersion: '1.33', rules: { 'bare-pod': 'error', 'image-tag-latest': 'error', 'pod-port-collision': 'warn' } }, rules);
    assert.deepEqual(problems, []);
    store.setSettings(settings);
    const prod = store.resolve(join(root, 'app.yaml')).config;
    assert.equal(prod.kubernetesVersion, '1.30');
    assert.equal(prod.rules.has('bare-pod'), false);
    assert.equal(prod.rules.get('image-tag-latest')?.severity, 'error');
    assert.equal(prod.rules.get('pod-port-collision')?.severity, 'warning');
    assert.equal(store.resolve(join(root, 'dev', 'x.yaml')).config.rules.has('image-tag-latest'), false);
    assert.equal(store.resolve(join(root, 'other.yaml')).config, prod, 'one resolved config per config file and overrides');
  });

  it('reads maxFileSize as a number of MB, 0 for no limit, and names a bad one', () => {
    assert.equal(parseEditorSettings({ maxFileSize: 4 }, rules).settings.maxFileSize, 4);
    assert.equal(parseEditorSettings({ maxFileSize: 0 }, rules).settings.maxFileSize, 0);
    for (const bad of ['16', -1, Number.POSITIVE_INFINITY]) {
      const { settings, problems } = parseEditorSettings({ maxFileSize: bad }, rules);
      assert.equal(settings.maxFileSize, undefined);
      assert.deepEqual(problems, [`podlint.maxFileSize must be a number of MB (0 for no limit), not ${JSON.stringify(bad)}`]);
    }
  });

  it('uses the settings\' version when the config names none, and reports a bad config while using the defaults', () => {
    const folder = join(root, 'team');
    rmSync(folder, { recursive: true, force: true });
    writeFileSync(join(root, '.podlint.yaml'), 'extends: recommended\n');
    const store = new ConfigStore(rules);
    store.setSettings(parseEditorSettings({ kubernetesVersion: '1.33' }, rules).settings);
    assert.equal(store.resolve(join(root, 'a.yaml')).config.kubernetesVersion, '1.33');
    writeFileSync(join(root, '.podlint.yaml'), 'rules:\n  bare-pod: offf\n');
    assert.equal(store.resolve(join(root, 'a.yaml')).error, undefined, 'cached until invalidated');
    store.invalidate();
    const { config, error } = store.resolve(join(root, 'a.yaml'));
    assert.ok(error instanceof ConfigError);
    assert.equal(`${error.line}:${error.column}`, '2:13');
    assert.equal(config.rules.get('bare-pod')?.severity, 'warning');
    assert.deepEqual(store.errors.map((item) => item.filePath), [join(root, '.podlint.yaml')]);
  });

  it('reports bad settings and keeps the rest', () => {
    const { settings, problems } = parseEditorSettings({ kubernetesVersion: 'latest', rules: { 'bare-pd': 'off' } }, rules);
    assert.deepEqual(settings, {});
    assert.deepEqual(problems, ['podlint.kubernetesVersion must look like "1.36", not "latest"', 'podlint.rules: unknown rule "bare-pd"; did you mean "bare-pod"?']);
    assert.deepEqual(parseEditorSettings(null, rules), { settings: {}, problems: [] });
  });

  it('checks a config\'s text and underlines the word at fault', () => {
    const text = 'rules:\n  bare-pod: offf # no\n';
    const problem = configTextProblem(text, '/p/.podlint.yaml', rules);
    assert.ok(problem);
    const diagnostic = configErrorDiagnostic(problem, text);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 12 }, end: { line: 1, character: 16 } });
    assert.equal(configTextProblem('extends: all\n', '/p/.podlint.yaml', rules), undefined);
    const key = configErrorDiagnostic(configTextProblem('rulez:\n  x: 1\n', '/p/.podlint.yaml', rules)!, 'rulez:\n  x: 1\n');
    assert.deepEqual(key.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    // In a flow mapping the value was underlined on over the brackets that close it.
    const flow = 'overrides: [{files: ["legacy/**"], rules: {bare-pod: eror}}]\n';
    const inFlow = configErrorDiagnostic(configTextProblem(flow, '/p/.podlint.yaml', rules)!, flow);
    assert.equal(flow.slice(inFlow.range.start.character, inFlow.range.end.character), 'eror');
    const quoted = 'rules: {"bare-pod": "of f", image-tag-latest: off}\n';
    const inQuotes = configErrorDiagnostic(configTextProblem(quoted, '/p/.podlint.yaml', rules)!, quoted);
    assert.equal(quoted.slice(inQuotes.range.start.character, inQuotes.range.end.character), '"of f"');
  });
});
