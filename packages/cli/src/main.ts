// The podlint command: arguments in, reports out, and an exit code a CI step can rely on
// (0 clean, 1 problems, 2 usage, config or I/O error). Errors are one clear line, never a stack trace.
// Everything outside (working directory, streams, stdin, the rules) comes through CliEnvironment, so tests
// run the real command in-process.
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, INTERNAL_ERROR_RULE, escapeControlCharacters, type FileResult, type RuleRegistry } from '@podlint/core';
import { HELP, UsageError, parseCliArgs, type CliOptions, type ReportTarget } from './args.js';
import { writeFileAtomic } from './atomic-write.js';
import { decodeManifest, encodeText, textOfString, type TextEncoding } from './encoding.js';
import { BaselineError, applyBaseline, readBaseline, updatedBaseline, writeBaseline } from './baseline.js';
import { PathError } from './files.js';
import { writeFixedFile } from './fix.js';
import { FORMATTERS, type Formatter, type ReportedFile, type RuleSummary } from './formatters/index.js';
import { InitError, writeInitialConfig } from './init.js';
import { ConfigResolver, runLint, type RunOutcome } from './run.js';
import { RunTiming, timingReport } from './timing.js';

// What a worker thread started from the bundle runs (bin/podlint.js, parallel.ts).
export { serveLintShare } from './lint-share.js';

export interface OutputStream {
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
}

export interface CliEnvironment {
  cwd: string;
  stdout: OutputStream;
  stderr: OutputStream;
  /** Bytes as read (decoded like a file's), or a text (a leading U+FEFF is its byte-order mark). */
  readStdin: () => Promise<Uint8Array | string>;
  env: Readonly<Record<string, string | undefined>>;
  /** The rules to run; the built-in ones unless a test gives its own. */
  registry?: RuleRegistry;
  /**
   * Called once files were linted, with how many (bin/podlint.js writes its code cache only after such a run, not
   * after --help, and again after a run of many more files).
   */
  onLinted?: (files: number) => void;
}

export async function main(argv: readonly string[], environment: Partial<CliEnvironment> = {}): Promise<number> {
  const io: CliEnvironment = { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, readStdin, env: process.env, ...environment };
  // A config, a path or an argument may hold anything, line breaks and terminal escapes included: written out.
  const fail = (message: string, hint?: string): number => {
    io.stderr.write(`podlint: ${escapeControlCharacters(message)}\n${hint === undefined ? '' : `${hint}\n`}`);
    return 2;
  };
  const print = (text: string): number => {
    io.stdout.write(`${text}\n`);
    return 0;
  };
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, 'Run podlint --help for usage.');
    throw error;
  }
  if (options.help) return print(HELP);
  if (options.version) return print(readVersion());
  const unknown = options.reports.find((report) => !FORMATTERS[report.format]);
  if (unknown) return fail(`unknown format "${unknown.format}"; use one of: ${Object.keys(FORMATTERS).join(', ')}`);
  const registry = io.registry ?? (await import('@podlint/rules')).rules;
  try {
    if (options.init) return print(`podlint: wrote ${writeInitialConfig(io.cwd, registry)}`);
    if (options.printConfig !== undefined) return print(printConfig(registry, io.cwd, options));
    if (options.listRules) return print(listRules(registry, io.cwd, options));
    return await lint(options, registry, io);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.format());
    if (error instanceof PathError || error instanceof BaselineError || error instanceof InitError) return fail(error.message);
    throw error;
  }
}

