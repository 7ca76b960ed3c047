// podlint --init: a commented config that podlint itself accepts, naming the schema for editors, listing
// every rule; and never overwriting a config that exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseConfigText } from '@podlint/core';
import { rules } from '@podlint/rules';
import { CONFIG_SCHEMA_URL, initialConfig } from './init.js';
import { runCli, tempProject } from './testing/harness.js';

describe('podlint --init', () => {
  it('writes a commented .podlint.yaml that podlint accepts', async () => {
    const cwd = tempProject();
    const run = await runCli(['--init'], { cwd });
    assert.deepEqual(run, { code: 0, stdout: `podlint: wrote ${join(cwd, '.podlint.yaml')}\n`, stderr: '' });
    const text = readFileSync(join(cwd, '.podlint.yaml'), 'utf8');
    assert.equal(text, initialConfig(rules));
    assert.ok(text.startsWith(`# yaml-language-server: $schema=${CONFIG_SCHEMA_URL}\n`));
    const config = parseConfigText(text, join(cwd, '.podlint.yaml'), rules);
    assert.deepEqual(config.presets, ['recommended']);
    for (const [id, rule] of Object.entries(rules)) {
      const setting = rule.meta.docs.recommended ? (rule.meta.severity === 'warning' ? 'warn' : rule.meta.severity) : 'off';
      assert.match(text, new RegExp(`^#   ${id}: ${setting} +# `, 'm'), id);
    }
  });

  it('uncommented, its rules and overrides are valid too', () => {
    const text = initialConfig(rules)
      .split('\n')
      .map((line) => (/^# (rules:|ignores:|overrides:|  )/.test(line) ? line.replace(/^# /, '').replace(/ +# .*$/, '') : line))
      .join('\n');
    const config = parseConfigText(text, '/x/.podlint.yaml', rules);
    assert.equal(config.rules.size, Object.keys(rules).length);
    assert.equal(config.overrides.length, 1);
    assert.ok(config.isIgnored('/x/vendor/a.yaml'));
  });

  it('refuses to overwrite an existing config', async () => {
    const cwd = tempProject({ '.podlint.yml': 'extends: all\n' });
    const run = await runCli(['--init'], { cwd });
    assert.deepEqual(run, { code: 2, stdout: '', stderr: `podlint: ${join(cwd, '.podlint.yml')} already exists; podlint --init does not overwrite a config\n` });
    assert.equal(readFileSync(join(cwd, '.podlint.yml'), 'utf8'), 'extends: all\n');
  });
});
