// The split-tiers options and its documented tables: options are validated by the rule's schema (as a
// config file's would be), merged with the defaults, and the docs page lists every built-in pattern and port.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, DATA_STORE_PORTS, DEFAULT_TIER_PATTERNS, applyDefault, validateRuleOptions } from '@podlint/core';
import { DOCS_DIR } from '../fixture-utils.js';
import rule from '../split-tiers.js';

const locate = (message: string) => new ConfigError(message, '.podlint.yaml', 1, 1);

describe('split-tiers options', () => {
  it('accepts patterns for each tier', () => {
    assert.doesNotThrow(() => validateRuleOptions(rule, [{ tiers: { data: ['a'], web: ['b/*'], helper: ['c'], other: ['d'] } }], ['rules', 'split-tiers'], locate));
    assert.doesNotThrow(() => validateRuleOptions(rule, [{}], ['rules', 'split-tiers'], locate));
  });

  it('rejects an unknown tier, a pattern that is not a list of strings, and an empty pattern', () => {
    assert.throws(() => validateRuleOptions(rule, [{ tiers: { database: ['a'] } }], ['rules', 'split-tiers'], locate), /unknown option "database"/);
    assert.throws(() => validateRuleOptions(rule, [{ tiers: { data: 'postgres' } }], ['rules', 'split-tiers'], locate), /must be array/);
    assert.throws(() => validateRuleOptions(rule, [{ tiers: { data: [''] } }], ['rules', 'split-tiers'], locate), /must not be empty/);
    assert.throws(() => validateRuleOptions(rule, [{ tier: {} }], ['rules', 'split-tiers'], locate), /unknown option "tier"/);
  });

  it('merges user options over the defaults', () => {
    assert.deepEqual(applyDefault(rule.defaultOptions, [{ tiers: { data: ['x'] } }]), [{ tiers: { data: ['x'] } }]);
    assert.deepEqual(applyDefault(rule.defaultOptions, undefined), [{ tiers: {} }]);
  });
});

describe('split-tiers docs', () => {
  const page = readFileSync(join(DOCS_DIR, 'split-tiers.md'), 'utf8');
  for (const [tier, patterns] of Object.entries(DEFAULT_TIER_PATTERNS)) {
    it(`lists every built-in ${tier} pattern`, () => {
      assert.deepEqual(patterns.filter((pattern) => !page.includes(`\`${pattern}\``)), []);
    });
  }
  it('lists every data-store port', () => {
    assert.deepEqual(Object.keys(DATA_STORE_PORTS).filter((port) => !new RegExp(`\\b${port}\\b`).test(page)), []);
  });
});
