// The edits restart-policy-invalid suggests, which fixtures cannot show: a missing Job restartPolicy is added
// in the style of the pod spec it goes into (block YAML, flow YAML, JSON), and a wrong value is replaced
// inside its quotes. Each suggested text is linted again and must be accepted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

const RULE = 'restart-policy-invalid';

function suggestionsFor(filePath: string, text: string): { message: string; output: string }[] {
  const diagnostics = lintWithAllRules(filePath, text).messages.filter((message) => message.ruleId === RULE);
  assert.equal(diagnostics.length, 1, diagnostics.map((message) => message.message).join('\n'));
  return (diagnostics[0]!.suggestions ?? []).map((suggestion) => ({ message: suggestion.message, output: applyFixes(text, [suggestion.fix]).output }));
}

function assertAccepted(filePath: string, text: string): void {
  assert.deepEqual(lintWithAllRules(filePath, text).messages.filter((message) => message.ruleId === RULE).map((message) => message.message), []);
}

describe('restart-policy-invalid suggestions', () => {
  it('adds restartPolicy to a block-style Job template at its indentation', () => {
    const text = ['apiVersion: batch/v1', 'kind: Job', 'metadata: {name: job}', 'spec:', '  template:', '    spec:', '      containers:', '        - {name: c, image: "busybox:1.36"}', ''].join('\n');
    const suggestions = suggestionsFor('job.yaml', text);
    assert.deepEqual(suggestions.map((suggestion) => suggestion.message), ['Set restartPolicy: Never.', 'Set restartPolicy: OnFailure.']);
    assert.equal(suggestions[0]!.output, text.replace('    spec:\n', '    spec:\n      restartPolicy: Never\n'));
    for (const suggestion of suggestions) assertAccepted('job.yaml', suggestion.output);
  });

  it('adds it inline to a flow-style CronJob template', () => {
    const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: "x:1"}]}}}}}\n';
    const [never] = suggestionsFor('cronjob.yaml', text);
    assert.equal(never!.output, text.replace('{spec: {containers', '{spec: {restartPolicy: Never, containers'));
    assertAccepted('cronjob.yaml', never!.output);
  });

  it('adds it with quotes in JSON', () => {
    const text = '{"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "j"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x:1"}]}}}}\n';
    const [, onFailure] = suggestionsFor('job.json', text);
    assert.equal(onFailure!.output, text.replace('{"containers"', '{"restartPolicy": "OnFailure", "containers"'));
    assert.doesNotThrow(() => JSON.parse(onFailure!.output));
    assertAccepted('job.json', onFailure!.output);
  });

  it('replaces a wrong value inside its quotes', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      restartPolicy: "Never"\n      containers: [{name: c, image: "x:1"}]\n';
    const [always] = suggestionsFor('deployment.yaml', text);
    assert.equal(always!.message, 'Use Always.');
    assert.equal(always!.output, text.replace('"Never"', '"Always"'));
    assertAccepted('deployment.yaml', always!.output);
  });

  it('corrects the case of a policy', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: onfailure\n  containers: [{name: c, image: "x:1"}]\n';
    const suggestions = suggestionsFor('pod.yaml', text);
    assert.deepEqual(suggestions.map((suggestion) => suggestion.output), [text.replace('onfailure', 'OnFailure')]);
  });
});
