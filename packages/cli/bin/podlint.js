#!/usr/bin/env node
// podlint's command: everything happens in dist/podlint.mjs (dist/main.js bundled into one file, which starts
// faster; main.js itself when the bundle was not built); this only turns an unexpected crash into a one-line
// message and exit code 2 (set PODLINT_DEBUG=1 for the stack).
import('../dist/podlint.mjs')
  .catch((error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('podlint.mjs')) return import('../dist/main.js');
    throw error;
  })
  .then(({ main }) => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`podlint: internal error: ${error && error.message ? error.message : String(error)}\n`);
    if (process.env.PODLINT_DEBUG) process.stderr.write(`${error && error.stack ? error.stack : ''}\n`);
    process.exitCode = 2;
  });
