// Lints every fixture (fixtures/<rule-id>/{valid,invalid}/*) and compares the rule's diagnostics exactly with
// the fixture's `# expect:` markers: same lines (and columns where given), nothing unexpected, no rule crash.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, INTERNAL_ERROR_RULE } from '@podlint/core';
import { REPO_ROOT, fixedCompanion, lintWithAllRules, listFixtures, readExpectations, readFixtureSettings, rules } from './fixture-utils.js';

for (const ruleId of Object.keys(rules).sort()) {
  describe(`fixtures of ${ruleId}`, () => {
    for (const kind of ['valid', 'invalid'] as const) {
      for (const filePath of listFixtures(ruleId, kind)) {
        it(`${kind}/${relative(`${REPO_ROOT}/fixtures/${ruleId}/${kind}`, filePath)}`, () => {
          const text = readFileSync(filePath, 'utf8');
          const settings = readFixtureSettings(text);
          const result = lintWithAllRules(filePath, text, ruleId, settings);
          const crashes = result.messages.filter((message) => message.ruleId === INTERNAL_ERROR_RULE);
          assert.deepEqual(crashes.map((message) => message.message), [], 'no rule may crash on a fixture');
          const expected = readExpectations(filePath, text).filter((expectation) => expectation.ruleId === ruleId);
          if (kind === 'valid') assert.equal(expected.length, 0, 'a valid fixture carries no expect marker for its rule');
          else assert.ok(expected.length > 0, 'an invalid fixture marks at least one expected diagnostic');
          const actual = result.messages
            .filter((message) => message.ruleId === ruleId)
            .map((message) => ({ line: message.range.start.line + 1, columns: [message.range.start.character + 1, message.range.end.character + 1] as [number, number], message: message.message }));
          // Columns are compared where a marker gives them; otherwise the line is enough.
          const columnsByLine = new Map(expected.filter((item) => item.columns).map((item) => [item.line, item.columns!]));
          const key = (line: number, columns?: [number, number]) => (columns ? `${line}@${columns.join('-')}` : `${line}`);
          const actualKeys = actual.map((item) => key(item.line, columnsByLine.has(item.line) ? item.columns : undefined)).sort();
          const expectedKeys = expected.map((item) => key(item.line, item.columns)).sort();
          assert.deepEqual(actualKeys, expectedKeys, `diagnostics of ${ruleId}:\n${actual.map((item) => `  ${item.line}:${item.columns[0]}-${item.columns[1]} ${item.message}`).join('\n')}`);
          for (const item of actual) assert.match(item.message, /[.?!)]$/, 'a message ends with a full stop');
          const fixed = kind === 'invalid' ? fixedCompanion(filePath) : undefined;
          if (fixed) {
            const fixes = result.messages.filter((message) => message.ruleId === ruleId && message.fix).map((message) => message.fix!);
            const output = applyFixes(text, fixes).output;
            assert.equal(output, readFileSync(fixed, 'utf8'), 'fixed output');
            const relinted = lintWithAllRules(filePath, output, ruleId, settings);
            assert.deepEqual(relinted.messages.filter((message) => message.ruleId === ruleId && message.fix).map((message) => message.message), [], 'nothing fixable remains');
          }
        });
      }
    }
  });
}
