// Bundles the podlint command (packages/cli/dist/main.js, with core, the rules and yaml) into one file,
// packages/cli/dist/podlint.mjs, which bin/podlint.js loads. Loading ~220 modules one by one was most of the
// command's start-up (measured: 240 ms unbundled, 170 ms bundled, node -e 0 at 75 ms; issue #8). tsc's output
// stays as it is for the tests, the language server and the worker threads.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'packages/cli/dist/main.js')],
  outfile: join(root, 'packages/cli/dist/podlint.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Loaded lazily and only by some runs (globs and folders, .gitignore files): resolved from the CLI package.
  external: ['fast-glob', 'ignore'],
  // yaml is CommonJS; its require() of Node's modules needs a real require in an ES module.
  banner: { js: "import { createRequire as __podlintCreateRequire } from 'node:module';\nconst require = __podlintCreateRequire(import.meta.url);" },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
