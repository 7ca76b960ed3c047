// Fixes that would change what they were not asked to change are not offered: removing a key that carries a tag,
// an anchor or the explicit-key `?` (the removal started at the key's text and left those behind, to join the
// next line or swallow a `---`), and any edit in a document with aliases (it could land in an anchored node that
// other places repeat). The problem is still reported; only the fix goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWithAllRules } from './fixture-utils.js';

/** The `ruleId` messages of a text, each as `line:col` and whether it carries a fix. */
function fixesOf(text: string, ruleId: string): string[] {
  return lintWithAllRules('/repo/test.yaml', text, ruleId)
    .messages.filter((message) => message.ruleId === ruleId)
    .map((message) => `${message.range.start.line + 1}:${message.range.start.character + 1} ${message.fix ? 'fix' : 'no fix'}`);
}

const configMap = (metadata: string, rest = 'data:\n  k: v\n') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n${metadata}${rest}`;

describe('fixes that would change other data', () => {
  it('removes a plain server field, and leaves one with a tag or an anchor on its key', () => {
    assert.deepEqual(fixesOf(configMap('  uid: x\n'), 'no-server-fields'), ['5:3 fix']);
    assert.deepEqual(fixesOf(configMap('  !!str uid: x\n'), 'no-server-fields'), ['5:9 no fix']);
    assert.deepEqual(fixesOf(configMap('  &u uid: x\n'), 'no-server-fields'), ['5:6 no fix']);
  });

  it('leaves a status written as an explicit key, which would swallow the next `---`', () => {
    const second = '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    assert.deepEqual(fixesOf(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nstatus: {}\n${second}`, 'no-status-field'), ['4:1 fix']);
    assert.deepEqual(fixesOf(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n? status\n${second}`, 'no-status-field'), ['4:3 no fix']);
  });

  it('offers no fix in a document with aliases', () => {
    const list = (metadata: string) =>
      `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n  data: &d {name: b, uid: "1"}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: ${metadata}\n`;
    assert.deepEqual(fixesOf(list('{name: b, uid: "1"}'), 'no-server-fields'), ['10:23 fix']);
    assert.deepEqual(fixesOf(list('*d'), 'no-server-fields'), ['7:22 no fix']);
    const budget = (data: string) => `apiVersion: v1\nkind: List\nitems:\n- apiVersion: &v policy/v1beta1\n  kind: PodDisruptionBudget\n  metadata: {name: p}\n  spec: {minAvailable: 1, selector: {matchLabels: {app: a}}}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: c}\n  data: {api: ${data}}\n`;
    assert.deepEqual(fixesOf(budget('policy/v1beta1'), 'api-version-removed'), ['4:18 fix']);
    assert.deepEqual(fixesOf(budget('*v'), 'api-version-removed'), ['4:18 no fix']);
  });
});
