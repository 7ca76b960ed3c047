// @podlint/cli as a library: run podlint from code (the benchmarks and tests do).
export { main } from './main.js';
export { runLint, readManifest, decodeManifest, ConfigResolver, type RunOptions, type RunOutcome } from './run.js';
export { findFiles, PathError } from './files.js';
export { FORMATTERS } from './formatters/index.js';
