// The API-semantics rules of RULES.md section 3 (part B) on real manifests (../shared/corpus): nothing on the
// Kubernetes website's examples that the website's own test validates with the API server's validation code,
// and agreement with kube-linter and kube-score where they check the same thing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileResult } from '@podlint/core';
import { corpusPath, corpusSkipReason, lintCorpus, validatedWebsiteExamples, WEBSITE_EXAMPLES } from './corpus-utils.js';

const API_B_RULES = new Set([
  'selector-mismatch',
  'volume-mount-undefined',
  'volume-name-duplicate',
  'mount-path-duplicate',
  'env-name-duplicate',
  'env-invalid',
  'volume-invalid',
  'volume-mount-invalid',
  'quantity-format',
  'resource-limits-below-requests',
  'fractional-byte-quantity',
  'resource-invalid',
  'workload-spec-invalid',
  'dns-config-invalid',
  'scheduling-invalid',
]);



function ourFindings(results: readonly FileResult[]): string[] {
  return results.flatMap((result) =>
    result.messages.filter((message) => API_B_RULES.has(message.ruleId)).map((message) => `${corpusPath(result.filePath)}:${message.range.start.line + 1} ${message.ruleId}: ${message.message}`),
  );
}

describe('corpus: the website examples pass the API-semantics rules', { skip: corpusSkipReason('k8s-website') }, () => {
  const results = corpusSkipReason('k8s-website') ? [] : lintCorpus('k8s-website');

  it('reports nothing on the examples the website validates', () => {
    const validated = validatedWebsiteExamples();
    assert.ok(validated.size >= 400, `${validated.size} validated examples`);
    const checked = results.filter((result) => validated.has(corpusPath(result.filePath)));
    assert.equal(checked.length, validated.size, 'every validated example was linted');
    assert.deepEqual(ourFindings(checked), []);
  });
});

/** Our diagnostics of one rule in one corpus file, as `Kind/name` of the object they are about. */
function objectsReported(results: readonly FileResult[], file: string, ruleId: string): string[] {
  const result = results.find((candidate) => corpusPath(candidate.filePath) === file);
  assert.ok(result, `${file} was linted`);
  return [...new Set(result.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.object?.kind}/${message.object?.name ?? '(no name)'}`))].sort();
}

describe('corpus: agreement with kube-linter', { skip: corpusSkipReason('kube-linter') }, () => {
  const results = corpusSkipReason('kube-linter') ? [] : lintCorpus('kube-linter');

  it('mismatching-selector: fires on Deployment app1 only (DeploymentConfig is OpenShift, not linted)', () => {
    assert.deepEqual(objectsReported(results, 'kube-linter/fixtures/tests/checks/mismatching-selector.yml', 'selector-mismatch'), ['Deployment/app1']);
  });

  it('duplicate-env-var: fires on both objects, in the fire-* containers', () => {
    const file = 'kube-linter/fixtures/tests/checks/duplicate-env-var.yaml';
    assert.deepEqual(objectsReported(results, file, 'env-name-duplicate'), ['Deployment/(no name)', 'StatefulSet/(no name)']);
    const messages = results.find((result) => corpusPath(result.filePath) === file)!.messages.filter((message) => message.ruleId === 'env-name-duplicate');
    assert.ok(messages.every((message) => /"PORT" .* container "fire-/.test(message.message)));
  });
});

describe('corpus: agreement with kube-score', { skip: corpusSkipReason('kube-score') }, () => {
  const results = corpusSkipReason('kube-score') ? [] : lintCorpus('kube-score');

  it('environment-variable-key-duplication: CRITICAL for pod-env-duplicated, OK for pod-env-ok', () => {
    assert.deepEqual(objectsReported(results, 'kube-score/fixtures/score/testdata/pod-env-duplicated.yaml', 'env-name-duplicate'), ['Pod/pod-test-1']);
    assert.deepEqual(objectsReported(results, 'kube-score/fixtures/score/testdata/pod-env-ok.yaml', 'env-name-duplicate'), []);
  });
});
