// volume-invalid's file-mode suggestion, which fixtures cannot state: a decimal 644 meant as octal becomes
// 0644 in YAML (which kubectl reads as octal) but 420 in JSON, which has no octal numbers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

function suggestionOutputs(filePath: string, text: string): string[] {
  const messages = lintWithAllRules(filePath, text).messages.filter((message) => message.ruleId === 'volume-invalid');
  assert.equal(messages.length, 1);
  return (messages[0]!.suggestions ?? []).map((suggestion) => applyFixes(text, [suggestion.fix]).output);
}

describe('volume-invalid mode suggestions', () => {
  it('offers the octal spelling in YAML, which reads back as the intended mode', () => {
    const yaml = (mode: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n  volumes: [{name: v, secret: {secretName: s, defaultMode: ${mode}}}]\n`;
    const [output] = suggestionOutputs('test.yaml', yaml('644'));
    assert.equal(output, yaml('0644'));
    assert.deepEqual(lintWithAllRules('test.yaml', output!).messages.filter((message) => message.ruleId === 'volume-invalid'), []);
  });

  it('offers the decimal value in JSON', () => {
    const json = (mode: string) => `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "c:1"}], "volumes": [{"name": "v", "configMap": {"name": "c", "defaultMode": ${mode}}}]}}`;
    assert.deepEqual(suggestionOutputs('test.json', json('755')), [json('493')]);
  });

  it('offers nothing when the digits are not an octal mode', () => {
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "c:1"}]\n  volumes: [{name: v, secret: {secretName: s, defaultMode: 1000}}]\n`;
    assert.deepEqual(suggestionOutputs('test.yaml', text), []);
  });
});
