// Peer agreement: podlint run on kube-linter's, kube-score's and Polaris's own fixtures, compared with what
// those tools' tests expect (../shared/corpus/<peer>/EXPECTED.tsv), for every check of theirs that matches a
// podlint rule. A peer's verdict is evidence, not a verdict: where podlint disagrees on purpose, the case is
// listed in DISAGREEMENTS with the reason, and the test fails both on an unlisted disagreement and on a
// listed one that has turned into agreement (so the list cannot go stale).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FileResult } from '@podlint/core';
import { CORPUS_DIR, corpusSkipReason, lintCorpus } from './corpus-utils.js';
import { placeDiagnostics, readExpected } from './peer-utils.js';
import type { ProbeKey } from './probe-utils.js';

interface Comparison {
  peer: string;
  check: string;
  /** `<file> <object>[ container <name>]`, the key DISAGREEMENTS uses. */
  subject: string;
  peerFires: boolean;
  podlintFires: boolean;
}

const BARE_POD_READINESS =
  'kube-score and Polaris want a readinessProbe on a bare Pod whose container declares no port; podlint asks it only of containers that declare a port in a controller that keeps them in rotation (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController), as RULES.md says: a bare Pod is bare-pod\'s business';
const NO_PORT_READINESS =
  'kube-linter wants a readinessProbe on every container of a Deployment; podlint only on containers that declare a port (one that declares none is not known to serve traffic)';

/** podlint disagrees with the peer here on purpose. Keys: `<peer> <check> <file> <object>[ container <name>]`. */
const DISAGREEMENTS: Readonly<Record<string, string>> = {
  'kube-linter no-readiness-probe tests/checks/no-readiness-probe.yml Deployment/app1': NO_PORT_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-all-missing.yaml Pod/pod-test-1': BARE_POD_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-missing-ready.yaml Pod/pod-test-1': BARE_POD_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-targeted-by-service.yaml Pod/pod-test-1': BARE_POD_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-targeted-by-service-same-namespace.yaml Pod/pod-test-1': BARE_POD_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-targeted-by-service-same-namespace-multi-labels.yaml Pod/pod-test-1': BARE_POD_READINESS,
  'kube-score pod-probes score/testdata/pod-probes-on-different-containers.yaml Pod/pod-test-1':
    'kube-score is satisfied by one livenessProbe anywhere in the pod; podlint asks each long-running main container for its own, since a liveness probe restarts only its container (here "foobar2" has none)',
  'polaris readinessProbeMissing test/checks/readinessProbeMissing/failure.yaml Pod/readiness-exec': BARE_POD_READINESS,
};

/** Rows about objects of NOT_MODELLED_KINDS, by peer check (kube-linter's fixtures have DeploymentConfigs). */
const notModelled = new Map<string, number>();

/** Objects podlint does not model, so its rules cannot see their containers: not compared. */
const NOT_MODELLED_KINDS: Readonly<Record<string, string>> = {
  DeploymentConfig:
    'OpenShift\'s DeploymentConfig (apps.openshift.io, deprecated since OpenShift 4.14) is not a kind podlint models: its selector is a plain map and Kubernetes does not validate it',
};

/** Rows of the peers' EXPECTED.tsv near podlint's rules that are not compared, and why. */
const NOT_COMPARED: readonly { peer: string; check?: string; expected?: RegExp; reason: string }[] = [
  {
    peer: 'polaris',
    check: 'pullPolicyNotAlways',
    reason:
      'podlint has no such rule on purpose: the API server defaults imagePullPolicy to Always for :latest and untagged images and to IfNotPresent for pinned ones, which is right; the real risk, a moving tag, is image-tag-latest\'s',
  },
  { peer: 'kube-score', check: 'container-image-pull-policy', reason: 'as Polaris\'s pullPolicyNotAlways' },
  {
    peer: 'kube-score',
    check: 'container-image-tag',
    expected: /^skipped=/,
    reason: 'these rows test whether kube-score honours its own kube-score/ignore annotation, not a verdict on the manifest (podlint reads podlint.io/ignore)',
  },
  { peer: 'polaris', expected: /^mutation-output$/, reason: 'the expected output of Polaris\'s autofix, not a verdict' },
];

