// The suggestion of job-sidecar-blocks-completion, applied: the helper leaves `containers` and becomes a
// native sidecar, with the file's style (block, flow, JSON, compact indentation) and comments kept, and the
// result no longer triggers the rule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, SourceFile, type LintMessage } from '@podlint/core';
import { lintWithAllRules } from '../fixture-utils.js';

const RULE = 'job-sidecar-blocks-completion';

function diagnostics(text: string, fileName = 'job.yaml', kubernetesVersion?: string): LintMessage[] {
  return lintWithAllRules(fileName, text, RULE, kubernetesVersion ? { kubernetesVersion } : {}).messages.filter((message) => message.ruleId === RULE);
}

/** Applies the only suggestion of the only diagnostic, checks the output still parses and no longer fires. */
function suggested(text: string, fileName = 'job.yaml'): string {
  const found = diagnostics(text, fileName);
  assert.equal(found.length, 1, found.map((message) => message.message).join('\n'));
  const suggestions = found[0]!.suggestions ?? [];
  assert.equal(suggestions.length, 1, 'one suggestion');
  const output = applyFixes(text, [suggestions[0]!.fix]).output;
  const parsed = new SourceFile(fileName, output);
  assert.deepEqual(parsed.documents.flatMap((doc) => doc.errors.map((error) => error.message)), [], `the output parses:\n${output}`);
  assert.deepEqual(diagnostics(output, fileName), [], `nothing left to report:\n${output}`);
  return output;
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('native sidecar suggestion', () => {
  it('rewrites the Kubernetes docs legacy Job, comments and all', () => {
    const input = lines(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: myjob',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: myjob',
      '          image: alpine:latest',
      "          command: ['sh', '-c', 'echo \"logging\" > /opt/logs.txt']",
      '          volumeMounts:',
      '            - name: data',
      '              mountPath: /opt',
      '        - name: logshipper # legacy-style sidecar container',
      '          image: alpine:latest',
      "          command: ['sh', '-c', 'tail -F /opt/logs.txt']",
      '          volumeMounts:',
      '            - name: data',
      '              mountPath: /opt',
      '      restartPolicy: Never',
      '      volumes:',
      '        - name: data',
      '          emptyDir: {}',
    );
    assert.equal(
      suggested(input),
      lines(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '  name: myjob',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '        - name: logshipper # legacy-style sidecar container',
        '          restartPolicy: Always',
        '          image: alpine:latest',
        "          command: ['sh', '-c', 'tail -F /opt/logs.txt']",
        '          volumeMounts:',
        '            - name: data',
        '              mountPath: /opt',
        '      containers:',
        '        - name: myjob',
        '          image: alpine:latest',
        "          command: ['sh', '-c', 'echo \"logging\" > /opt/logs.txt']",
        '          volumeMounts:',
        '            - name: data',
        '              mountPath: /opt',
        '      restartPolicy: Never',
        '      volumes:',
        '        - name: data',
        '          emptyDir: {}',
      ),
    );
  });

  it('appends to existing init containers at their indentation, moving the comments above the helper along', () => {
    const input = lines(
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: {name: report}',
      'spec:',
      '  schedule: "@hourly"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: OnFailure',
      '          initContainers:',
      '          - name: setup',
      '            image: busybox:1.36',
      '          # The report reaches its database through the proxy.',
      '          containers:',
      '            # Cloud SQL proxy, an ambassador for the database.',
      '            - name: cloud-sql-proxy',
      '              image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.10.0',
      '              args:',
      '                - "--port=5432"',
      '                - project:region:db # the instance',
      '              # resources for the proxy',
      '            - name: report',
      '              image: team/report:1',
    );
    assert.equal(
      suggested(input),
      lines(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec:',
        '  schedule: "@hourly"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: OnFailure',
        '          initContainers:',
        '          - name: setup',
        '            image: busybox:1.36',
        '          # Cloud SQL proxy, an ambassador for the database.',
        '          - name: cloud-sql-proxy',
        '            restartPolicy: Always',
        '            image: gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.10.0',
        '            args:',
        '              - "--port=5432"',
        '              - project:region:db # the instance',
        '            # resources for the proxy',
        '          # The report reaches its database through the proxy.',
        '          containers:',
        '            - name: report',
        '              image: team/report:1',
      ),
    );
  });

  it('replaces a restartPolicy the helper already has, in KYAML flow style', () => {
    const input = lines(
      '{',
      '  apiVersion: batch/v1,',
      '  kind: Job,',
      '  metadata: {name: flow},',
      '  spec: {',
      '    template: {',
      '      spec: {',
      '        restartPolicy: Never,',
      '        containers: [',
      '          {name: task, image: "team/task:1"},',
      '          {name: envoy, image: "envoyproxy/envoy:v1.30.0", restartPolicy: Never}',
      '        ]',
      '      }',
      '    }',
      '  }',
      '}',
    );
    assert.equal(
      suggested(input),
      lines(
        '{',
        '  apiVersion: batch/v1,',
        '  kind: Job,',
        '  metadata: {name: flow},',
        '  spec: {',
        '    template: {',
        '      spec: {',
        '        restartPolicy: Never,',
        '        initContainers: [',
        '          {name: envoy, image: "envoyproxy/envoy:v1.30.0", restartPolicy: Always}',
        '        ],',
        '        containers: [',
        '          {name: task, image: "team/task:1"}',
        '        ]',
        '      }',
        '    }',
        '  }',
        '}',
      ),
    );
  });

  it('keeps JSON valid JSON', () => {
    const input = lines(
      '{',
      '  "apiVersion": "batch/v1",',
      '  "kind": "Job",',
      '  "metadata": {"name": "j"},',
      '  "spec": {',
      '    "template": {',
      '      "spec": {',
      '        "restartPolicy": "Never",',
      '        "containers": [',
      '          {',
      '            "name": "fluent-bit",',
      '            "image": "fluent/fluent-bit:3.0"',
      '          },',
      '          {',
      '            "name": "task",',
      '            "image": "team/task:1"',
      '          }',
      '        ]',
      '      }',
      '    }',
      '  }',
      '}',
    );
    const output = suggested(input, 'job.json');
    assert.equal(
      output,
      lines(
        '{',
        '  "apiVersion": "batch/v1",',
        '  "kind": "Job",',
        '  "metadata": {"name": "j"},',
        '  "spec": {',
        '    "template": {',
        '      "spec": {',
        '        "restartPolicy": "Never",',
        '        "initContainers": [',
        '          {',
        '            "name": "fluent-bit",',
        '            "image": "fluent/fluent-bit:3.0",',
        '            "restartPolicy": "Always"',
        '          }',
        '        ],',
        '        "containers": [',
        '          {',
        '            "name": "task",',
        '            "image": "team/task:1"',
        '          }',
        '        ]',
        '      }',
        '    }',
        '  }',
        '}',
      ),
    );
    assert.deepEqual((JSON.parse(output) as { spec: { template: { spec: { initContainers: unknown[] } } } }).spec.template.spec.initContainers, [
      { name: 'fluent-bit', image: 'fluent/fluent-bit:3.0', restartPolicy: 'Always' },
    ]);
  });

  it('handles flow lists in block mappings and compact indentation', () => {
    const base = ['apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      restartPolicy: Never'];
    assert.equal(
      suggested(lines(...base, '      containers: [{name: task, image: "team/task:1"}, {name: vector, image: "timberio/vector:0.37.0-alpine"}]')),
      lines(...base, '      initContainers: [{name: vector, image: "timberio/vector:0.37.0-alpine", restartPolicy: Always}]', '      containers: [{name: task, image: "team/task:1"}]'),
    );
    assert.equal(
      suggested(lines(...base, '      containers:', '      - {name: proxy, image: "envoyproxy/envoy:v1.30.0"}', '      - name: task', '        image: team/task:1', '      initContainers: [{name: a, image: "a:1"}]')),
      lines(...base, '      containers:', '      - name: task', '        image: team/task:1', '      initContainers: [{name: a, image: "a:1"}, {name: proxy, image: "envoyproxy/envoy:v1.30.0", restartPolicy: Always}]'),
    );
    assert.equal(
      suggested(lines(...base, '      initContainers: []', '      containers: [{name: task, image: "team/task:1"}, {name: promtail, image: "grafana/promtail:3.0"}]')),
      lines(...base, '      initContainers: [{name: promtail, image: "grafana/promtail:3.0", restartPolicy: Always}]', '      containers: [{name: task, image: "team/task:1"}]'),
    );
    assert.equal(
      suggested(lines(...base, '      initContainers:', '        - name: setup', '          image: busybox:1.36', '      containers: [{name: task, image: "team/task:1"}, {name: git-sync, image: "registry.k8s.io/git-sync/git-sync:v4.2.1"}]')),
      lines(
        ...base,
        '      initContainers:',
        '        - name: setup',
        '          image: busybox:1.36',
        '        - {name: git-sync, image: "registry.k8s.io/git-sync/git-sync:v4.2.1", restartPolicy: Always}',
        '      containers: [{name: task, image: "team/task:1"}]',
      ),
    );
  });

  it('adds the policy after the name wherever the name is', () => {
    const input = lines(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - image: team/task:1',
      '          name: task',
      '        - image: quay.io/oauth2-proxy/oauth2-proxy:v7.6.0',
      '          name: oauth2-proxy',
    );
    assert.equal(
      suggested(input),
      lines(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: j}',
        'spec:',
        '  template:',
        '    spec:',
        '      restartPolicy: Never',
        '      initContainers:',
        '        - image: quay.io/oauth2-proxy/oauth2-proxy:v7.6.0',
        '          name: oauth2-proxy',
        '          restartPolicy: Always',
        '      containers:',
        '        - image: team/task:1',
        '          name: task',
      ),
    );
  });

  it('offers no suggestion when aliases would carry the edit elsewhere', () => {
    const input = lines(
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: batch/v1',
      '    kind: Job',
      '    metadata: {name: anchored}',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers: &list',
      '            - name: task',
      '              image: team/task:1',
      '            - name: log-shipper',
      '              image: team/shipper:1',
      '  - apiVersion: batch/v1',
      '    kind: Job',
      '    metadata: {name: aliased}',
      '    spec:',
      '      template:',
      '        spec:',
      '          restartPolicy: Never',
      '          containers: *list',
    );
    const found = diagnostics(input);
    assert.ok(found.length >= 1);
    for (const message of found) assert.equal(message.suggestions, undefined);
  });

  it('says how to stop the helper, without a suggestion, before Kubernetes 1.29', () => {
    const input = lines(
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: {name: j}',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Never',
      '      containers:',
      '        - {name: task, image: "team/task:1"}',
      '        - {name: fluentd, image: "fluent/fluentd:v1.16"}',
    );
    const found = diagnostics(input, 'job.yaml', '1.28');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /Kubernetes 1\.28 has no native sidecars/);
    assert.equal(found[0]!.suggestions, undefined);
    assert.equal(diagnostics(input, 'job.yaml', '1.29')[0]!.suggestions?.length, 1);
  });
});
