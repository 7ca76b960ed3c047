// Bundles the podlint command (packages/cli/dist/main.js, with core, the rules and yaml) into one CommonJS
// script, packages/cli/dist/podlint.cjs, which bin/podlint.js runs from V8's code cache. Loading ~220 modules one
// by one was most of the command's start-up (measured: 240 ms unbundled, 170 ms bundled as an ES module, node -e 0
// at 75 ms; issue #8). CommonJS because Node 20 can give code cache data only to a script; for the same reason
// the sources load their lazy dependencies with require(), not import(), which this checks. tsc's output stays as
// it is for the tests and the language server; the command's worker threads (--jobs) run this bundle too.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'packages/cli/dist/podlint.cjs');
// The ES module bundle earlier builds made.
rmSync(join(root, 'packages/cli/dist/podlint.mjs'), { force: true });
await build({
  entryPoints: [join(root, 'packages/cli/dist/main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // The sources find their files from import.meta.url: the bundle's own location.
  define: { 'import.meta.url': '__podlintBundleUrl' },
  banner: { js: "const __podlintBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

// A dynamic import() fails in a script compiled from a code cache: keep every one out of the bundle.
const dynamicImport = /\bimport\(\s*["'`]/.exec(readFileSync(outfile, 'utf8'));
if (dynamicImport) {
  console.error(`bundle-cli: ${outfile} contains a dynamic import() (at character ${dynamicImport.index}): load it with require()`);
  process.exit(1);
}
