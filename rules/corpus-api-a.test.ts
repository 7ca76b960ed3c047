// The pod-semantics rules of RULES.md section 3 (part A) on real manifests (../shared/corpus): no diagnostic on
// the Kubernetes website's examples that the website's own test validates with the API server's validation
// code, except where the example really is invalid (listed below with the reason, and required to still fire).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileResult } from '@podlint/core';
import { CORPUS_DIR, corpusPath, corpusSkipReason, lintCorpus } from './corpus-utils.js';

const API_A_RULES = new Set([
  'container-name-duplicate',
  'name-invalid',
  'port-invalid',
  'port-name-duplicate',
  'probe-handler-count',
  'probe-success-threshold',
  'probe-invalid',
  'lifecycle-hook-invalid',
  'restart-policy-invalid',
  'init-container-invalid',
  'ephemeral-container-invalid',
]);

const WEBSITE_EXAMPLES = 'k8s-website/content/en/examples';

/** Examples that are invalid although the website's test lists them as validated: file, rule, why. */
const REALLY_INVALID: readonly { file: string; ruleId: string; why: string }[] = [
  {
    // Its own comment says "ephemeralContainers cannot be specified when creating a Pod": ValidatePodCreate
    // rejects it with "spec.ephemeralContainers: Forbidden: cannot be set on create".
    file: `${WEBSITE_EXAMPLES}/pods/security/seccomp/fields.yaml`,
    ruleId: 'ephemeral-container-invalid',
    why: 'a Pod created with ephemeralContainers',
  },
  {
    // A snippet of a Job (no metadata at all): without restartPolicy the template defaults to Always, and the
    // batch validation rejects it ("spec.template.spec.restartPolicy: Required value"), as it rejects the
    // missing name. The page shows it as an excerpt; applied as it stands it fails.
    file: `${WEBSITE_EXAMPLES}/controllers/job-success-policy-example.yaml`,
    ruleId: 'restart-policy-invalid',
    why: 'a Job template without restartPolicy',
  },
];

/** The examples the website's test decodes and validates (MANIFEST.tsv: parses, and not in its filesIgnore list). */
function validatedExamples(): Set<string> {
  const rows = readFileSync(join(CORPUS_DIR, 'k8s-website', 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const header = rows[0]!.split('\t');
  const pathColumn = header.indexOf('path_under_content/en/examples');
  const parsesColumn = header.indexOf('pyyaml_parses');
  const ignoredColumn = header.indexOf('in_website_test_filesIgnore');
  assert.ok(pathColumn >= 0 && parsesColumn >= 0 && ignoredColumn >= 0, 'MANIFEST.tsv has the expected columns');
  const files = new Set<string>();
  for (const row of rows.slice(1)) {
    const cells = row.split('\t');
    if (cells[parsesColumn] === 'yes' && cells[ignoredColumn] === 'no') files.add(`${WEBSITE_EXAMPLES}/${cells[pathColumn]}`);
  }
  return files;
}

function findings(results: readonly FileResult[]): { file: string; ruleId: string; text: string }[] {
  return results.flatMap((result) =>
    result.messages
      .filter((message) => API_A_RULES.has(message.ruleId))
      .map((message) => ({
        file: corpusPath(result.filePath),
        ruleId: message.ruleId,
        text: `${corpusPath(result.filePath)}:${message.range.start.line + 1} ${message.ruleId}: ${message.message}`,
      })),
  );
}

describe('corpus: the website examples pass the pod-semantics rules', { skip: corpusSkipReason('k8s-website') }, () => {
  const results = corpusSkipReason('k8s-website') ? [] : lintCorpus('k8s-website');
  const excused = (finding: { file: string; ruleId: string }) => REALLY_INVALID.some((entry) => entry.file === finding.file && entry.ruleId === finding.ruleId);

  it('reports nothing on the examples the website validates', () => {
    const validated = validatedExamples();
    assert.ok(validated.size >= 400, `${validated.size} validated examples`);
    const checked = results.filter((result) => validated.has(corpusPath(result.filePath)));
    assert.equal(checked.length, validated.size, 'every validated example was linted');
    assert.deepEqual(findings(checked).filter((finding) => !excused(finding)).map((finding) => finding.text), []);
  });

  it('still reports the examples that really are invalid', () => {
    const found = findings(results);
    for (const entry of REALLY_INVALID) {
      assert.ok(found.some((finding) => finding.file === entry.file && finding.ruleId === entry.ruleId), `${entry.file} ${entry.ruleId} (${entry.why})`);
    }
  });
});
