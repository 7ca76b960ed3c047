import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, compileGlobs, parseConfigText, resolveConfig } from './config.js';
import { testRule } from './test-utils.js';

const registry = {
  'bare-pod': testRule({
    name: 'bare-pod',
    meta: { type: 'suggestion', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
    defaultOptions: [],
    create: () => ({}),
  }),
  'split-tiers': testRule({
    name: 'split-tiers',
    meta: {
      type: 'suggestion',
      severity: 'warning',
      docs: { description: 'x.', recommended: false },
      messages: { m: 'm.' },
      schema: [{ type: 'object', additionalProperties: false, properties: { data: { type: 'array', items: { type: 'string' } }, strict: { type: 'boolean' } } }],
    },
    defaultOptions: [{ data: ['postgres'], strict: false }],
    create: () => ({}),
  }),
};

function configError(text: string): string {
  try {
    parseConfigText(text, '/p/.podlint.yaml', registry);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.format();
  }
  assert.fail('expected a ConfigError');
}

describe('config', () => {
  it('reports an unknown key at its position with a did-you-mean', () => {
    assert.equal(configError('extends: all\nrule:\n  bare-pod: off\n'), '/p/.podlint.yaml:2:1: unknown key "rule"; did you mean "rules"? (allowed: extends, kubernetesVersion, rules, schemas, ignores, overrides)');
  });

  it('reports an unknown rule id with a did-you-mean', () => {
    assert.equal(configError('rules:\n  bare-pods: off\n'), '/p/.podlint.yaml:2:3: unknown rule "bare-pods"; did you mean "bare-pod"?');
  });

  it('reports a bad severity and bad options where they are', () => {
    assert.equal(configError('rules:\n  bare-pod: loud\n'), '/p/.podlint.yaml:2:13: rule "bare-pod": severity must be off, info, warn or error, not "loud"');
    assert.equal(configError('rules:\n  split-tiers: [warn, {strict: yes-please}]\n'), '/p/.podlint.yaml:2:32: rule "split-tiers": option "strict" must be boolean');
    assert.equal(configError('rules:\n  split-tiers: [warn, {colour: red}]\n'), '/p/.podlint.yaml:2:24: rule "split-tiers": unknown option "colour"');
    assert.equal(configError('rules:\n  bare-pod: [warn, {a: 1}]\n'), '/p/.podlint.yaml:2:20: rule "bare-pod" takes no options');
  });

  it('reports YAML errors and wrong types with positions', () => {
    assert.match(configError('rules: [\n'), /^\/p\/\.podlint\.yaml:1:8: YAML: /);
    assert.equal(configError('ignores: vendor/**\n'), '/p/.podlint.yaml:1:10: "ignores" must be array');
    assert.equal(configError('kubernetesVersion: "2.0"\n'), '/p/.podlint.yaml:1:20: "kubernetesVersion" must match ^1\\.[0-9]+$');
  });

  it('keeps kubernetesVersion 1.30 as written (a YAML float would say 1.3)', () => {
    assert.equal(parseConfigText('kubernetesVersion: 1.30\n', '/p/.podlint.yaml', registry).kubernetesVersion, '1.30');
  });

  it('resolves presets, rules, options with defaults, overrides and extra rules in that order', () => {
    const config = parseConfigText(
      'extends: recommended\nrules:\n  split-tiers: [error, {data: [mysql]}]\noverrides:\n  - files: ["dev/**"]\n    kubernetesVersion: "1.30"\n    rules:\n      bare-pod: off\n      split-tiers: info\n',
      '/p/.podlint.yaml',
      registry,
    );
    const main = resolveConfig(registry, config, '/p/prod/app.yaml');
    assert.deepEqual([...main.rules], [
      ['bare-pod', { severity: 'warning', options: [] }],
      ['split-tiers', { severity: 'error', options: [{ data: ['mysql'], strict: false }] }],
    ]);
    assert.equal(main.kubernetesVersion, '1.36');
    const dev = resolveConfig(registry, config, '/p/dev/app.yaml');
    assert.deepEqual([...dev.rules], [['split-tiers', { severity: 'info', options: [{ data: ['mysql'], strict: false }] }]]);
    assert.equal(dev.kubernetesVersion, '1.30');
    const withCli = resolveConfig(registry, config, '/p/prod/app.yaml', new Map([['bare-pod', { severity: 'error' as const }]]));
    assert.equal(withCli.rules.get('bare-pod')?.severity, 'error');
  });

  it('matches ignore globs relative to the config folder', () => {
    const config = parseConfigText('ignores: ["vendor/", "*.generated.yaml", "charts/**/tests/**"]\n', '/p/.podlint.yaml', registry);
    assert.equal(config.isIgnored('/p/vendor/a/b.yaml'), true);
    assert.equal(config.isIgnored('/p/deep/x.generated.yaml'), true);
    assert.equal(config.isIgnored('/p/charts/a/tests/t.yaml'), true);
    assert.equal(config.isIgnored('/p/charts/a/templates/t.yaml'), false);
    assert.equal(compileGlobs(['k8s'])('k8s/app.yaml'), true);
  });
});