async function lint(options: CliOptions, registry: RuleRegistry, io: CliEnvironment): Promise<number> {
  const timing = options.timing !== undefined ? new RunTiming() : undefined;
  const wantsStdin = options.paths.includes('-');
  const stdin = wantsStdin ? { ...stdinText(await io.readStdin()), filename: options.stdinFilename } : undefined;
  const outcome = await runLint({
    paths: options.paths,
    cwd: io.cwd,
    registry,
    configPath: options.config,
    ruleFlags: options.rules,
    stdin: stdin && { text: stdin.text, filename: stdin.filename },
    ignore: options.ignore,
    skipNonManifests: options.skipNonManifests,
    fix: options.fix || options.fixDryRun,
    fixErrorsOnly: options.quiet,
    sourceRoot: options.sourceRoot,
    // Workers load the built-in rules themselves; a registry handed in (by a test) stays in this thread.
    jobs: io.registry ? 1 : options.jobs,
    maxFileMegabytes: options.maxFileSize,
    timing,
  });
  if (outcome.results.length > 0) io.onLinted?.(outcome.results.length);
  // Checked before anything is written: `-o deploy.yaml` meant for `-c deploy.yaml`, say, would lose the manifest.
  const overwritten = writtenOverInput(options, outcome.results, io.cwd);
  if (overwritten !== undefined) throw new PathError(`${overwritten} is a file this run lints: podlint writes no report or baseline over it; name another file`);
  let status = outcome.unreadable > 0 ? 2 : 0;
  for (const filePath of outcome.unsettled) {
    io.stderr.write(`podlint: the fixes of ${escapeControlCharacters(filePath)} still changed it after every pass allowed; what they left is reported\n`);
  }
  let results = outcome.results;
  // With --fix, stdin's fixed text is the output; reports meant for stdout then go to stderr.
  const fixedStdin = options.fix && stdin !== undefined;
  if (options.fix) {
    const written = writeFixes(outcome, io);
    if (written.failed) status = 2;
    results = written.results;
    if (fixedStdin) {
      const stdinResult = results.find((result) => outcome.fromStdin.has(result.filePath) && result.output !== undefined);
      // In the encoding it came in, byte-order mark included, as a fixed file is written back.
      io.stdout.write(encodeText(stdinResult?.output ?? stdin.text, stdin.encoding));
    }
  }
  if (options.baseline !== undefined) results = applyBaselineFile(results, options.baseline, options.updateBaseline, io);
  // --quiet leaves warnings out of the report, not out of the count: --max-warnings still counts them, as ESLint's does.
  const counted = results;
  if (options.quiet) results = results.map(onlyErrors);
  const context = {
    cwd: io.cwd,
    rulesMeta: rulesMeta(registry),
    version: readVersion(),
    ...(options.fix ? { fixMode: 'fix' as const } : options.fixDryRun ? { fixMode: 'dry-run' as const } : {}),
  };
  for (const report of options.reports) {
    const formatter: Formatter = await FORMATTERS[report.format]!();
    const terminal = fixedStdin ? io.stderr : io.stdout;
    const color = options.color ?? (report.file === undefined && Boolean(terminal.isTTY) && !io.env.NO_COLOR);
    writeReport(report, formatter(results, { ...context, color }), terminal, io.cwd);
  }
  const code = Math.max(status, exitCode(counted, options.maxWarnings, options.quiet, io));
  if (timing) {
    timing.endPhase('output');
    // On stderr, after everything else: stdout holds the same report as without --timing.
    io.stderr.write(timingReport(timing, options.timing!, outcome.threads));
  }
  return code;
}

/**
 * The first report or baseline file the run would write that is a file it lints (by path or link), other than a
 * report or baseline of its own written there before (JSON is found again in the folder it is written to).
 */
function writtenOverInput(options: CliOptions, results: readonly FileResult[], cwd: string): string | undefined {
  const written = [...options.reports.flatMap((report) => (report.file === undefined ? [] : [report.file])), ...(options.updateBaseline && options.baseline !== undefined ? [options.baseline] : [])];
  if (written.length === 0) return undefined;
  const linted = new Set<string>();
  for (const { filePath, source } of results) {
    if (source !== undefined && (source === '' || OWN_REPORT.test(source))) continue;
    linted.add(filePath);
    const real = realPath(filePath);
    if (real !== undefined) linted.add(real);
  }
  return written.find((file) => {
    const path = resolve(cwd, file);
    return linted.has(path) || linted.has(realPath(path) ?? path);
  });
}

