// `pnpm run examples`: lints examples/ with the built command. Exit code 1 is expected there (examples/problems
// has problems on purpose), so it is explained rather than shown as a failed script; 2 is a real failure.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(process.execPath, [join(root, 'packages/cli/bin/podlint.js'), 'examples'], { cwd: root, stdio: 'inherit' });
if (result.status === 1) {
  console.log('\npodlint exited with 1 (problems found), as expected: examples/problems/ is wrong on purpose.');
  process.exit(0);
}
process.exit(result.status ?? 2);