const peerReady = (peer: string) => corpusSkipReason(peer);
const linted = new Map<string, FileResult[]>();
const lintPeer = (peer: string): FileResult[] => {
  if (!linted.has(peer)) linted.set(peer, lintCorpus(peer));
  return linted.get(peer)!;
};
const resultsByPath = (results: FileResult[]) => new Map(results.map((result) => [result.filePath, result]));

function firesAt(result: FileResult | undefined, rules: readonly string[], objectIndex: number, container?: string, probe?: ProbeKey): boolean {
  if (!result) throw new Error('the peer fixture was not linted');
  const placed = placeDiagnostics(result);
  return result.messages.some((message) => {
    if (!rules.includes(message.ruleId)) return false;
    const where = placed.place(message);
    if (!where || where.objectIndex !== objectIndex) return false;
    if (container !== undefined && where.container !== container) return false;
    return probe === undefined || where.probe === probe;
  });
}

function objectLabel(result: FileResult, index: number): string {
  const resource = placeDiagnostics(result).resources[index];
  return resource ? `${resource.kind}/${resource.name ?? '(no name)'}` : `#${index + 1}`;
}

/** kube-linter: one row per fixture object and check; port checks also name the containers they flag. */
function kubeLinterComparisons(): Comparison[] {
  const checks: Readonly<Record<string, { rule: string; probe?: ProbeKey }>> = {
    'no-liveness-probe': { rule: 'liveness-probe-missing' },
    'no-readiness-probe': { rule: 'readiness-probe-missing' },
    'liveness-port': { rule: 'probe-port-not-exposed', probe: 'livenessProbe' },
    'readiness-port': { rule: 'probe-port-not-exposed', probe: 'readinessProbe' },
    'startup-port': { rule: 'probe-port-not-exposed', probe: 'startupProbe' },
    'latest-tag': { rule: 'image-tag-latest' },
  };
  const results = resultsByPath(lintPeer('kube-linter'));
  const comparisons: Comparison[] = [];
  for (const row of readExpected('kube-linter')) {
    const mapped = checks[row.check!];
    if (!mapped || (row.expected !== 'fires' && row.expected !== 'does not fire')) continue;
    const result = results.get(join(CORPUS_DIR, 'kube-linter', 'fixtures', row.fixture!));
    const index = Number(row.doc_index) - 1;
    const resource = result && placeDiagnostics(result).resources[index];
    assert.ok(resource, `${row.fixture} has an object #${row.doc_index}`);
    assert.equal(`${resource.kind}/${resource.name ?? '(no name)'}`, row.object, `${row.fixture} #${row.doc_index} is the object EXPECTED.tsv names`);
    if (resource.kind in NOT_MODELLED_KINDS) {
      notModelled.set(row.check!, (notModelled.get(row.check!) ?? 0) + 1);
      continue;
    }
    const subject = `${row.fixture} ${row.object}`;
    if (!mapped.probe) {
      comparisons.push({ peer: 'kube-linter', check: row.check!, subject, peerFires: row.expected === 'fires', podlintFires: firesAt(result, [mapped.rule], index) });
      continue;
    }
    // The port checks are compared container by container: the asserted messages name the ones flagged.
    const flagged = new Set([...(row.expected_messages ?? '').matchAll(/container "([^"]+)"/g)].map((match) => match[1]));
    for (const container of resource.podSpec?.containers.filter((candidate) => candidate.role === 'main') ?? []) {
      comparisons.push({
        peer: 'kube-linter',
        check: row.check!,
        subject: `${subject} container ${container.name}`,
        peerFires: flagged.has(container.name),
        podlintFires: firesAt(result, [mapped.rule], index, container.name, mapped.probe),
      });
    }
  }
  return comparisons;
}

/** kube-score: a grade per file and check, given to each object with a pod spec in the file. */
function kubeScoreComparisons(): Comparison[] {
  // pod-probes grades a missing readinessProbe CRITICAL and a missing livenessProbe "AlmostOK".
  const rulesFor: Readonly<Record<string, (grade: string) => string[]>> = {
    'pod-probes': (grade) =>
      grade === '1 CRITICAL' ? ['readiness-probe-missing'] : grade === '7 OK (AlmostOK)' ? ['liveness-probe-missing'] : ['readiness-probe-missing', 'liveness-probe-missing'],
    'pod-probes-identical': () => ['probes-identical'],
    'container-image-tag': () => ['image-tag-latest'],
  };
  const results = resultsByPath(lintPeer('kube-score'));
  const comparisons: Comparison[] = [];
  for (const row of readExpected('kube-score')) {
    const rules = rulesFor[row.check_id!];
    if (!rules || row.assertion_kind !== 'grade') continue;
    const result = results.get(join(CORPUS_DIR, 'kube-score', 'fixtures', row.testdata_files!));
    assert.ok(result, `${row.testdata_files} was linted`);
    placeDiagnostics(result).resources.forEach((resource, index) => {
      if (!resource.podSpec) return;
      comparisons.push({
        peer: 'kube-score',
        check: row.check_id!,
        subject: `${row.testdata_files} ${objectLabel(result, index)}`,
        peerFires: row.expected !== '10 OK',
        podlintFires: firesAt(result, rules(row.expected!), index),
      });
    });
  }
  return comparisons;
}

/** Polaris: pass or fail per fixture file (a fail is at least one finding of the check in the file). */
function polarisComparisons(): Comparison[] {
  const checks: Readonly<Record<string, string>> = {
    livenessProbeMissing: 'liveness-probe-missing',
    readinessProbeMissing: 'readiness-probe-missing',
    tagNotSpecified: 'image-tag-latest',
  };
  const results = resultsByPath(lintPeer('polaris'));
  const comparisons: Comparison[] = [];
  for (const row of readExpected('polaris')) {
    const rule = checks[row.check!];
    if (!rule || (row.expected !== 'pass' && row.expected !== 'fail')) continue;
    const result = results.get(join(CORPUS_DIR, 'polaris', 'fixtures', row.fixture!));
    assert.ok(result, `${row.fixture} was linted`);
    comparisons.push({
      peer: 'polaris',
      check: row.check!,
      subject: `${row.fixture} ${row.objects_in_file}`,
      peerFires: row.expected === 'fail',
      podlintFires: result.messages.some((message) => message.ruleId === rule),
    });
  }
  return comparisons;
}

function checkAgreement(comparisons: readonly Comparison[], expectedChecks: readonly string[], peer: string, diagnostic: (text: string) => void): void {
  const byCheck = new Map<string, { compared: number; agreed: number; disagreed: string[] }>();
  const problems: string[] = [];
  for (const comparison of comparisons) {
    const key = `${comparison.peer} ${comparison.check} ${comparison.subject}`;
    const listed = key in DISAGREEMENTS;
    const agrees = comparison.podlintFires === comparison.peerFires;
    const stats = byCheck.get(comparison.check) ?? { compared: 0, agreed: 0, disagreed: [] };
    stats.compared += 1;
    if (agrees) stats.agreed += 1;
    else stats.disagreed.push(comparison.subject);
    byCheck.set(comparison.check, stats);
    if (agrees && listed) problems.push(`listed as a disagreement but podlint now agrees: ${key}`);
    if (!agrees && !listed) problems.push(`${key}: ${peer} ${comparison.peerFires ? 'fires' : 'does not fire'}, podlint ${comparison.podlintFires ? 'fires' : 'does not'}`);
  }
  const compared = new Set(comparisons.map((comparison) => `${comparison.peer} ${comparison.check} ${comparison.subject}`));
  for (const key of Object.keys(DISAGREEMENTS)) {
    if (key.startsWith(`${peer} `) && !compared.has(key)) problems.push(`listed as a disagreement but never compared: ${key}`);
  }
  for (const [check, stats] of byCheck) {
    const skipped = notModelled.get(check);
    diagnostic(
      `${peer} ${check}: ${stats.compared} compared, ${stats.agreed} agree, ${stats.disagreed.length} disagree on purpose` +
        (skipped ? `; ${skipped} rows on objects podlint does not model (${Object.keys(NOT_MODELLED_KINDS).join(', ')}) not compared` : ''),
    );
  }
  assert.deepEqual(problems, []);
  assert.deepEqual([...byCheck.keys()].sort(), [...expectedChecks].sort(), 'every mapped check of the peer was compared');
}

describe('peer agreement: kube-linter', { skip: peerReady('kube-linter') }, () => {
  it('agrees on probes, probe ports and the latest tag, except where listed', (t) => {
    const expected = ['no-liveness-probe', 'no-readiness-probe', 'liveness-port', 'readiness-port', 'startup-port', 'latest-tag'];
    checkAgreement(kubeLinterComparisons(), expected, 'kube-linter', (text) => t.diagnostic(text));
  });
});

describe('peer agreement: kube-score', { skip: peerReady('kube-score') }, () => {
  it('agrees on probes, identical probes and the image tag, except where listed', (t) => {
    checkAgreement(kubeScoreComparisons(), ['pod-probes', 'pod-probes-identical', 'container-image-tag'], 'kube-score', (text) => t.diagnostic(text));
  });

  // Derived from kube-score's source, not its tests: areProbesIdentical (score/probes/probes.go at 06dedc9)
  // compares only an httpGet's path and port, so it calls these probes identical although liveness allows
  // 10 failures and readiness 3. podlint counts timing: readiness acts first, which is what is wanted.
  it('does not call probes identical when only their thresholds differ (kube-score does)', () => {
    const file = join(CORPUS_DIR, 'kube-score', 'fixtures', 'score/testdata/statefulset-nested-ignores.yaml');
    const result = lintPeer('kube-score').find((candidate) => candidate.filePath === file);
    assert.ok(result, 'statefulset-nested-ignores.yaml was linted');
    assert.deepEqual(result.messages.filter((message) => message.ruleId === 'probes-identical'), []);
    assert.match(result.source ?? '', /failureThreshold: 10[\s\S]*failureThreshold: 3/, 'the fixture still differs only in thresholds');
  });
});

describe('peer agreement: Polaris', { skip: peerReady('polaris') }, () => {
  it('agrees on missing probes and untagged images, except where listed', (t) => {
    checkAgreement(polarisComparisons(), ['livenessProbeMissing', 'readinessProbeMissing', 'tagNotSpecified'], 'polaris', (text) => t.diagnostic(text));
  });
});

describe('peer checks deliberately not compared', { skip: peerReady('kube-score') ?? peerReady('polaris') }, () => {
  it('still name rows of the peers\' EXPECTED.tsv', (t) => {
    for (const entry of NOT_COMPARED) {
      const rows = readExpected(entry.peer).filter(
        (row) => (entry.check === undefined || (row.check ?? row.check_id) === entry.check) && (entry.expected === undefined || entry.expected.test(row.expected ?? '')),
      );
      assert.ok(rows.length > 0, `${entry.peer} ${entry.check ?? '*'} ${entry.expected ?? ''}`);
      t.diagnostic(`${entry.peer} ${entry.check ?? '*'}${entry.expected ? ` ${entry.expected}` : ''}: ${rows.length} rows not compared: ${entry.reason}`);
    }
  });
});
