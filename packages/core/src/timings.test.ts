// Linter timings (`podlint --timing`): what is counted for each rule and for parsing, measured with a clock that
// ticks once per reading, so that every span is 1 and the totals count spans; and that without a recorder the
// Linter reads no clock at all.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from './linter.js';
import { testConfig, testRule } from './test-utils.js';
import { LintTimings } from './timings.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1
    - name: log
      image: busybox:1
`;

const rule = (name: string, create: () => Record<string, () => void>) =>
  testRule({
    name,
    meta: { type: 'problem', severity: 'error', docs: { description: 'x.', recommended: true }, messages: { m: 'm.' }, schema: [] },
    defaultOptions: [],
    create,
  });

const registry = {
  'per-container': rule('per-container', () => ({ Resource: () => {}, Container: () => {} })),
  'per-document': rule('per-document', () => ({ Document: () => {} })),
  'no-visitors': rule('no-visitors', () => ({})),
  failing: rule('failing', () => ({
    Resource: () => {
      throw new Error('boom');
    },
  })),
};

/** A clock that moves one millisecond each time it is read. */
function tickingClock(): () => number {
  let now = 0;
  return () => (now += 1);
}

describe('LintTimings', () => {
  it("times each rule's create() and each visitor call, and each file's parse", () => {
    const timings = new LintTimings(tickingClock());
    const linter = new Linter(registry, { timings });
    const config = testConfig(registry, '/project/a.yaml');
    const result = linter.lintText({ filePath: '/project/a.yaml', text: POD, config });
    // A visitor that throws is reported as before, and its time counts.
    assert.deepEqual(result.messages.map((message) => message.ruleId), ['internal-error']);
    // create() + Resource + two Containers; create() + Document; create() alone; create() + Resource.
    assert.deepEqual(timings.rules(), [
      { ruleId: 'per-container', ms: 4 },
      { ruleId: 'failing', ms: 2 },
      { ruleId: 'per-document', ms: 2 },
      { ruleId: 'no-visitors', ms: 1 },
    ]);
    assert.equal(timings.rulesMs, 9);
    assert.equal(timings.parseMs, 1);
    // A second file adds to the same recorder.
    linter.lintText({ filePath: '/project/b.yaml', text: POD, config });
    assert.equal(timings.rulesMs, 18);
    assert.equal(timings.parseMs, 2);
  });

  it("adds another thread's record to its own, and forgets everything on clear()", () => {
    const timings = new LintTimings(tickingClock());
    timings.addRule('a', 1);
    timings.addParse(2);
    const other = new LintTimings();
    other.addRule('a', 3);
    other.addRule('b', 5);
    other.addParse(7);
    timings.add(structuredClone(other.record()));
    assert.deepEqual(timings.rules(), [
      { ruleId: 'b', ms: 5 },
      { ruleId: 'a', ms: 4 },
    ]);
    assert.equal(timings.parseMs, 9);
    timings.clear();
    assert.deepEqual(timings.record(), { rules: [], parseMs: 0 });
  });

  it('is not read at all by a Linter without one', (t) => {
    let reads = 0;
    const now = performance.now.bind(performance);
    t.mock.method(performance, 'now', () => {
      reads += 1;
      return now();
    });
    const config = testConfig(registry, '/project/a.yaml');
    new Linter(registry).lintFiles([{ filePath: '/project/a.yaml', text: POD, config }]);
    assert.equal(reads, 0);
    // The mock does count the default clock's readings.
    new Linter(registry, { timings: new LintTimings() }).lintFiles([{ filePath: '/project/a.yaml', text: POD, config }]);
    assert.ok(reads > 0);
  });
});
