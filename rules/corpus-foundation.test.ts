// The foundation on real manifests (../shared/corpus): the Kubernetes docs' examples parse as the website's
// own test says (only the files known to be broken get yaml-syntax), every position lies inside its file,
// and Helm chart templates are skipped with a notice rather than reported as syntax errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusPath, corpusSkipReason, lintCorpus } from './corpus-utils.js';

const KNOWN_BROKEN = [
  'k8s-website/content/en/examples/access/audit-event-with-audit-annotation.yaml',
  'k8s-website/content/en/examples/controllers/job-pod-failure-policy-ignore.yaml',
  'k8s-website/content/en/examples/pods/inject/envars-file-container.yaml',
  'k8s-website/content/en/examples/pods/inject/pod-multiple-secret-env-variable.yaml',
  'k8s-website/content/en/examples/validatingadmissionpolicy/failure-policy-ignore.yaml',
];

describe('corpus: k8s-website', { skip: corpusSkipReason('k8s-website') }, () => {
  const results = corpusSkipReason('k8s-website') ? [] : lintCorpus('k8s-website');

  it('reports yaml-syntax exactly in the files that really are broken', () => {
    const broken = results.filter((result) => result.messages.some((message) => message.ruleId === 'yaml-syntax')).map((result) => corpusPath(result.filePath));
    assert.deepEqual(broken.sort(), [...KNOWN_BROKEN].sort());
  });

  it('keeps every diagnostic inside its file', () => {
    for (const result of results) {
      const lines = (result.source ?? '').split('\n');
      for (const message of result.messages) {
        const where = `${corpusPath(result.filePath)} ${message.ruleId} ${message.range.start.line + 1}:${message.range.start.character + 1}`;
        assert.ok(message.range.start.line >= 0 && message.range.start.line < lines.length, where);
        assert.ok(message.range.end.line < lines.length, where);
        assert.ok(message.range.start.character <= (lines[message.range.start.line] ?? '').length, where);
      }
    }
  });

  it('lints every object of every parsable file', () => {
    const resources = results.reduce((sum, result) => sum + result.counts.resources, 0);
    assert.ok(resources >= 500, `linted ${resources} objects`);
    assert.deepEqual(results.filter((result) => result.skipped).map((result) => corpusPath(result.filePath)), []);
  });
});

describe('corpus: Helm chart templates', { skip: corpusSkipReason('kube-linter') }, () => {
  it('skips chart templates with one notice each instead of syntax errors', () => {
    const results = lintCorpus('kube-linter').filter((result) => result.filePath.includes('/templates/') && result.filePath.includes('testdata/mychart'));
    assert.ok(results.length >= 5);
    for (const result of results) {
      assert.equal(result.skipped?.kind, 'template', corpusPath(result.filePath));
      assert.deepEqual(result.messages, []);
    }
  });
});