/** How podlint's JSON and SARIF reports and its baselines begin. */
const OWN_REPORT = /^(\[\]|\[\{"filePath":|\{\n {2}"\$schema": "https:\/\/docs\.oasis-open\.org\/sarif\/|\{\n {2}"podlintBaseline": )/;

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes every fixed file (not stdin's). A file that cannot be written is reported as not fixed, with the problems
 * of its text as it is: the fixed text's would say that problems are gone which are still in the file.
 */
function writeFixes(outcome: RunOutcome, io: CliEnvironment): { results: ReportedFile[]; failed: boolean } {
  let failed = false;
  const results = outcome.results.map((result) => {
    if (result.output === undefined || outcome.fromStdin.has(result.filePath)) return result;
    const unfixed = outcome.unfixed.get(result.filePath)!;
    try {
      writeFixedFile(result.filePath, unfixed.text, result.output);
      return result;
    } catch (error) {
      failed = true;
      io.stderr.write(`podlint: cannot write the fixes of ${escapeControlCharacters(result.filePath)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return unfixed.result;
    }
  });
  return { results, failed };
}

/** --baseline (and --update-baseline): leaves out the problems the file records, after recording today's. */
function applyBaselineFile(results: readonly ReportedFile[], file: string, update: boolean, io: CliEnvironment): ReportedFile[] {
  const baselinePath = resolve(io.cwd, file);
  let baseline;
  if (update) {
    const previous = existsSync(baselinePath) ? readBaseline(baselinePath) : undefined;
    baseline = updatedBaseline(results, previous, baselinePath);
    writeBaseline(baselinePath, baseline);
    io.stderr.write(`podlint: recorded ${problems(baseline.findings.length)} in ${escapeControlCharacters(file)}\n`);
  } else {
    baseline = readBaseline(baselinePath);
  }
  const applied = applyBaseline(results, baseline, baselinePath);
  if (applied.gone > 0) {
    const occur = applied.gone === 1 ? 'no longer occurs; run with --update-baseline to drop it' : 'no longer occur; run with --update-baseline to drop them';
    io.stderr.write(`podlint: ${problems(applied.gone)} recorded in ${escapeControlCharacters(file)} ${occur}\n`);
  }
  return applied.results;
}

function problems(count: number): string {
  return counted(count, 'problem');
}

/** "1 warning", "2 warnings". */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function writeReport(report: ReportTarget, pieces: readonly string[], terminal: OutputStream, cwd: string): void {
  if (report.file === undefined) {
    for (const chunk of joinedUpTo(pieces, WRITE_CHUNK)) terminal.write(chunk);
    return;
  }
  const path = resolve(cwd, report.file);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, joinedUpTo(pieces, WRITE_CHUNK));
  } catch (error) {
    throw new PathError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** How much of a report goes into one write: few system calls, and never a string near the length limit. */
const WRITE_CHUNK = 1 << 20;

/** The pieces joined into strings of about `size` characters each (a longer piece stays whole). */
export function joinedUpTo(pieces: readonly string[], size: number): string[] {
  const chunks: string[] = [];
  let batch: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (length > 0 && length + piece.length > size) {
      chunks.push(batch.join(''));
      batch = [];
      length = 0;
    }
    batch.push(piece);
    length += piece.length;
  }
  if (length > 0 || chunks.length === 0) chunks.push(batch.join(''));
  return chunks;
}

function rulesMeta(registry: RuleRegistry): Record<string, RuleSummary> {
  const meta: Record<string, RuleSummary> = {
    [INTERNAL_ERROR_RULE]: { description: 'podlint could not run a rule on a document; this is a bug in podlint.', severity: 'error' },
  };
  for (const [id, rule] of Object.entries(registry)) {
    meta[id] = { description: rule.meta.docs.description, severity: rule.meta.severity, ...(rule.meta.docs.url ? { url: rule.meta.docs.url } : {}) };
  }
  return meta;
}

function exitCode(results: readonly FileResult[], maxWarnings: number | undefined, quiet: boolean, io: CliEnvironment): number {
  let errors = 0;
  let warnings = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.severity === 'error') errors += 1;
      else if (message.severity === 'warning') warnings += 1;
    }
  }
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr.write(`podlint: ${counted(warnings, 'warning')}${quiet ? ' (not shown with --quiet)' : ''}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function onlyErrors(result: ReportedFile): ReportedFile {
  return { ...result, messages: result.messages.filter((message) => message.severity === 'error') };
}

function printConfig(registry: RuleRegistry, cwd: string, options: CliOptions): string {
  const resolver = new ConfigResolver(registry, cwd, options.config, options.rules);
  const filePath = resolve(cwd, options.printConfig!);
  const resolved = resolver.resolve(filePath);
  const rules = Object.fromEntries(
    Object.keys(registry)
      .sort()
      .map((id) => {
        const entry = resolved.rules.get(id);
        if (!entry) return [id, 'off'];
        return [id, entry.options.length > 0 ? [entry.severity, ...entry.options] : entry.severity];
      }),
  );
  return JSON.stringify({ configFile: resolved.configPath ?? null, kubernetesVersion: resolved.kubernetesVersion, rules }, null, 2);
}

function listRules(registry: RuleRegistry, cwd: string, options: CliOptions): string {
  const resolver = new ConfigResolver(registry, cwd, options.config, options.rules);
  const resolved = resolver.resolve(resolve(cwd, 'podlint-list-rules.yaml'));
  const ids = Object.keys(registry).sort();
  const width = Math.max(...ids.map((id) => id.length));
  const lines = ids.map((id) => {
    const rule = registry[id]!;
    const severity = resolved.rules.get(id)?.severity ?? 'off';
    const flags = [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggest' : ''].filter(Boolean).join(',');
    return `${id.padEnd(width)}  ${severity.padEnd(7)}  ${flags.padEnd(11)}  ${rule.meta.docs.description}`;
  });
  return `${'rule'.padEnd(width)}  ${'now'.padEnd(7)}  ${'fixes'.padEnd(11)}  description\n${lines.join('\n')}`;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Stdin's text and encoding; input a file would be skipped or not read for is refused. */
function stdinText(raw: Uint8Array | string): { text: string; encoding: TextEncoding } {
  if (typeof raw === 'string') return textOfString(raw);
  const decoded = decodeManifest(raw);
  if ('problem' in decoded) throw new PathError(`stdin: ${decoded.reason}`);
  return decoded;
}

function readVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}
