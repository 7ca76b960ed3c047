// Every fixable fixture (fixtures/<rule>/invalid/<name>.yaml with <name>.fixed.yaml beside it) through the
// real command: a temporary copy is fixed with `podlint --fix` (its rule alone, with the fixture's options
// and Kubernetes version), must equal the .fixed file byte for byte, and linted again has nothing fixable left.
// rules/fixtures.test.ts checks the same fixes through the engine; this checks what --fix writes to disk.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, tempProject } from './testing/harness.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

interface FixableFixture {
  ruleId: string;
  file: string;
  fixed: string;
}

function fixableFixtures(): FixableFixture[] {
  const found: FixableFixture[] = [];
  for (const ruleId of readdirSync(FIXTURES).sort()) {
    const directory = join(FIXTURES, ruleId, 'invalid');
    if (!existsSync(directory)) continue;
    for (const name of readdirSync(directory).sort()) {
      const dot = name.lastIndexOf('.');
      if (dot === -1 || name.includes('.fixed.')) continue;
      const fixed = join(directory, `${name.slice(0, dot)}.fixed${name.slice(dot)}`);
      if (existsSync(fixed)) found.push({ ruleId, file: join(directory, name), fixed });
    }
  }
  return found;
}

/** The fixture's `# fixture: {...}` header (fixtures/README.md), as a config that runs only its rule. */
function configFor(ruleId: string, text: string): string {
  const header = /^#\s*fixture:\s*(\{.*\})\s*$/m.exec(text.split('\n').slice(0, 5).join('\n'));
  const settings = header ? (JSON.parse(header[1]!) as { options?: unknown[]; kubernetesVersion?: string }) : {};
  const version = settings.kubernetesVersion ? `kubernetesVersion: "${settings.kubernetesVersion}"\n` : '';
  return `extends: []\n${version}rules:\n  ${ruleId}: ${JSON.stringify(['error', ...(settings.options ?? [])])}\n`;
}

const fixtures = fixableFixtures();

describe('podlint --fix on every fixable fixture', () => {
  if (fixtures.length === 0) it('has fixable fixtures to run', { skip: 'no fixture has a .fixed companion yet' }, () => {});
  for (const fixture of fixtures) {
    it(`${fixture.ruleId}/invalid/${basename(fixture.file)}`, async () => {
      const text = readFileSync(fixture.file, 'utf8');
      const cwd = tempProject({ '.podlint.yaml': configFor(fixture.ruleId, text) });
      const name = basename(fixture.file);
      copyFileSync(fixture.file, join(cwd, name));
      const run = await runCli(['--fix', '-f', 'compact', name], { cwd });
      assert.equal(run.stderr, '');
      assert.equal(readFileSync(join(cwd, name), 'utf8'), readFileSync(fixture.fixed, 'utf8'), 'the file --fix wrote');
      const relinted = JSON.parse((await runCli(['-f', 'json', name], { cwd })).stdout) as { messages: { ruleId: string; fix?: unknown; message: string }[] }[];
      const fixable = relinted[0]!.messages.filter((message) => message.ruleId === fixture.ruleId && message.fix);
      assert.deepEqual(fixable.map((message) => message.message), [], 'nothing fixable remains');
    });
  }
});
