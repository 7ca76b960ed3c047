// The schema rules on the Kubernetes documentation's examples (../shared/corpus/k8s-website). The website's own
// test accepts every file except the 12 of its filesIgnore list (MANIFEST.tsv), but it decodes leniently and
// does not list every example, so some of "its" valid files are wrong. Every schema diagnostic podlint gives
// is pinned below with the reason it is right; anything else on a file the docs present as valid fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { corpusPath, corpusSkipReason, lintCorpus, websiteExamples } from './corpus-utils.js';

const SCHEMA_RULES = new Set(['schema-unknown-field', 'schema-type', 'schema-required', 'schema-enum', 'unknown-kind', 'api-version-removed', 'api-version-deprecated']);
const PREFIX = 'k8s-website/content/en/examples/';

/** `file:line rule` -> why podlint is right. */
const EXPECTED: Record<string, string> = {
  // Mistakes in examples the docs present as valid (the website's test reads fields leniently or skips the file).
  'access/admission-webhook-match-conditions.yaml:4 schema-required': 'admissionregistration.k8s.io/v1 webhooks require admissionReviewVersions',
  'access/admission-webhook-match-conditions.yaml:29 schema-required': 'admissionregistration.k8s.io/v1 webhooks require admissionReviewVersions',
  'access/validating-webhook-configuration-match-conditions.yaml:4 schema-required': 'admissionregistration.k8s.io/v1 webhooks require admissionReviewVersions',
  'access/validating-webhook-configuration-match-conditions.yaml:30 schema-required': 'admissionregistration.k8s.io/v1 webhooks require admissionReviewVersions',
  'access/admission-webhook-match-conditions.yaml:1 schema-required': 'no metadata.name (a fragment of a webhook configuration)',
  'access/validating-webhook-configuration-match-conditions.yaml:1 schema-required': 'no metadata.name (a fragment of a webhook configuration)',
  'controllers/job-success-policy-example.yaml:1 schema-required': 'no metadata.name: kubectl apply refuses it, the API server wants name or generateName',
  'validatingadmissionpolicy/failure-policy-ignore.yaml:1 schema-required': 'no metadata.name (a fragment of a policy)',
  'concepts/policy/limit-range/problematic-limit-range.yaml:7 schema-required': 'a LimitRange item needs its type (Container, Pod...)',
  'deployments/deployment-with-capacity-reservation.yaml:22 schema-unknown-field': 'labelSelector belongs under podAffinityTerm in a weighted term',
  'deployments/deployment-with-capacity-reservation.yaml:22 schema-required': 'a weighted pod affinity term needs its weight',
  'deployments/deployment-with-capacity-reservation.yaml:25 schema-unknown-field': 'topologyKey belongs under podAffinityTerm in a weighted term',
  'dra/resourceclaim.yaml:14 schema-unknown-field': 'indentation: expression is written beside cel instead of under it',
  'pods/inject/pod-single-secret-env-variable.yaml:1 schema-required': 'the Pod has no apiVersion',
  'pods/pod-with-node-affinity.yaml:9 schema-type': 'requiredDuringSchedulingIgnoredDuringExecution is a NodeSelector, not a list of preferred terms',
  'secret/serviceaccount/mysecretname.yaml:7 schema-type': 'annotations written as a list instead of a map',
  'storage/test-crd.yaml:29 schema-unknown-field': 'conversionReviewVersions belongs under conversion.webhook',
  'storage/test-crd-v2.yaml:40 schema-unknown-field': 'conversionReviewVersions belongs under conversion.webhook',
  // Fields the Kubernetes 1.36.0 API does not have (in neither kubernetes-models 5.1.0 nor an older release).
  'pods/emptydir-volume-mode.yaml:16 schema-unknown-field': 'emptyDir.mode is not in the Kubernetes 1.36.0 API',
  'pods/security/security-context-7.yaml:12 schema-unknown-field': 'securityContext.cgroupOptions is not in the Kubernetes 1.36.0 API',
  // Old versions of files kept in the corpus (SOURCE.md), and versions Kubernetes 1.36 no longer serves.
  'service/networking/dual-stack-ipv6-svc.yaml:6 schema-unknown-field': 'ipFamily was replaced by ipFamilies/ipFamilyPolicy before dual-stack went GA (SOURCE.md)',
  'service/networking/dual-stack-ipv6-lb-svc.yaml:8 schema-unknown-field': 'ipFamily was replaced by ipFamilies/ipFamilyPolicy before dual-stack went GA (SOURCE.md)',
  'service/networking/example-ingress.yaml:1 api-version-removed': 'networking.k8s.io/v1beta1 Ingress, removed in 1.22 (SOURCE.md); the fix to v1 validates',
  'application/job/cronjob.yaml:1 api-version-removed': 'batch/v1beta1 CronJob, removed in 1.25 (SOURCE.md); fix to batch/v1',
  'access/deployment-replicas-policy.yaml:1 api-version-removed': 'admissionregistration.k8s.io/v1alpha1, removed in 1.32 (and paramKind takes apiVersion/kind, not group/version)',
  'access/validating-admission-policy-match-conditions.yaml:1 api-version-removed': 'admissionregistration.k8s.io/v1alpha1, removed in 1.32; fix to v1',
  'access/image-matches-namespace-environment.policy.yaml:1 api-version-removed': 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy, removed in 1.34; fix to v1',
  'storage/migrate-crd.yaml:2 api-version-removed': 'storagemigration.k8s.io/v1alpha1, removed in 1.36',
  'storage/storage-version-migration.yaml:2 api-version-removed': 'storagemigration.k8s.io/v1alpha1, removed in 1.36',
  'storage/storage-version-migration-status.yaml:2 api-version-removed': 'storagemigration.k8s.io/v1alpha1, removed in 1.36',
  'storage/storage-version-migration-status02.yaml:2 api-version-removed': 'storagemigration.k8s.io/v1alpha1, removed in 1.36',
  'dra/deviceclass.yaml:1 api-version-deprecated': 'resource.k8s.io/v1beta2, deprecated in 1.36',
  'dra/driver-install/all.yaml:117 api-version-deprecated': 'resource.k8s.io/v1beta1, deprecated in 1.35',
  'dra/driver-install/example/all.yaml:1 api-version-deprecated': 'resource.k8s.io/v1beta2, deprecated in 1.36',
  'mutatingadmissionpolicy/applyconfiguration-example.yaml:1 api-version-deprecated': 'admissionregistration.k8s.io/v1alpha1 MutatingAdmissionPolicy, deprecated in 1.35',
  // No schema (information only): API server and tool configuration files, CRDs not in the corpus, beta versions off by default.
  'access/manifest-admission-control/admission-configuration.yaml:6 unknown-kind': 'apiserver.config.k8s.io configuration file',
  'policy/admission-config-file.yaml:2 unknown-kind': 'apiserver.config.k8s.io configuration file',
  'application/volume-snaphot.yaml:2 unknown-kind': 'snapshot.storage.k8s.io CRD not in the corpus',
  'application/volume-snapshot-class.yaml:2 unknown-kind': 'snapshot.storage.k8s.io CRD not in the corpus',
  'storage/default-snapshot-class.yaml:2 unknown-kind': 'snapshot.storage.k8s.io CRD not in the corpus',
  'storage/snapshot.yaml:2 unknown-kind': 'snapshot.storage.k8s.io CRD not in the corpus',
  'mutatingadmissionpolicy/json-patch-example.yaml:1 unknown-kind': 'admissionregistration.k8s.io/v1beta1 MutatingAdmissionPolicy is off by default, so not in the published API spec',
  'validatingadmissionpolicy/replicalimit-param.yaml:2 unknown-kind': 'ReplicaLimit CRD not in the corpus',
  'validatingadmissionpolicy/replicalimit-param-prod.yaml:4 unknown-kind': 'ReplicaLimit CRD not in the corpus',
  // Files of the website test's filesIgnore list.
  'admin/konnectivity/egress-selector-configuration.yaml:4 unknown-kind': 'filesIgnore: apiserver.k8s.io configuration file',
  'audit/audit-policy.yaml:2 unknown-kind': 'filesIgnore: audit.k8s.io policy file',
  'pods/security/seccomp/kind.yaml:4 unknown-kind': 'filesIgnore: kind cluster configuration',
  'policy/baseline-psp.yaml:1 api-version-removed': 'filesIgnore: PodSecurityPolicy, removed in 1.25 with no replacement',
  'policy/example-psp.yaml:3 api-version-removed': 'filesIgnore: PodSecurityPolicy, removed in 1.25 with no replacement',
  'policy/privileged-psp.yaml:3 api-version-removed': 'filesIgnore: PodSecurityPolicy, removed in 1.25 with no replacement',
  'policy/restricted-psp.yaml:1 api-version-removed': 'filesIgnore: PodSecurityPolicy, removed in 1.25 with no replacement',
};

