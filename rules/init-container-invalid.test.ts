// The edit init-container-invalid suggests, which fixtures cannot show: turning the init container into a
// native sidecar adds `restartPolicy: Always` as its first key, in a sequence item as in flow style, after
// which the probe is accepted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

const RULE = 'init-container-invalid';

function makeSidecar(text: string): string {
  const diagnostics = lintWithAllRules('pod.yaml', text).messages.filter((message) => message.ruleId === RULE);
  assert.equal(diagnostics.length, 1);
  const suggestion = diagnostics[0]!.suggestions?.[0];
  assert.equal(suggestion?.message, 'Make it a native sidecar (restartPolicy: Always).');
  const output = applyFixes(text, [suggestion!.fix]).output;
  assert.deepEqual(lintWithAllRules('pod.yaml', output).messages.filter((message) => message.ruleId === RULE), []);
  return output;
}

describe('init-container-invalid suggestion', () => {
  it('adds restartPolicy: Always to a block-style init container', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: proxy\n      image: envoy:1\n      readinessProbe: {tcpSocket: {port: 1}}\n  containers: [{name: c, image: "x:1"}]\n';
    assert.equal(makeSidecar(text), text.replace('    - name: proxy\n', '    - restartPolicy: Always\n      name: proxy\n'));
  });

  it('adds it inline to a flow-style init container', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {initContainers: [{name: proxy, image: "envoy:1", lifecycle: {preStop: {sleep: {seconds: 1}}}}], containers: [{name: c, image: "x:1"}]}\n';
    assert.equal(makeSidecar(text), text.replace('[{name: proxy', '[{restartPolicy: Always, name: proxy'));
  });

  it('offers nothing when the container already has another restartPolicy', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - {name: fetch, image: "f:1", restartPolicy: OnFailure, startupProbe: {tcpSocket: {port: 1}}}\n  containers: [{name: c, image: "x:1"}]\n';
    const diagnostics = lintWithAllRules('pod.yaml', text).messages.filter((message) => message.ruleId === RULE);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0]!.suggestions ?? [], []);
  });
});
