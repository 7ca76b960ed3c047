// podlint against kubeconform's acceptance tests (../shared/corpus/kubeconform/EXPECTED.tsv): for every test that
// validates local fixtures, kubeconform's verdict (exit status 0 = valid, 1 = invalid) and podlint's (any error
// of the schema and YAML rules = invalid). Where they differ, the case says why podlint differs on purpose.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Linter, resolveConfig, type SchemaFileEntry } from '@podlint/core';
import { CORPUS_DIR, corpusSkipReason } from './corpus-utils.js';
import { rules } from './fixture-utils.js';

const FIXTURES = join(CORPUS_DIR, 'kubeconform', 'fixtures');
const VERDICT_RULES = new Set(['yaml-syntax', 'yaml-duplicate-key', 'schema-unknown-field', 'schema-type', 'schema-required', 'schema-enum', 'unknown-kind', 'api-version-removed']);

type Verdict = 'valid' | 'invalid';

interface Case {
  /** The bats test, as named in EXPECTED.tsv. */
  test: string;
  files: string[];
  /** kubeconform's -schema-location, as podlint's `schemas:`. */
  schemas?: SchemaFileEntry[];
  kubernetesVersion?: string;
  podlint: Verdict;
  /** Why podlint's verdict differs from kubeconform's, when it does. */
  differs?: string;
}

