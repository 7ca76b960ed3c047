// Rendered Helm output: documents grouped by their `# Source:` template, lines counted from the line after
// the comment, documents without a Source kept at their stream lines; and the command's reports naming the
// template files, with no fixes offered for rendered text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { splitHelmStream } from './helm.js';
import { runCli, tempProject } from './testing/harness.js';

const STREAM = [
  '---',
  '# Source: web/templates/service.yaml',
  'apiVersion: v1',
  'kind: Service',
  '---',
  '# Source: web/templates/pods.yaml',
  'apiVersion: v1',
  'kind: Pod',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  '---',
  '# Source: web/templates/pods.yaml',
  'apiVersion: v1',
  'kind: Pod',
  '',
].join('\n');

describe('splitHelmStream', () => {
  it('groups documents by template and keeps the rest at its lines', () => {
    const split = splitHelmStream(STREAM, '/charts');
    assert.deepEqual(split, {
      templates: new Map([
        ['/charts/web/templates/service.yaml', 'apiVersion: v1\nkind: Service\n'],
        ['/charts/web/templates/pods.yaml', 'apiVersion: v1\nkind: Pod\n---\napiVersion: v1\nkind: Pod\n'],
      ]),
      rest: '\n\n\n\n\n\n\n\n---\napiVersion: v1\nkind: ConfigMap\n\n\n\n\n',
    });
  });

  it('leaves text without Source comments alone', () => {
    assert.equal(splitHelmStream('apiVersion: v1\nkind: Pod\n# Source: not at a document start\n', '/'), undefined);
    assert.equal(splitHelmStream('a: 1\n---\nb: 2\n', '/'), undefined);
  });
});

describe('podlint - with helm template output', () => {
  const rendered = [
    '---',
    '# Source: shop/templates/pod.yaml',
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    'spec:',
    '  containers:',
    '    - name: web',
    '      image: nginx:latest',
    '',
  ].join('\n');
  const config = 'extends: []\nrules:\n  image-tag-latest: warn\n';

  it('names the template file in every format, resolved against --source-root', async () => {
    const cwd = tempProject({ '.podlint.yaml': config });
    const compact = await runCli(['-f', 'compact', '--source-root', 'charts', '-'], { cwd, stdin: rendered });
    assert.match(compact.stdout, /^charts\/shop\/templates\/pod\.yaml:8:14: warning Image "nginx:latest" uses the :latest tag/);
    const sarif = JSON.parse((await runCli(['-f', 'sarif', '-'], { cwd, stdin: rendered })).stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; fixes?: unknown }[] }[];
    };
    const [result] = sarif.runs[0]!.results;
    assert.deepEqual(result!.locations[0]!.physicalLocation.artifactLocation.uri, 'shop/templates/pod.yaml');
    assert.equal(result!.locations[0]!.physicalLocation.region.startLine, 8);
    const json = JSON.parse((await runCli(['-f', 'json', '-'], { cwd, stdin: rendered })).stdout) as { filePath: string }[];
    assert.deepEqual(json.map((file) => file.filePath), [join(cwd, 'shop/templates/pod.yaml')]);
  });

  it('does not fix rendered output: --fix prints the stream unchanged', async () => {
    const cwd = tempProject({ '.podlint.yaml': config });
    const run = await runCli(['--fix', '-f', 'compact', '-'], { cwd, stdin: rendered });
    assert.equal(run.stdout, rendered);
    assert.match(run.stderr, /^shop\/templates\/pod\.yaml:8:14: warning /);
  });
});
