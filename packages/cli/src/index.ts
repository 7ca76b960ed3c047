// @podlint/cli as a library: run podlint from code (the benchmarks and tests do).
export { main, type CliEnvironment } from './main.js';
export { runLint, readManifest, overSizeLimit, ConfigResolver, DEFAULT_MAX_FILE_MB, type RunOptions, type RunOutcome } from './run.js';
export { findFiles, PathError } from './files.js';
export { decodeManifest, encodeText, type TextEncoding } from './encoding.js';
export { FORMATTERS, type Formatter, type FormatterContext, type ReportedFile } from './formatters/index.js';
export { lintAndFix, MAX_FIX_PASSES } from './fix.js';
