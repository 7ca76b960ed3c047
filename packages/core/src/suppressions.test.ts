import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint, testRule, where } from './test-utils.js';

// A rule that reports every container image, so that suppressions have something to hide.
const registry = {
  'every-image': testRule({
    name: 'every-image',
    meta: { type: 'problem', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'image.' }, schema: [] },
    defaultOptions: [],
    create: (context) => ({ Container: (container) => context.report({ path: [...container.path, 'image'], messageId: 'm' }) }),
  }),
  'every-kind': testRule({
    name: 'every-kind',
    meta: { type: 'problem', severity: 'warning', docs: { description: 'x.', recommended: true }, messages: { m: 'kind.' }, schema: [] },
    defaultOptions: [],
    create: (context) => ({ Resource: (resource) => context.report({ path: resource.at('kind'), messageId: 'm' }) }),
  }),
};

const pod = (body: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
${body}`;

describe('suppressions', () => {
  it('disable-next-line, with several ids and a reason', () => {
    const result = lint(registry, pod(`    - name: a
      # podlint-disable-next-line every-image, other-rule -- pinned by the platform team
      image: a
    - name: b
      image: b
`));
    assert.deepEqual(where(result), ['2:7-2:10 every-kind', '11:14-11:15 every-image']);
  });

  it('disable-line and disable/enable blocks', () => {
    const result = lint(registry, pod(`    - name: a
      image: a # podlint-disable-line every-image
    # podlint-disable every-image
    - name: b
      image: b
    # podlint-enable every-image
    - name: c
      image: c
`));
    assert.deepEqual(where(result), ['2:7-2:10 every-kind', '14:14-14:15 every-image']);
  });

  it('disable without ids covers every rule; disable-file anywhere covers the file', () => {
    assert.deepEqual(where(lint(registry, `# podlint-disable\n${pod('    - {name: a, image: a}\n')}`)), []);
    assert.deepEqual(where(lint(registry, `${pod('    - {name: a, image: a}\n')}# podlint-disable-file every-kind\n`)), ['7:24-7:25 every-image']);
  });

  it('the podlint.io/ignore annotation on an object or its pod template covers that object only', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  template:
    metadata:
      annotations:
        podlint.io/ignore: "every-image"
    spec:
      containers:
        - {name: a, image: a}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations: {podlint.io/ignore: "every-kind, every-image"}
spec:
  containers:
    - {name: a, image: a}
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  containers:
    - {name: a, image: a}
`;
    assert.deepEqual(where(lint(registry, text)), ['2:7-2:17 every-kind', '24:7-24:10 every-kind', '28:24-28:25 every-image']);
  });
});
