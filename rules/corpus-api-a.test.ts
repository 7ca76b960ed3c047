// The pod-semantics rules of RULES.md section 3 (part A) on real manifests (../shared/corpus): no diagnostic on
// the Kubernetes website's examples that the website's own test validates with the API server's validation
// code, except where the example really is invalid (listed below with the reason, and required to still fire).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileResult } from '@podlint/core';
import { corpusPath, corpusSkipReason, lintCorpus, validatedWebsiteExamples, WEBSITE_EXAMPLES } from './corpus-utils.js';

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
    const validated = validatedWebsiteExamples();
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
