// Runs the integration tests (scripts/integrations.test.mjs): the packed packages installed as a user would
// install them, the GitHub Action's lint step, and the pre-commit hook with the real pre-commit. Slower than
// the unit tests and needs the npm registry (or npm's cache); run after the build. The last line is
// `N passed, N failed` (N skipped when pre-commit is missing).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = spawnSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    join(root, 'scripts/integrations.test.mjs'),
  ],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
