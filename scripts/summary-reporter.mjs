// A node:test reporter that closes with the line `N passed, N failed` (what CI reads), after a line with the
// number of skipped tests when there are any; it counts leaf tests (a suite's own pass/fail is not counted again).
export default async function* summaryReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const data = event.data;
    if (data.details?.type === 'suite') {
      // A suite that failed outside its tests (a hook, a throw while collecting) still counts as a failure.
      if (event.type === 'test:fail' && data.details?.error?.failureType !== 'subtestsFailed') failed += 1;
      continue;
    }
    if (data.skip !== undefined || data.todo !== undefined) skipped += 1;
    else if (event.type === 'test:pass') passed += 1;
    else failed += 1;
  }
  const skips = skipped > 0 ? `${skipped} skipped (the report above says why)\n` : '';
  yield `\n${skips}${passed} passed, ${failed} failed\n`;
}
