// `podlint --timing`: the real command prints its table of rules and phases on stderr, of the shape and order the
// README shows, with threads and --fix too, and changes nothing else (stdout, files, exit code). Times vary from
// run to run, so only the table's structure is checked, never a time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { rules } from '@podlint/rules';
import { RunTiming, timingReport } from './timing.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'podlint.js');

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  uid: 8a4f2c1e-0000-4000-8000-000000000000
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:latest
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 9090
`;

/** Rendered by nobody: skipped as a Helm template, so that no rule runs on it. */
const TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}
`;

const roots: string[] = [];
after(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** A folder with every rule on and `files`. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'podlint-timing-'));
  roots.push(root);
  for (const [name, text] of Object.entries({ '.podlint.yaml': 'extends: all\n', ...files })) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function podlint(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface TimingTable {
  rows: { ruleId: string; ms: number; relative: number }[];
  /** The line about the rules not listed, if any. */
  more: string | undefined;
  phases: string;
}

/** The table at the end of stderr, its columns checked for alignment. */
function timingTable(stderr: string): TimingTable {
  const lines = stderr.trimEnd().split('\n');
  const start = lines.findIndex((line) => /^rule +time \(ms\) +relative$/.test(line));
  assert.ok(start >= 0, `no table header in:\n${stderr}`);
  const header = lines[start]!;
  const phases = lines[lines.length - 1]!;
  const middle = lines.slice(start + 1, -1);
  const more = middle.length > 0 && /^\d+ more rules?: /.test(middle[middle.length - 1]!) ? middle.pop() : undefined;
  const rows = middle.map((line) => {
    const match = /^(\S+) +(\d+\.\d{3}) +(\d+\.\d)%$/.exec(line);
    assert.ok(match, `not a row: "${line}"`);
    assert.equal(line.length, header.length, 'every row as wide as the header');
    assert.equal(line.indexOf(match[2]!) + match[2]!.length, header.indexOf('time (ms)') + 'time (ms)'.length, 'times aligned right under their header');
    return { ruleId: match[1]!, ms: Number(match[2]), relative: Number(match[3]) };
  });
  return { rows, more, phases };
}

const PHASES = /^phases: read \d+\.\d ms, lint \d+\.\d ms \(parse \d+\.\d ms, rules \d+\.\d ms\), output \d+\.\d ms, total \d+\.\d ms$/;

function assertSlowestFirst(table: TimingTable): void {
  for (let index = 1; index < table.rows.length; index += 1) {
    assert.ok(table.rows[index - 1]!.ms >= table.rows[index]!.ms, `rows not slowest first: ${JSON.stringify(table.rows)}`);
  }
}

describe('podlint --timing', () => {
  it('prints the 10 slowest rules and the phases to stderr, and leaves stdout and the exit code alone', () => {
    const root = project({ 'app.yaml': DEPLOYMENT });
    const plain = podlint(root, ['-f', 'json', '.']);
    const timed = podlint(root, ['--timing', '-f', 'json', '.']);
    assert.equal(timed.code, plain.code);
    assert.equal(timed.stdout, plain.stdout);
    const reported = JSON.parse(timed.stdout) as { messages: unknown[] }[];
    assert.ok(reported.some((file) => file.messages.length > 0));
    assert.equal(plain.stderr, '');
    const table = timingTable(timed.stderr);
    assert.equal(table.rows.length, 10);
    assertSlowestFirst(table);
    assert.ok(table.rows.every((row) => row.ruleId in rules));
    assert.equal(new Set(table.rows.map((row) => row.ruleId)).size, 10);
    assert.match(table.more ?? '', new RegExp(`^${Object.keys(rules).length - 10} more rules: \\d+\\.\\d{3} ms, \\d+\\.\\d% \\(--timing all lists every rule\\)$`));
    assert.match(table.phases, PHASES);
  });

  it('lists every rule that ran with --timing all, and n with --timing n or --timing=n', () => {
    const root = project({ 'app.yaml': DEPLOYMENT });
    const all = timingTable(podlint(root, ['--timing', 'all', '.']).stderr);
    assert.deepEqual(all.rows.map((row) => row.ruleId).sort(), Object.keys(rules).sort());
    assert.equal(all.more, undefined);
    assertSlowestFirst(all);
    const relative = all.rows.reduce((sum, row) => sum + row.relative, 0);
    assert.ok(Math.abs(relative - 100) <= 0.05 * all.rows.length, `shares add up to ${relative}%`);
    assert.equal(timingTable(podlint(root, ['--timing', '3', '.']).stderr).rows.length, 3);
    assert.equal(timingTable(podlint(root, ['--timing=12', '.']).stderr).rows.length, 12);
    assert.equal(timingTable(podlint(root, ['--timing', '100', '.']).stderr).rows.length, Object.keys(rules).length);
    // Only a number or all is --timing's value: a path after it is still a path, and --timing may come last.
    const path = podlint(root, ['-f', 'compact', '--timing', 'app.yaml']);
    assert.match(path.stdout, /^app\.yaml:/m);
    assert.equal(timingTable(path.stderr).rows.length, 10);
    assert.equal(timingTable(podlint(root, ['-f', 'compact', 'app.yaml', '--timing']).stderr).rows.length, 10);
  });

  it('says so when no rule ran', () => {
    const root = project({ 'chart.yaml': TEMPLATE });
    const result = podlint(root, ['--timing', '.']);
    assert.equal(result.code, 0);
    const lines = result.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 2), ['rule  time (ms)  relative', '(no rule ran: no file was linted)']);
    assert.match(lines[2]!, PHASES);
  });

  it('adds up the times of the worker threads', () => {
    // The first file is this thread's share and is skipped (a template): every rule that ran, ran in the worker.
    const root = project({ 'a-chart.yaml': TEMPLATE, 'b-app.yaml': DEPLOYMENT });
    const one = podlint(root, ['--jobs', '1', '--timing', 'all', '-f', 'json', '.']);
    const two = podlint(root, ['--jobs', '2', '--timing', 'all', '-f', 'json', '.'], { PODLINT_DEBUG: '1' });
    assert.doesNotMatch(two.stderr, /worker threads failed/);
    assert.equal(two.code, one.code);
    assert.equal(two.stdout, one.stdout);
    const threaded = timingTable(two.stderr);
    assert.deepEqual(threaded.rows.map((row) => row.ruleId).sort(), timingTable(one.stderr).rows.map((row) => row.ruleId).sort());
    assert.equal(threaded.rows.length, Object.keys(rules).length);
    assertSlowestFirst(threaded);
    assert.match(threaded.phases, /^phases: read \d+\.\d ms, lint \d+\.\d ms in 2 threads \(summed over them: parse \d+\.\d ms, rules \d+\.\d ms\), output \d+\.\d ms, total \d+\.\d ms$/);
    assert.match(timingTable(one.stderr).phases, PHASES);
  });

  it('times --fix without changing what it writes', () => {
    const plainRoot = project({ 'app.yaml': DEPLOYMENT });
    const timedRoot = project({ 'app.yaml': DEPLOYMENT });
    const plain = podlint(plainRoot, ['--fix', '-f', 'compact', '.']);
    const timed = podlint(timedRoot, ['--fix', '--timing', '-f', 'compact', '.']);
    const fixed = readFileSync(join(timedRoot, 'app.yaml'), 'utf8');
    assert.notEqual(fixed, DEPLOYMENT, 'no-server-fields removed the uid');
    assert.equal(fixed, readFileSync(join(plainRoot, 'app.yaml'), 'utf8'));
    assert.equal(timed.code, plain.code);
    assert.equal(timed.stdout, plain.stdout);
    assert.equal(timingTable(timed.stderr).rows.length, 10);
  });

  it('refuses a count that is not a whole number from 1 up, as other options do', () => {
    const root = project({});
    for (const value of ['abc', '0', '1.5', '-3', '']) {
      // After `--timing abc`, abc is a path (only numbers and all are its value); written with =, it is the value.
      const args = /^[-\d.]+$/.test(value) ? ['--timing', value, '.'] : [`--timing=${value}`, '.'];
      const result = podlint(root, args);
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `podlint: --timing takes how many rules to list (10 when left out), or all, not "${value}"\nRun podlint --help for usage.\n`);
    }
  });
});

describe('timingReport', () => {
  it('aligns its columns, lists the slowest first and sums up the rest', () => {
    const timing = new RunTiming();
    timing.linter.add({ rules: [['short', 1.5], ['a-much-longer-rule-id', 250], ['middle', 48.5], ['tie-b', 100], ['tie-a', 100]], parseMs: 12 });
    timing.endPhase('read');
    const lines = timingReport(timing, 3, 1).split('\n');
    assert.deepEqual(lines.slice(0, 5), [
      'rule                   time (ms)  relative',
      'a-much-longer-rule-id    250.000     50.0%',
      'tie-a                    100.000     20.0%',
      'tie-b                    100.000     20.0%',
      '2 more rules: 50.000 ms, 10.0% (--timing all lists every rule)',
    ]);
    assert.match(lines[5]!, /^phases: read \d+\.\d ms, lint 0\.0 ms \(parse 12\.0 ms, rules 500\.0 ms\), output 0\.0 ms, total \d+\.\d ms$/);
    assert.equal(lines[6], '');
    assert.equal(timingReport(timing, Infinity, 1).split('\n').length, 8);
  });
});
