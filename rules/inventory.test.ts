// Every rule is complete (ESLint's checkRuleFiles): registered under its file's name, with valid and invalid
// fixtures, a docs page whose generated header is current and whose Wrong/Right examples lint as they say,
// and messages that follow the style (placeholders filled, a full stop at the end).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { INTERNAL_ERROR_RULE } from '@podlint/core';
import { BEGIN, END, examplesUnder, renderRuleHeader, renderRulesIndex } from './docs-utils.js';
import { DOCS_DIR, FIXTURES_DIR, REPO_ROOT, lintWithAllRules, listFixtures, rules } from './fixture-utils.js';

const ruleFiles = readdirSync(join(REPO_ROOT, 'rules'))
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('-utils.ts') && !name.endsWith('.d.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -3));

describe('rule inventory', () => {
  it('registers every rule file under its own name', () => {
    assert.deepEqual(Object.keys(rules).sort(), [...ruleFiles].sort());
    for (const [id, rule] of Object.entries(rules)) assert.equal(rule.name, id);
  });

  it('has no fixture folder without a rule', () => {
    const folders = readdirSync(FIXTURES_DIR).filter((name) => !name.startsWith('.') && name !== 'README.md');
    assert.deepEqual(folders.filter((folder) => !(folder in rules)), []);
  });

  it('has an up-to-date rules index page', () => {
    assert.equal(readFileSync(join(DOCS_DIR, 'README.md'), 'utf8'), renderRulesIndex(rules), 'run `pnpm docs`');
  });

  for (const [id, rule] of Object.entries(rules)) {
    describe(id, () => {
      it('has valid and invalid fixtures', () => {
        assert.ok(listFixtures(id, 'valid').length > 0, `fixtures/${id}/valid/ is empty`);
        assert.ok(listFixtures(id, 'invalid').length > 0, `fixtures/${id}/invalid/ is empty`);
      });

      it('has well-formed metadata and messages', () => {
        assert.ok(rule.meta.docs.description.length > 10);
        assert.match(rule.meta.docs.description, /\.$/, 'description ends with a full stop');
        for (const [messageId, message] of Object.entries(rule.meta.messages)) {
          assert.match(message as string, /[.?!]$/, `message ${messageId} ends with a full stop`);
        }
        assert.ok(Array.isArray(rule.defaultOptions));
      });

      it('has a docs page with a current header and examples that lint as they say', () => {
        const file = join(DOCS_DIR, `${id}.md`);
        assert.ok(existsSync(file), `docs/rules/${id}.md is missing`);
        const text = readFileSync(file, 'utf8');
        const header = text.slice(0, text.indexOf(END) + END.length + 1);
        assert.ok(text.startsWith(BEGIN), 'the page starts with the generated header');
        assert.equal(header, renderRuleHeader(rule), 'stale header: run `pnpm docs`');
        assert.ok(text.includes('\n## Why'), 'the page explains why');
        const wrong = examplesUnder(text, 'Wrong');
        const right = examplesUnder(text, 'Right');
        assert.ok(wrong.length > 0 && right.length > 0, 'the page has a Wrong and a Right example');
        for (const example of wrong) {
          const messages = lintWithAllRules(`docs/${id}.wrong.yaml`, example).messages;
          assert.ok(messages.some((message) => message.ruleId === id), `the Wrong example must trigger ${id}`);
          assert.ok(!messages.some((message) => message.ruleId === INTERNAL_ERROR_RULE));
        }
        for (const example of right) {
          const messages = lintWithAllRules(`docs/${id}.right.yaml`, example).messages;
          assert.deepEqual(messages.filter((message) => message.ruleId === id).map((message) => message.message), [], `the Right example must not trigger ${id}`);
        }
      });
    });
  }
});