const CASES: Case[] = [
  { test: 'Pass when parsing a valid Kubernetes config YAML file', files: ['valid.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a folder containing valid YAML files', files: ['folder/valid.yaml', 'folder/multi_valid.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a valid Kubernetes config file with int_to_string vars', files: ['int_or_string.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a valid Kubernetes config JSON file', files: ['valid.json'], kubernetesVersion: '1.20', podlint: 'valid' },
  { test: 'Pass when parsing a valid Kubernetes config YAML file with generate name', files: ['generate_name.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a Kubernetes file with string and integer quantities', files: ['quantity.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a valid Kubernetes config file with null strings', files: ['null_string.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a valid Kubernetes config file with null arrays', files: ['null_string.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a multi-document config file', files: ['multi_valid.yaml'], podlint: 'valid' },
  { test: 'Fail when parsing a multi-document config file with one invalid resource', files: ['multi_invalid.yaml'], podlint: 'invalid' },
  { test: 'Fail when parsing an invalid Kubernetes config file', files: ['invalid.yaml'], podlint: 'invalid' },
  { test: 'Pass when parsing a blank config file', files: ['blank.yaml'], podlint: 'valid' },
  { test: 'Pass when parsing a blank config file with a comment', files: ['comment.yaml'], podlint: 'valid' },
  {
    test: 'Fail when parsing a config that is missing a Kind',
    files: ['missing_kind.yaml'],
    podlint: 'valid',
    differs: 'more lenient on purpose: a YAML document with neither apiVersion nor kind (`key: value`) is not a Kubernetes object, and folders hold other YAML (values files, CI configs); one with only one of them gets schema-required',
  },
  { test: 'Fail when parsing a config that is missing an apiVersion', files: ['missing_apiversion.yaml'], podlint: 'invalid' },
  { test: 'Fail when parsing a config that is missing a Kind value', files: ['missing_kind_value.yaml'], podlint: 'invalid' },
  {
    test: 'Fail when parsing a config with CRD',
    files: ['test_crd.yaml'],
    podlint: 'valid',
    differs: 'a custom resource without a schema is information (unknown-kind), as with kubeconform -ignore-missing-schemas: it is still linted by the other rules',
  },
  { test: 'Pass when parsing a config with Custom Resource and ignoring missing schemas', files: ['test_crd.yaml'], podlint: 'valid' },
  {
    test: 'Pass when parsing a config with additional properties',
    files: ['extra_property.yaml'],
    podlint: 'invalid',
    differs: 'stricter on purpose: podlint is always strict (unknown fields are errors, as kubectl\'s field validation makes them); this test runs kubeconform without -strict',
  },
  { test: 'Fail when parsing a config with additional properties and strict set', files: ['extra_property.yaml'], kubernetesVersion: '1.20', podlint: 'invalid' },
  { test: 'Fail when parsing a config with duplicate properties and strict set', files: ['duplicate_property.yaml'], kubernetesVersion: '1.20', podlint: 'invalid' },
  {
    test: 'Pass when parsing a config with duplicate properties and strict NOT set',
    files: ['duplicate_property.yaml'],
    kubernetesVersion: '1.20',
    podlint: 'invalid',
    differs: 'stricter on purpose: a duplicate key is an error (yaml-duplicate-key; kubectl rejects it), and the DaemonSet has replicas, an unknown field',
  },
  { test: 'Pass when using a valid, preset -schema-location', files: ['valid.yaml'], podlint: 'valid' },
  {
    test: 'Fail when parsing a valid Kubernetes config YAML file without network access',
    files: ['valid.yaml'],
    podlint: 'valid',
    differs: 'podlint never downloads anything: its schemas are built into it, so the file is valid offline too',
  },
  { test: 'Pass when parsing a file containing a List', files: ['list_valid.yaml'], podlint: 'valid' },
  { test: 'Fail when parsing a List that contains an invalid resource', files: ['list_invalid.yaml'], podlint: 'invalid' },
  { test: 'Pass on valid, empty list', files: ['list_empty_valid.yaml'], podlint: 'valid' },
  { test: 'Pass on multi-yaml containing one resource, one list', files: ['multi_with_list.yaml'], podlint: 'valid' },
  { test: 'passes when trying to use a CRD that does not have the JSONSchema set', files: ['httpproxy.yaml'], podlint: 'valid' },
  {
    test: 'passes when validating duration not in ISO8601',
    files: ['grafana-alert-rule-group-sample.yaml'],
    schemas: [{ path: 'grafanaalertrulegroup_v1beta1.json', apiVersion: 'grafana.integreatly.org/v1beta1', kind: 'GrafanaAlertRuleGroup' }],
    podlint: 'valid',
  },
  {
    test: 'Pass when parsing a Custom Resource and using a local schema registry with appropriate CRD',
    files: ['test_crd.yaml'],
    schemas: [{ path: 'registry/trainingjob-sagemaker-v1.json', apiVersion: 'sagemaker.aws.amazon.com/v1', kind: 'TrainingJob' }],
    podlint: 'valid',
  },
];

/** Acceptance tests on local fixtures that test kubeconform's command line, not a verdict on the manifest. */
const CLI_ONLY = ['Fail early when passing a non valid -kubernetes-version'];

interface ExpectedRow {
  test: string;
  exitStatus: number;
  inputs: string[];
  via: string;
  flags: string;
}

function expectedRows(): Map<string, ExpectedRow> {
  const lines = readFileSync(join(CORPUS_DIR, 'kubeconform', 'EXPECTED.tsv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split('\t');
  const column = (name: string) => header.indexOf(name);
  return new Map(
    lines.slice(1).map((line) => {
      const columns = line.split('\t');
      const row: ExpectedRow = {
        test: columns[column('test')]!,
        exitStatus: Number(columns[column('expected_exit_status')]),
        inputs: (columns[column('input_fixtures')] ?? '').split(' ').filter(Boolean),
        via: columns[column('input_via')] ?? '',
        flags: columns[column('flags')] ?? '',
      };
      return [row.test, row];
    }),
  );
}

function podlintVerdict(testCase: Case): { verdict: Verdict; errors: string[] } {
  const schemas = testCase.schemas?.map((entry) => ({ ...entry, path: join(FIXTURES, entry.path) }));
  const config = resolveConfig(
    rules,
    { path: 'peers', directory: FIXTURES, presets: ['all'], kubernetesVersion: testCase.kubernetesVersion, rules: new Map(), isIgnored: () => false, overrides: [], ...(schemas ? { schemas } : {}) },
    FIXTURES,
  );
  const inputs = testCase.files.map((file) => ({ filePath: join(FIXTURES, file), text: readFileSync(join(FIXTURES, file), 'utf8'), config }));
  const errors = new Linter(rules)
    .lintFiles(inputs)
    .flatMap((result) => result.messages)
    .filter((message) => VERDICT_RULES.has(message.ruleId) && message.severity === 'error')
    .map((message) => `${message.ruleId}: ${message.message}`);
  return { verdict: errors.length > 0 ? 'invalid' : 'valid', errors };
}

describe('peers: kubeconform acceptance tests', { skip: corpusSkipReason('kubeconform') }, () => {
  const rows = corpusSkipReason('kubeconform') ? new Map<string, ExpectedRow>() : expectedRows();

  for (const testCase of CASES) {
    it(testCase.test, () => {
      const row = rows.get(testCase.test);
      assert.ok(row, `no row "${testCase.test}" in EXPECTED.tsv`);
      const kubeconform: Verdict = row.exitStatus === 0 ? 'valid' : 'invalid';
      const { verdict, errors } = podlintVerdict(testCase);
      assert.equal(verdict, testCase.podlint, errors.join('\n'));
      if (testCase.differs) assert.notEqual(verdict, kubeconform, 'a case marked as different agrees with kubeconform');
      else assert.equal(verdict, kubeconform, 'podlint disagrees with kubeconform without a stated reason');
    });
  }

  it('covers every acceptance test that gives a verdict on local fixtures', () => {
    // Flags that change nothing but output, or that podlint always does (-strict), or local schemas (covered as `schemas:`).
    const verdictOnly = (flags: string) =>
      flags
        .replace(/-(summary|verbose|strict|ignore-missing-schemas)\b/g, '')
        .replace(/-kubernetes-version \S+/g, '')
        .replace(/-schema-location '?(default|\.?\/?fixtures\/[^' ]+)'?/g, '')
        .trim() === '';
    const mustCover = [...rows.values()].filter(
      (row) => row.via === 'file-arg' && row.inputs.length > 0 && row.inputs.every((input) => existsSync(join(CORPUS_DIR, 'kubeconform', input))) && verdictOnly(row.flags),
    );
    const covered = new Set([...CASES.map((testCase) => testCase.test), ...CLI_ONLY]);
    assert.deepEqual(mustCover.map((row) => row.test).filter((test) => !covered.has(test)), []);
  });
});
