// api-server-warning's suggestions, which fixtures cannot show: renaming a deprecated node label in a
// nodeSelector key, a node affinity requirement and a topologyKey keeps the file's quoting (YAML plain, quoted,
// flow, JSON) and changes nothing else; nothing is offered where the new name is already there or there is none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

const RULE = 'api-server-warning';

function suggestionsFor(text: string, filePath = 'pod.yaml') {
  const diagnostics = lintWithAllRules(filePath, text).messages.filter((message) => message.ruleId === RULE);
  assert.equal(diagnostics.length, 1, diagnostics.map((message) => message.message).join('\n'));
  return (diagnostics[0]!.suggestions ?? []).map((suggestion) => ({ message: suggestion.message, output: applyFixes(text, [suggestion.fix]).output }));
}

/** Applies the one suggestion, and checks that nothing remains for the rule. */
function renamed(text: string, filePath = 'pod.yaml'): string {
  const suggestions = suggestionsFor(text, filePath);
  assert.equal(suggestions.length, 1);
  const output = suggestions[0]!.output;
  assert.deepEqual(lintWithAllRules(filePath, output).messages.filter((message) => message.ruleId === RULE).map((message) => message.message), []);
  return output;
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers: [{name: c, image: "c:1"}]\n`;

describe('api-server-warning suggestions', () => {
  it('renames a nodeSelector key, plain or quoted', () => {
    const plain = pod('  nodeSelector:\n    beta.kubernetes.io/os: linux\n');
    assert.deepEqual(suggestionsFor(plain).map((suggestion) => suggestion.message), ['Rename it to "kubernetes.io/os".']);
    assert.equal(renamed(plain), plain.replace('beta.kubernetes.io/os', 'kubernetes.io/os'));
    const quoted = pod("  nodeSelector: {'failure-domain.beta.kubernetes.io/zone': a}\n");
    assert.equal(renamed(quoted), quoted.replace("'failure-domain.beta.kubernetes.io/zone'", "'topology.kubernetes.io/zone'"));
  });

  it('keeps JSON valid', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"nodeSelector": {"beta.kubernetes.io/arch": "amd64"}, "containers": [{"name": "c", "image": "c:1"}]}}\n';
    const output = renamed(text, 'pod.json');
    assert.equal(output, text.replace('"beta.kubernetes.io/arch"', '"kubernetes.io/arch"'));
    assert.doesNotThrow(() => JSON.parse(output));
  });

  it('renames the key of a node affinity requirement and a topologyKey', () => {
    const affinity = pod(
      '  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n          - matchExpressions:\n              - {key: "node-role.kubernetes.io/master", operator: DoesNotExist}\n',
    );
    assert.equal(renamed(affinity), affinity.replace('"node-role.kubernetes.io/master"', '"node-role.kubernetes.io/control-plane"'));
    const spread = pod('  topologySpreadConstraints:\n    - maxSkew: 1\n      topologyKey: failure-domain.beta.kubernetes.io/zone\n      whenUnsatisfiable: ScheduleAnyway\n      labelSelector: {matchLabels: {app: a}}\n');
    assert.equal(renamed(spread), spread.replace('failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/zone'));
  });

  it('offers nothing where the new key is already there, or where there is no new key', () => {
    assert.deepEqual(suggestionsFor(pod('  nodeSelector:\n    beta.kubernetes.io/os: linux\n    kubernetes.io/os: linux\n')), []);
    const spread = (key: string) => `    - maxSkew: 1\n      topologyKey: ${key}\n      whenUnsatisfiable: DoNotSchedule\n      labelSelector: {matchLabels: {app: a}}\n`;
    assert.deepEqual(suggestionsFor(pod(`  topologySpreadConstraints:\n${spread('failure-domain.beta.kubernetes.io/zone')}${spread('topology.kubernetes.io/zone')}`)), []);
    assert.deepEqual(suggestionsFor(pod('  nodeSelector:\n    scheduler.alpha.kubernetes.io/preferAvoidPods: "true"\n')), []);
  });
});
