// quantity-format's suggestions, which fixtures cannot state: which corrections are offered, in which order,
// what they say, and that applying one keeps the file's quoting (YAML plain, YAML quoted, JSON).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes } from '@podlint/core';
import { lintWithAllRules } from './fixture-utils.js';

function podWithMemory(memory: string): string {
  return ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '    - name: c', '      image: "c:1"', `      resources: {limits: {memory: ${memory}}}`, ''].join('\n');
}

function suggestionsFor(text: string, filePath = 'test.yaml') {
  const messages = lintWithAllRules(filePath, text).messages.filter((message) => message.ruleId === 'quantity-format');
  assert.equal(messages.length, 1, 'one quantity-format diagnostic');
  return (messages[0]!.suggestions ?? []).map((suggestion) => ({ message: suggestion.message, output: applyFixes(text, [suggestion.fix]).output }));
}

describe('quantity-format suggestions', () => {
  it('offers the binary and the decimal reading of 512MB, binary first, and says what each means', () => {
    const suggestions = suggestionsFor(podWithMemory('512MB'));
    assert.deepEqual(
      suggestions.map((suggestion) => suggestion.message),
      ['Replace with 512Mi (536870912 bytes).', 'Replace with 512M (512000000 bytes).'],
    );
    assert.equal(suggestions[0]!.output, podWithMemory('512Mi'));
    assert.equal(suggestions[1]!.output, podWithMemory('512M'));
  });

  it('offers only the binary reading when the user wrote an i', () => {
    assert.deepEqual(
      suggestionsFor(podWithMemory('2GiB')).map((suggestion) => suggestion.output),
      [podWithMemory('2Gi')],
    );
  });

  it('keeps the quotes of a quoted scalar', () => {
    assert.equal(suggestionsFor(podWithMemory('"100 Mi"'))[0]!.output, podWithMemory('"100Mi"'));
    assert.equal(suggestionsFor(podWithMemory("'1.5.0'"))[0]!.output, podWithMemory("'1.5'"));
  });

  it('edits JSON inside the string, so the file stays JSON', () => {
    const json = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "c:1", "resources": {"requests": {"cpu": "500 millicores"}}}]}}';
    const [suggestion] = suggestionsFor(json, 'test.json');
    assert.equal(suggestion!.message, 'Replace with 500m (500 thousandths of a CPU).');
    assert.equal(JSON.parse(suggestion!.output).spec.containers[0].resources.requests.cpu, '500m');
  });

  it('suggests nothing when the intent is unclear', () => {
    assert.deepEqual(suggestionsFor(podWithMemory('1.2.3')), []);
    assert.deepEqual(suggestionsFor(podWithMemory('"1,000"')), []);
    assert.deepEqual(suggestionsFor(podWithMemory('lots')), []);
  });

  it('never fixes on its own: a corrected size changes what the pod gets', () => {
    const messages = lintWithAllRules('test.yaml', podWithMemory('512MB')).messages.filter((message) => message.ruleId === 'quantity-format');
    assert.equal(messages[0]!.fix, undefined);
  });
});