/** The files the website's test leaves out (column in_website_test_filesIgnore of MANIFEST.tsv). */
function ignoredByWebsiteTest(): string[] {
  return websiteExamples().filter((example) => example.ignoredByWebsiteTest).map((example) => example.path);
}

describe('corpus: schema rules on the Kubernetes docs examples', { skip: corpusSkipReason('k8s-website') }, () => {
  const results = corpusSkipReason('k8s-website') ? [] : lintCorpus('k8s-website');
  const found = results.flatMap((result) =>
    result.messages
      .filter((message) => SCHEMA_RULES.has(message.ruleId))
      .map((message) => `${corpusPath(result.filePath).slice(PREFIX.length)}:${message.range.start.line + 1} ${message.ruleId}`),
  );

  it('reports exactly the pinned findings, each with its reason', () => {
    assert.deepEqual([...new Set(found)].sort(), Object.keys(EXPECTED).sort());
  });

  it('gives no schema error on a file the docs present as valid, except the pinned mistakes', () => {
    const ignored = new Set(ignoredByWebsiteTest());
    assert.equal(ignored.size, 12);
    const errors = results.flatMap((result) => {
      const file = corpusPath(result.filePath).slice(PREFIX.length);
      if (ignored.has(file)) return [];
      return result.messages.filter((message) => SCHEMA_RULES.has(message.ruleId) && message.severity === 'error').map((message) => `${file}:${message.range.start.line + 1} ${message.ruleId}`);
    });
    const unexplained = errors.filter((key) => !EXPECTED[key] || EXPECTED[key]!.startsWith('filesIgnore'));
    assert.deepEqual(unexplained, []);
  });

  it('validates Gateway API resources with the bundled schemas', () => {
    const gateway = results.filter((result) => result.filePath.includes('/service/networking/') && /gateway|route/.test(result.filePath));
    assert.ok(gateway.length >= 5);
    for (const result of gateway) assert.deepEqual(result.messages.filter((message) => SCHEMA_RULES.has(message.ruleId)), [], result.filePath);
  });

  it('validates custom resources against a CRD found among the files (the Shirt examples)', () => {
    const shirts = results.find((result) => result.filePath.endsWith('customresourcedefinition/shirt-resources.yaml'));
    assert.ok(shirts && shirts.counts.resources === 3);
    assert.deepEqual(shirts.messages.filter((message) => SCHEMA_RULES.has(message.ruleId)), []);
  });
});
