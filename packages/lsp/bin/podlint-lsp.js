#!/usr/bin/env node
// podlint-lsp: everything happens in dist/main.js; this only reports a failure to start.
import('../dist/main.js')
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    if (code !== undefined) process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`podlint-lsp: cannot start: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
