// The multi-container advisor rules on real manifests (../shared/corpus): the exact (file, line, rule) set of
// split-tiers, one-process-per-container, loosely-coupled-containers and job-sidecar-blocks-completion on the
// Kubernetes docs' examples and the realistic projects, each entry judged by hand (a true finding), so that a
// new false positive, or a lost finding, shows up here; and no rule crashes on them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTERNAL_ERROR_RULE } from '@podlint/core';
import { corpusPath, corpusSkipReason, lintCorpus } from './corpus-utils.js';

const MULTI_CONTAINER_RULES = new Set(['split-tiers', 'one-process-per-container', 'loosely-coupled-containers', 'job-sidecar-blocks-completion']);

const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'k8s-website': [
    // The legacy sidecar example: its log shipper tails forever, so the Job never completes (the docs say so).
    'k8s-website/content/en/examples/application/job/job-sidecar-legacy.yaml:15 job-sidecar-blocks-completion',
    // A QoS demo that puts nginx and redis in one pod: a web server and a cache, two tiers.
    'k8s-website/content/en/examples/pods/qos/qos-pod-4.yaml:19 split-tiers',
  ],
  realistic: [],
};

for (const folder of Object.keys(EXPECTED)) {
  describe(`corpus: ${folder} (multi-container advisor rules)`, { skip: corpusSkipReason(folder) }, () => {
    const results = corpusSkipReason(folder) ? [] : lintCorpus(folder);

    it('reports exactly the judged diagnostics', () => {
      const actual = results.flatMap((result) =>
        result.messages.filter((message) => MULTI_CONTAINER_RULES.has(message.ruleId)).map((message) => `${corpusPath(result.filePath)}:${message.range.start.line + 1} ${message.ruleId}`),
      );
      assert.deepEqual(actual.sort(), [...EXPECTED[folder]!].sort());
    });

    it('never crashes a rule', () => {
      const crashes = results.flatMap((result) => result.messages.filter((message) => message.ruleId === INTERNAL_ERROR_RULE).map((message) => `${corpusPath(result.filePath)}: ${message.message}`));
      assert.deepEqual(crashes, []);
    });
  });
}
