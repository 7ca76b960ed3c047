// Command-line arguments: parsed with node:util (no dependency), checked, and turned into a plain options object.
import { parseArgs } from 'node:util';

/** One report of the run: a format and where it goes (standard output when `file` is absent). */
export interface ReportTarget {
  format: string;
  file?: string;
}

export interface CliOptions {
  paths: string[];
  config?: string;
  rules: string[];
  reports: ReportTarget[];
  maxWarnings?: number;
  quiet: boolean;
  stdinFilename?: string;
  printConfig?: string;
  listRules: boolean;
  ignore: boolean;
  skipNonManifests: boolean;
  fix: boolean;
  fixDryRun: boolean;
  baseline?: string;
  updateBaseline: boolean;
  sourceRoot?: string;
  init: boolean;
  color?: boolean;
  /** The largest file to read, in MB; 0 for no limit. */
  maxFileSize?: number;
  /** Worker threads for large runs; 'auto' picks by the size of the run and the machine's cores. */
  jobs: number | 'auto';
  /** --timing: how many of the slowest rules to list after the run (Infinity: all); absent, nothing is timed. */
  timing?: number;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: podlint [options] [paths|dirs|globs|-]...

Lints Kubernetes manifests (YAML or JSON): the API schema, what the API server would reject, and
pod design. Directories are searched for *.yaml, *.yml and *.json, honouring .gitignore; - reads stdin.

Options:
  -c, --config <file>        use this config instead of the nearest .podlint.yaml
      --rule <'id: sev'>     set a rule, e.g. --rule 'bare-pod: off' or --rule 'bare-pod: [error]' (repeatable)
  -f, --format <name[:file]> a report: stylish (default), compact, json, sarif, github, junit; with :file it
                             is written to that file. Repeat for several reports in one run, e.g.
                             -f stylish -f sarif:podlint.sarif (at most one report goes to stdout)
  -o, --output-file <file>   write the report that has no :file to this file instead of stdout
      --max-warnings <n>     exit 1 when there are more than n warnings (-1, as in ESLint: no limit, the default)
      --quiet                report errors only; warnings still count toward --max-warnings, and --fix
                             applies only the fixes of errors
      --fix                  apply fixes to the files, repeated until nothing changes (files that do not
                             parse are never rewritten); with - the fixed text goes to stdout, the report
                             to stderr
      --fix-dry-run          compute fixes but write nothing; report what would remain (json has "output")
      --baseline <file>      report only problems that this baseline file does not record
      --update-baseline      record today's problems in the --baseline file, and report none of them
                             (docs/ci.md: adopting podlint in a repository with many problems)
      --source-root <dir>    with \`helm template\` output on stdin, the folder its "# Source:" paths are
                             relative to (default: the current one)
      --stdin-filename <n>   the name of the file read from stdin (for config and messages)
      --no-ignore            lint files even if .gitignore or config ignores name them
      --skip-non-manifests   skip named files that neither parse nor name an apiVersion or kind, as files
                             found in folders are (the pre-commit hook uses this)
      --print-config <file>  print the configuration that applies to a file, and exit
      --list-rules           list the rules with their severity for this folder, and exit
      --init                 write a commented .podlint.yaml in the current folder, and exit
      --color, --no-color    force colours on or off (default: on for a terminal, off with NO_COLOR)
      --max-file-size <MB>   report larger files as not read instead of linting them (default 16; 0: no
                             limit); linting takes about 60 times a file's size in memory
      --jobs <n|auto>        lint in n threads; auto (default): for large runs (several MB of manifests) a
                             thread per 2 cores, so one thread below 4 cores; 1 turns threads off
      --timing [n|all]       after the run, print to stderr the n rules it spent the most time in (default
                             10; all: every rule) with their share of all rule time, then the time of its
                             phases: read, lint (parse and rules), output. The argument after --timing is
                             its n only when it is a number or all
  -h, --help                 show this help
  -v, --version              print the version

Helm: \`helm template chart | podlint -\` reports each problem in the chart's template file named by the
"# Source:" comment, at the line of the rendered document (which matches the template where its {{ }}
actions neither add nor remove lines).

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found, 2 usage, config or I/O error.`;

/** The options parseArgs reads; those of type string take a value. */
const OPTIONS = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean' },
  'source-root': { type: 'string' },
  'stdin-filename': { type: 'string' },
  'print-config': { type: 'string' },
  'list-rules': { type: 'boolean' },
  init: { type: 'boolean' },
  ignore: { type: 'boolean' },
  'no-ignore': { type: 'boolean' },
  'skip-non-manifests': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  jobs: { type: 'string' },
  'max-file-size': { type: 'string' },
  timing: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: withOptionValues(argv),
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    // A usage error is one line: Node's hints after the first (about '--' and '-XYZ') are dropped.
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    // Digits only: Number() would take "" (an unset CI variable) as 0, and 1e1, 0x2 or 1.0 as numbers.
    const value = values['max-warnings'];
    if (!/^(\d+|-1)$/.test(value)) throw new UsageError(`--max-warnings takes a whole number of warnings, or -1 for no limit, not "${value}"`);
    maxWarnings = value === '-1' ? undefined : Number(value);
  }
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (values['update-baseline'] && values.baseline === undefined) {
    throw new UsageError('--update-baseline needs --baseline <file>, the file to write');
  }
  const color = values['no-color'] ? false : values.color ? true : undefined;
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = Number(values['max-file-size']);
    if (!Number.isFinite(maxFileSize) || maxFileSize < 0 || values['max-file-size'].trim() === '') {
      throw new UsageError(`--max-file-size takes a size in MB (0 for no limit), not "${values['max-file-size']}"`);
    }
  }
  let jobs: number | 'auto' = 'auto';
  if (values.jobs !== undefined && values.jobs !== 'auto') {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs takes a whole number from 1 to 64, or auto, not "${values.jobs}"`);
  }
  let timing: number | undefined;
  if (values.timing !== undefined) {
    const value = values.timing.toLowerCase();
    timing = value === 'all' ? Infinity : /^\d+$/.test(value) ? Number(value) : 0;
    if (timing < 1) {
      throw new UsageError(`--timing takes how many rules to list (${DEFAULT_TIMING_ROWS} when left out), or all, not "${values.timing}"`);
    }
  }
  return {
    paths: positionals,
    config: values.config,
    rules: values.rule ?? [],
    reports: parseReports(values.format ?? ['stylish'], values['output-file']),
    maxWarnings,
    quiet: values.quiet ?? false,
    stdinFilename: values['stdin-filename'],
    printConfig: values['print-config'],
    listRules: values['list-rules'] ?? false,
    ignore: !values['no-ignore'],
    skipNonManifests: values['skip-non-manifests'] ?? false,
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    baseline: values.baseline,
    updateBaseline: values['update-baseline'] ?? false,
    sourceRoot: values['source-root'],
    init: values.init ?? false,
    color,
    maxFileSize,
    jobs,
    timing,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** The rules --timing lists when given no count, as ESLint's TIMING=1. */
export const DEFAULT_TIMING_ROWS = 10;

/** What `--timing` takes as its value when it follows it: all, or what reads as a number (checked later). */
const TIMING_VALUE = /^(all|[+-]?\d+(\.\d*)?)$/i;

/** `--config` and `-c` to config, and so on, for each option that takes a value (--timing's may be left out). */
const VALUE_OPTIONS = new Map<string, string>(
  Object.entries(OPTIONS as Record<string, { type: string; short?: string }>)
    .filter(([name, option]) => option.type === 'string' && name !== 'timing')
    .flatMap(([name, option]) => [[`--${name}`, name] as const, ...(option.short ? [[`-${option.short}`, name] as const] : [])]),
);

/** Options whose value may be a negative number: parseArgs refuses `--max-warnings -1` as a value that looks like an option. */
const NUMBER_OPTIONS = new Set(['--max-warnings', '--max-file-size', '--jobs']);

/**
 * The arguments as parseArgs can read them: `--max-warnings -1` (and the other NUMBER_OPTIONS followed by a negative
 * number) becomes `--max-warnings=-1`, which parseArgs takes, so that the option checks its own value. `--timing`
 * has a value that may be left out, as ESLint's TIMING=1, TIMING=all and TIMING=<n>: the next argument is its value
 * only when it is all or a number, so that `podlint --timing manifests/` lints manifests/. parseArgs knows no
 * optional values: `--timing` is rewritten to `--timing=<value>` first (arguments after `--` are paths). An option
 * left without its value is a UsageError here, in one line, where parseArgs would add lines of hints.
 */
function withOptionValues(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') {
      result.push(...argv.slice(index));
      break;
    }
    const next = argv[index + 1];
    if (NUMBER_OPTIONS.has(arg) && next !== undefined && /^-\d/.test(next)) {
      result.push(`${arg}=${next}`);
      index += 1;
      continue;
    }
    const name = VALUE_OPTIONS.get(arg);
    // parseArgs refuses another option as a value (`-c -f json`) with three lines of hints.
    if (name !== undefined) {
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      if (next.length > 1 && next.startsWith('-')) {
        throw new UsageError(`${arg} needs a value, but ${next} follows it (for a value that starts with "-", write --${name}=${next})`);
      }
    }
    if (arg !== '--timing') {
      result.push(arg);
      continue;
    }
    if (next !== undefined && TIMING_VALUE.test(next)) {
      result.push(`--timing=${next}`);
      index += 1;
    } else {
      result.push(`--timing=${DEFAULT_TIMING_ROWS}`);
    }
  }
  return result;
}

/**
 * `-f name` goes to stdout (or to `-o`), `-f name:file` to that file (`name:-` is stdout again). The format
 * name has no colon, so `sarif:C:\\out.sarif` still splits at the first one.
 */
function parseReports(formats: readonly string[], outputFile: string | undefined): ReportTarget[] {
  const reports = formats.map((value): ReportTarget => {
    const match = /^([a-z][a-z0-9-]*)(?::(.*))?$/i.exec(value);
    if (!match) throw new UsageError(`--format takes a name or name:file, not "${value}"`);
    const [, format, file] = match;
    if (file === '') throw new UsageError(`--format ${value}: the file name after ":" is missing`);
    return file === undefined || file === '-' ? { format: format! } : { format: format!, file };
  });
  const toStdout = reports.filter((report) => report.file === undefined);
  if (outputFile !== undefined) {
    if (toStdout.length !== 1) {
      throw new UsageError('--output-file names the file of the one --format without its own :file; give each report its file as -f name:file');
    }
    toStdout[0]!.file = outputFile;
  } else if (toStdout.length > 1) {
    throw new UsageError(`only one report can go to standard output, not ${toStdout.length}; send the others to files: -f ${toStdout[1]!.format}:<file>`);
  }
  return reports;
}
