// Inputs whose size once cost time by its square or worse, through the real command (testing/hostile.ts: a heap
// cap, and a guard that only catches a hang). Each comment says what the input took before; no speed is asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { podlint, workspace } from './testing/hostile.js';

const pod = (containers: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n${containers}`;

/** The findings of one rule in compact output. */
function findingsOf(stdout: string, ruleId: string): string[] {
  return stdout.split('\n').filter((line) => line.endsWith(`[${ruleId}]`));
}

describe('inputs that once took time by their square', () => {
  it('reads shell scripts whose functions call themselves thousands of times, and thousands of parentheses', () => {
    // Each call walked its function's body again: `f() { f; f; ... }` of 249 characters took 35 s; 3,000 calls
    // would take years. Each `((` was matched by reading the rest of the script: 100,000 `(` took minutes.
    const script = (name: string, text: string) => `  - name: ${name}\n    image: app:1\n    command: [sh, -c, ${JSON.stringify(text)}]\n`;
    const root = workspace({
      'pod.yaml': pod(script('fanout', `f() { ${'f; '.repeat(3_000)}}\nf`) + script('recursive', 'g() { worker & g; }\ng\nexec app') + script('parens', '('.repeat(100_000))),
    });
    const result = podlint(root, ['--format', 'compact', 'pod.yaml']);
    assert.deepEqual(findingsOf(result.stdout, 'one-process-per-container'), [
      'pod.yaml:12:23: warning Container "recursive" keeps several long-running processes running side by side ("worker", "app"): their logs mix, and the kubelet watches only the container\'s main process, so another one can crash unnoticed. Give each its own container in the pod (they can share volumes and localhost) and `exec` the one that remains. [one-process-per-container]',
    ]);
  });

  it('checks the probes of a pod of 20,000 helper containers', () => {
    // Whether the pod runs an application besides its helpers was asked once per container: 16,000 took 99 s.
    const containers = Array.from({ length: 20_000 }, (_, index) => `  - {name: c${index}, image: fluent-bit:1, ports: [{containerPort: ${index + 1}}]}\n`).join('');
    const root = workspace({ 'pod.yaml': pod(containers) });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'compact', 'pod.yaml']);
    const findings = findingsOf(result.stdout, 'liveness-probe-missing');
    assert.equal(findings.length, 20_000);
    assert.match(findings[19_999]!, /^pod\.yaml:20006:12: warning There is no livenessProbe on container "c19999": /);
  });

  it('finds each of 20,000 pod IPs on one line', () => {
    // Each address looked back to its line's start for a comment, and searched the value again for its place in
    // the source: 8,000 took 249 s.
    const root = workspace({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  peers: "${'10.244.1.2 '.repeat(20_000)}"\n` });
    const result = podlint(root, ['--format', 'compact', 'cm.yaml']);
    const findings = findingsOf(result.stdout, 'hardcoded-pod-ip');
    assert.equal(findings.length, 20_000);
    assert.equal(findings.map((line) => Number(/^cm\.yaml:6:(\d+): /.exec(line)?.[1])).join(), Array.from({ length: 20_000 }, (_, index) => 11 + 11 * index).join());
  });

  it('tells thousands of {{ }} in strings from a Helm template', () => {
    // Each `{{` was looked up among all the file's strings, and the search for `.Values` read on to the next `}`
    // from every `{{`: 32,000 took 9 to 11 s each way, these about four times more.
    const strings = Array.from({ length: 40_000 }, (_, index) => `  k${index}: "{{ x }}"\n`).join('');
    const root = workspace({ 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n${strings}  all: |\n${'    {{ a\n'.repeat(100_000)}` });
    const result = podlint(root, ['--max-file-size', '0', 'cm.yaml']);
    assert.equal(result.stdout, '✔ no problems (1 file linted, 1 object)\n');
  });

  it('removes the server fields of 16,000 objects of a one-line JSON List', () => {
    // Each removal searched back and forth from its place for the ends of the line, the whole file here: 8,000
    // objects took 56 s to lint, these would take minutes.
    const item = (index: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${index}`, uid: 'u', resourceVersion: '1', creationTimestamp: 'x' }, data: { a: 'b' } });
    const list = (metadata: (index: number) => object) => ({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 16_000 }, (_, index) => ({ ...item(index), metadata: metadata(index) })) });
    const root = workspace({ 'list.json': JSON.stringify(list((index) => item(index).metadata)) });
    const result = podlint(root, ['--max-file-size', '0', '--fix', 'list.json']);
    assert.equal(result.code, 0);
    assert.equal(readFileSync(join(root, 'list.json'), 'utf8'), JSON.stringify(list((index) => ({ name: `c${index}` }))));
  });

  it('reports each of 10,000 sidecars of a Job, with as many suggestions as the JSON output can hold', () => {
    // The layout of `containers` was worked out again for each sidecar's suggestion: 8,000 took 9 s. And each
    // suggestion, merged into ESLint's one {range, text}, holds the containers before the sidecar: 20,000 of them
    // ran out of memory writing the JSON.
    const sidecars = Array.from({ length: 10_000 }, (_, index) => `      - {name: log${index}, image: fluent-bit:1}\n`).join('');
    const root = workspace({
      'job.yaml': `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - {name: main, image: busybox:1, command: [true]}\n${sidecars}`,
    });
    const result = podlint(root, ['--max-file-size', '0', '--format', 'json', 'job.yaml']);
    const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string; line: number; suggestions?: unknown[] }[] }[])[0]!.messages.filter((message) => message.ruleId === 'job-sidecar-blocks-completion');
    assert.equal(messages.length, 10_000);
    assert.equal(messages[9_999]!.line, 10_010);
    const suggested = messages.filter((message) => message.suggestions?.length === 1).length;
    assert.ok(suggested > 100 && suggested < 10_000, `${suggested} suggestions`);
    assert.deepEqual(messages.slice(0, suggested), messages.filter((message) => message.suggestions));
  });
});
