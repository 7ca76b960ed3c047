// Agreement with kube-linter, kube-score and Polaris on their own fixtures (../shared/corpus/<peer>), for the checks
// that match podlint's resource, security and Service rules. Each peer's EXPECTED.tsv says whether its check fires
// on an object (kube-linter) or a file (kube-score, Polaris); podlint lints each fixture file as one run, the way
// the peers' tests do, and must agree except for the disagreements listed below with their reasons. A listed
// disagreement that starts agreeing fails too, so the list stays true.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, resolveConfig, type LintMessage } from '@podlint/core';
import { CORPUS_DIR, corpusSkipReason } from './corpus-utils.js';
import { REPO_ROOT, rules } from './fixture-utils.js';

type Peer = 'kube-linter' | 'kube-score' | 'polaris';

/** A peer check and the podlint rule it matches; `aspect` narrows the rule's messages to the same concern. */
interface CheckMapping {
  rule: string;
  aspect?: RegExp;
}

// host-network/hostNetworkSet and the other host namespaces belong to host-namespace, probes and the latest tag
// to rules/peers.test.ts. Not mapped on purpose: Polaris cpuLimitsMissing and kube-score's CPU-limit half of
// container-resources (podlint does not ask for CPU limits: they throttle a container even on an idle node),
// kube-linter invalid-target-ports (the syntax of port names, port-invalid's and name-invalid's concern).
const CHECKS: Record<Peer, Record<string, CheckMapping>> = {
  'kube-linter': {
    'run-as-non-root': { rule: 'run-as-non-root' },
    'privileged-container': { rule: 'privileged-container' },
    'privilege-escalation-container': { rule: 'privilege-escalation' },
    'unset-cpu-requirements': { rule: 'resources-missing', aspect: /CPU request/ },
    'unset-memory-requirements': { rule: 'resources-missing', aspect: /memory request or limit/ },
    'dangling-service': { rule: 'service-selector-no-match' },
  },
  'kube-score': {
    'container-resources': { rule: 'resources-missing' },
    'container-security-context-privileged': { rule: 'privileged-container' },
    'container-security-context-user-group-id': { rule: 'run-as-non-root' },
    'service-targets-pod': { rule: 'service-selector-no-match' },
  },
  polaris: {
    runAsPrivileged: { rule: 'privileged-container' },
    privilegeEscalationAllowed: { rule: 'privilege-escalation' },
    runAsRootAllowed: { rule: 'run-as-non-root' },
    cpuRequestsMissing: { rule: 'resources-missing', aspect: /CPU request/ },
    memoryRequestsMissing: { rule: 'resources-missing', aspect: /memory request or limit/ },
    memoryLimitsMissing: { rule: 'resources-missing', aspect: /memory request or limit/ },
  },
};

const OPENSHIFT_DEPLOYMENT_CONFIG =
  'OpenShift DeploymentConfig (apps.openshift.io) is a custom resource to podlint: it knows no pod spec there, so the container rules do not look inside';

/** `peer | fixture | object (kube-linter) | check | run configuration (kube-score)` -> why podlint disagrees. */
const DISAGREEMENTS: Record<string, string> = {
  'kube-linter | tests/checks/run-as-non-root.yml | DeploymentConfig/app2 | run-as-non-root | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-linter | tests/checks/run-as-non-root.yml | Deployment/group-zero | run-as-non-root | ':
    'runAsUser: 1001 with runAsGroup: 0 is not root: the process has no root privileges, only group 0 file access; podlint reports the user, kube-linter the group too',
  'kube-linter | tests/checks/run-as-non-root.yml | DeploymentConfig/group-zero | run-as-non-root | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-linter | tests/checks/privileged-container.yml | DeploymentConfig/app2 | privileged-container | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-linter | tests/checks/privilege-escalation-container.yml | DeploymentConfig/app2 | privilege-escalation-container | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-linter | tests/checks/unset-cpu-requirements.yml | DeploymentConfig/app2 | unset-cpu-requirements | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-linter | tests/checks/unset-memory-requirements.yml | DeploymentConfig/app2 | unset-memory-requirements | ': OPENSHIFT_DEPLOYMENT_CONFIG,
  'kube-score | score/testdata/pod-test-resources-only-limits.yaml |  | container-resources | RunConfiguration{KubernetesVersion: 1.18}':
    'limits alone are enough: the API server copies a missing request from its limit when it creates the Pod',
  'kube-score | score/testdata/deployment-test-resources.yaml |  | container-resources | RunConfiguration{KubernetesVersion: 1.18}':
    'limits alone are enough: the Pods the template makes get their requests copied from the limits',
  'kube-score | score/testdata/statefulset-test-resources.yaml |  | container-resources | RunConfiguration{KubernetesVersion: 1.18}':
    'limits alone are enough: the Pods the template makes get their requests copied from the limits',
  'kube-score | score/testdata/pod-test-resources-limits-and-requests-no-cpu-limit.yaml |  | container-resources | RunConfiguration{ IgnoreContainerCpuLimitRequirement: false, }':
    'podlint does not ask for CPU limits (they throttle even on an idle node); kube-score run with its CPU-limit requirement on does',
  'kube-score | score/testdata/pod-security-context-low-group-id.yaml |  | container-security-context-user-group-id | RunConfiguration{ EnabledOptionalTests: optionalChecks, }':
    'runAsUser: 15000 with runAsGroup: 0 is not root; kube-score (optional check) also wants a group id of 10000 or more',
  'polaris | test/checks/runAsRootAllowed/failure.yaml |  | runAsRootAllowed | ':
    'the fixture is a Deployment of apiVersion v1, which does not exist (Deployments are apps/v1): podlint reads no pod spec from it (the API-version rules report it)',
};

