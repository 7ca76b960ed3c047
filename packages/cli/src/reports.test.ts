// Several reports in one run: `-f name[:file]`, `-o`, and which combinations are refused; and the reports a
// run writes, each in its own format, with one exit code for the run.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UsageError, parseCliArgs } from './args.js';
import { runCli, tempProject } from './testing/harness.js';

const CONFIG = 'extends: []\nrules:\n  bare-pod: warn\n  pod-port-collision: error\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: a, image: "a:1", ports: [{containerPort: 80}]}\n    - {name: b, image: "b:1", ports: [{containerPort: 80}]}\n';

describe('report options', () => {
  const reports = (...argv: string[]) => parseCliArgs(argv).reports;

  it('reads -f name[:file] and -o', () => {
    assert.deepEqual(reports(), [{ format: 'stylish' }]);
    assert.deepEqual(reports('-f', 'json', '-o', 'out.json'), [{ format: 'json', file: 'out.json' }]);
    assert.deepEqual(reports('--format', 'sarif:reports/podlint.sarif', '-f', 'junit:-'), [{ format: 'sarif', file: 'reports/podlint.sarif' }, { format: 'junit' }]);
    assert.deepEqual(reports('-f', 'sarif:C:\\out\\podlint.sarif', '-f', 'github'), [{ format: 'sarif', file: 'C:\\out\\podlint.sarif' }, { format: 'github' }]);
    assert.deepEqual(reports('-f', 'sarif:a.sarif', '-f', 'github', '-o', 'annotations.txt'), [
      { format: 'sarif', file: 'a.sarif' },
      { format: 'github', file: 'annotations.txt' },
    ]);
  });

  it('refuses what cannot be meant', () => {
    const refused = (argv: string[], message: RegExp) => assert.throws(() => parseCliArgs(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
    refused(['-f', 'json', '-f', 'stylish'], /only one report can go to standard output, not 2; send the others to files: -f stylish:<file>/);
    refused(['-f', 'json:a', '-o', 'b'], /--output-file names the file of the one --format without its own :file/);
    refused(['-f', 'json:'], /the file name after ":" is missing/);
    refused(['-f', ':x'], /--format takes a name or name:file/);
    refused(['--fix', '--fix-dry-run'], /exclude each other/);
  });
});

describe('several reports in one run', () => {
  it('prints one and writes the others; the exit code is the run’s', async () => {
    const cwd = tempProject({ '.podlint.yaml': CONFIG, 'k8s/pod.yaml': POD });
    const run = await runCli(['-f', 'compact', '-f', 'sarif:out/podlint.sarif', '-f', 'junit:out/junit.xml', '-f', 'github:out/annotations.txt', 'k8s'], { cwd });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^k8s\/pod\.yaml:2:7: warning .*\[bare-pod\]\nk8s\/pod\.yaml:7:55: error .*\[pod-port-collision\]\n$/);
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/podlint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    assert.deepEqual(sarif.runs[0]!.results.map((result) => result.ruleId), ['bare-pod', 'pod-port-collision']);
    assert.match(readFileSync(join(cwd, 'out/junit.xml'), 'utf8'), /<testsuites name="podlint" tests="1" failures="1" errors="0" skipped="0">/);
    assert.match(readFileSync(join(cwd, 'out/annotations.txt'), 'utf8'), /^::warning file=k8s\/pod\.yaml,line=2,endLine=2,col=7,endColumn=10,title=bare-pod::/);
  });

  it('rejects an unknown format before linting or writing anything', async () => {
    const cwd = tempProject({ '.podlint.yaml': CONFIG, 'pod.yaml': POD });
    const run = await runCli(['-f', 'sarif:out.sarif', '-f', 'checkstyle', 'pod.yaml'], { cwd });
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'podlint: unknown format "checkstyle"; use one of: stylish, json, compact, github, junit, sarif\n');
    assert.equal(existsSync(join(cwd, 'out.sarif')), false);
  });
});
