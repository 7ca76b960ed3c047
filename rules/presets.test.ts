// The presets: `recommended` is every rule of RULES.md sections 1-5 and 7 plus image-tag-latest and
// resources-missing, `all` is every rule; both are derived from meta.docs.recommended by resolveConfig. The
// catalogue (../shared/RULES.md) is the source of truth where it is present; severities are checked against it
// too (E/W/I).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig, type PresetName } from '@podlint/core';
import { SHARED_DIR } from './corpus-utils.js';
import { REPO_ROOT, rules } from './fixture-utils.js';

const RULES_MD = join(SHARED_DIR, 'RULES.md');
const RECOMMENDED_FROM_SECTION_6 = new Set(['image-tag-latest', 'resources-missing']);
const SEVERITY_LETTERS = { E: 'error', W: 'warning', I: 'info' } as const;

interface CatalogueEntry {
  section: number;
  severity: (typeof SEVERITY_LETTERS)[keyof typeof SEVERITY_LETTERS];
}

/** Rule ids of RULES.md by section number, from its tables (`| id | sev | what | where |`). */
function readCatalogue(text: string): Map<string, CatalogueEntry> {
  const entries = new Map<string, CatalogueEntry>();
  let section = 0;
  for (const line of text.split('\n')) {
    const heading = /^##\s+(\d+)\./.exec(line);
    if (heading) section = Number(heading[1]);
    const row = /^\|\s*([a-z0-9-]+)\s*\|\s*([EWI])\b/.exec(line);
    if (row && section > 0) entries.set(row[1]!, { section, severity: SEVERITY_LETTERS[row[2] as keyof typeof SEVERITY_LETTERS] });
  }
  return entries;
}

function enabledBy(preset: PresetName): string[] {
  const config = resolveConfig(rules, { path: 'test', directory: REPO_ROOT, presets: [preset], rules: new Map(), isIgnored: () => false, overrides: [] }, join(REPO_ROOT, 'x.yaml'));
  return [...config.rules.keys()].sort();
}

describe('presets', () => {
  it('`all` turns on every rule, `recommended` exactly the rules marked recommended', () => {
    assert.deepEqual(enabledBy('all'), Object.keys(rules).sort());
    const marked = Object.entries(rules).filter(([, rule]) => rule.meta.docs.recommended).map(([id]) => id).sort();
    assert.deepEqual(enabledBy('recommended'), marked);
  });

  it('recommends image-tag-latest and resources-missing but not the other security advice of section 6', () => {
    const pinned: Record<string, boolean> = {
      'image-tag-latest': true,
      'resources-missing': true,
      'run-as-non-root': false,
      'privileged-container': false,
      'privilege-escalation': false,
    };
    for (const [id, recommended] of Object.entries(pinned)) {
      if (rules[id]) assert.equal(rules[id].meta.docs.recommended, recommended, id);
    }
  });

  const skip = existsSync(RULES_MD) ? false : `${RULES_MD} is not present (a contributor's clone has no ../shared)`;
  it('follows RULES.md: sections 1-5 and 7 recommended, section 6 not (but for two), severities as catalogued', { skip }, () => {
    const catalogue = readCatalogue(readFileSync(RULES_MD, 'utf8'));
    assert.ok(catalogue.size >= 40, `read ${catalogue.size} rule ids from RULES.md`);
    for (const [id, rule] of Object.entries(rules)) {
      const entry = catalogue.get(id);
      if (!entry) continue;
      const recommended = entry.section === 6 ? RECOMMENDED_FROM_SECTION_6.has(id) : true;
      assert.equal(rule.meta.docs.recommended, recommended, `${id} (section ${entry.section})`);
      assert.equal(rule.meta.severity, entry.severity, `${id}: severity`);
    }
  });
});