interface Comparison {
  peer: Peer;
  files: string[];
  /** `Kind/name` of the object compared (kube-linter); undefined compares the whole file. */
  object?: string;
  check: string;
  runConfig: string;
  peerFires: boolean;
  mapping: CheckMapping;
}

function readTsv(peer: Peer): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(CORPUS_DIR, peer, 'EXPECTED.tsv'), 'utf8').split('\n').filter((line) => line.trim() !== '');
  const columns = header!.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((value, index) => [columns[index]!, value])));
}

function comparisons(peer: Peer): Comparison[] {
  const result: Comparison[] = [];
  for (const row of readTsv(peer)) {
    const check = peer === 'kube-score' ? row.check_id! : row.check!;
    const mapping = CHECKS[peer][check];
    if (!mapping) continue;
    if (peer === 'kube-linter') {
      // Rows for kinds outside the check's scope (a Deployment for dangling-service) say nothing about it.
      if (row.object_kind_in_check_scope !== 'yes' || !['fires', 'does not fire'].includes(row.expected!)) continue;
      result.push({ peer, files: [row.fixture!], object: row.object, check, runConfig: '', peerFires: row.expected === 'fires', mapping });
    } else if (peer === 'kube-score') {
      const grade = /^\d+ (CRITICAL|WARNING|OK)/.exec(row.expected!);
      if (!grade) continue;
      result.push({ peer, files: row.testdata_files!.split(/,\s*/), check, runConfig: row.run_config!, peerFires: grade[1] !== 'OK', mapping });
    } else {
      if (row.expected !== 'pass' && row.expected !== 'fail') continue;
      result.push({ peer, files: [row.fixture!], check, runConfig: '', peerFires: row.expected === 'fail', mapping });
    }
  }
  return result;
}

function lintFixtures(peer: Peer, files: readonly string[]): LintMessage[] {
  const config = resolveConfig(rules, { path: 'peers', directory: REPO_ROOT, presets: ['all'], rules: new Map(), isIgnored: () => false, overrides: [] }, REPO_ROOT);
  const inputs = files.map((file) => {
    const filePath = join(CORPUS_DIR, peer, 'fixtures', file);
    return { filePath, text: readFileSync(filePath, 'utf8'), config };
  });
  return new Linter(rules).lintFiles(inputs).flatMap((result) => result.messages);
}

function podlintFires(comparison: Comparison, messages: readonly LintMessage[]): boolean {
  return messages.some((message) => {
    if (message.ruleId !== comparison.mapping.rule) return false;
    if (comparison.mapping.aspect && !comparison.mapping.aspect.test(message.message)) return false;
    if (comparison.object === undefined) return true;
    return `${message.object?.kind}/${message.object?.name ?? '(no name)'}` === comparison.object;
  });
}

function key(comparison: Comparison): string {
  return [comparison.peer, comparison.files.join(', '), comparison.object ?? '', comparison.check, comparison.runConfig].join(' | ');
}

for (const peer of ['kube-linter', 'kube-score', 'polaris'] as const) {
  describe(`agreement with ${peer} on resources, security and Services`, { skip: corpusSkipReason(peer) }, () => {
    it('agrees on every fixture but the listed disagreements', (t) => {
      const rows = comparisons(peer);
      assert.ok(rows.length >= 10, `${rows.length} comparable rows`);
      const disagreements: string[] = [];
      for (const comparison of rows) {
        const messages = lintFixtures(peer, comparison.files);
        assert.deepEqual(messages.filter((message) => message.ruleId === 'internal-error').map((message) => message.message), []);
        if (podlintFires(comparison, messages) !== comparison.peerFires) disagreements.push(key(comparison));
      }
      const listed = Object.keys(DISAGREEMENTS).filter((entry) => entry.startsWith(`${peer} |`));
      t.diagnostic(`${peer}: podlint agrees on ${rows.length - disagreements.length} of ${rows.length} (${disagreements.length} disagreements on purpose)`);
      assert.deepEqual(disagreements.sort(), listed.sort());
    });
  });
}
