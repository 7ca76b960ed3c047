// The podlint command: arguments in, report out, and an exit code a CI step can rely on
// (0 clean, 1 problems, 2 usage, config or I/O error). Errors are one clear line, never a stack trace.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, type FileResult, type RuleRegistry } from '@podlint/core';
import { HELP, UsageError, parseCliArgs, type CliOptions } from './args.js';
import { PathError } from './files.js';
import { FORMATTERS } from './formatters/index.js';
import { ConfigResolver, runLint } from './run.js';

export async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(`${error.message}\nRun podlint --help for usage.`);
    throw error;
  }
  if (options.help) return print(HELP);
  if (options.version) return print(readVersion());
  const loadFormatter = FORMATTERS[options.format];
  if (!loadFormatter) return fail(`unknown format "${options.format}"; use one of: ${Object.keys(FORMATTERS).join(', ')}`);
  const cwd = process.cwd();
  const { rules: registry } = await import('@podlint/rules');
  try {
    if (options.printConfig !== undefined) return printConfig(registry, cwd, options);
    if (options.listRules) return listRules(registry, cwd, options);
    const stdin = options.paths.includes('-') ? { text: await readStdin(), filename: options.stdinFilename } : undefined;
    const outcome = await runLint({
      paths: options.paths,
      cwd,
      registry,
      configPath: options.config,
      ruleFlags: options.rules,
      stdin,
      ignore: options.ignore,
    });
    const results = options.quiet ? outcome.results.map(onlyErrors) : outcome.results;
    const formatter = await loadFormatter();
    const color = options.color ?? (options.outputFile === undefined && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR);
    const rulesMeta = Object.fromEntries(Object.entries(registry).map(([id, rule]) => [id, { description: rule.meta.docs.description, url: rule.meta.docs.url }]));
    const report = formatter(results, { cwd, color, rulesMeta });
    if (options.outputFile) writeReport(resolve(cwd, options.outputFile), report);
    else process.stdout.write(report);
    if (outcome.unreadable > 0) return 2;
    return exitCode(results, options.maxWarnings);
  } catch (error) {
    if (error instanceof ConfigError) return fail(error.format());
    if (error instanceof PathError) return fail(error.message);
    throw error;
  }
}

function exitCode(results: readonly FileResult[], maxWarnings: number | undefined): number {
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
    process.stderr.write(`podlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function onlyErrors(result: FileResult): FileResult {
  return { ...result, messages: result.messages.filter((message) => message.severity === 'error') };
}

function printConfig(registry: RuleRegistry, cwd: string, options: CliOptions): number {
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
  return print(JSON.stringify({ configFile: resolved.configPath ?? null, kubernetesVersion: resolved.kubernetesVersion, rules }, null, 2));
}

function listRules(registry: RuleRegistry, cwd: string, options: CliOptions): number {
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
  return print(`${'rule'.padEnd(width)}  ${'now'.padEnd(7)}  ${'fixes'.padEnd(11)}  description\n${lines.join('\n')}`);
}

function writeReport(path: string, report: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, report);
  } catch (error) {
    throw new PathError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (bytes.includes(0)) throw new PathError('stdin: binary input (it contains NUL bytes), not a manifest');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PathError('stdin: not valid UTF-8 text');
  }
}

function readVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`podlint: ${message}\n`);
  return 2;
}
