// Command-line arguments: parsed with node:util (no dependency), checked, and turned into a plain options object.
import { parseArgs } from 'node:util';

export interface CliOptions {
  paths: string[];
  config?: string;
  rules: string[];
  format: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet: boolean;
  stdinFilename?: string;
  printConfig?: string;
  listRules: boolean;
  ignore: boolean;
  color?: boolean;
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
  -f, --format <name>        output format: stylish (default), json
  -o, --output-file <file>   write the report to a file instead of stdout
      --max-warnings <n>     exit 1 when there are more than n warnings
      --quiet                report errors only
      --stdin-filename <n>   the name of the file read from stdin (for config and messages)
      --no-ignore            lint files even if .gitignore or config ignores name them
      --print-config <file>  print the configuration that applies to a file, and exit
      --list-rules           list the rules with their severity for this folder, and exit
      --color, --no-color    force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                 show this help
  -v, --version              print the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 problems found, 2 usage, config or I/O error.`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        format: { type: 'string', short: 'f' },
        'output-file': { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'print-config': { type: 'string' },
        'list-rules': { type: 'boolean' },
        ignore: { type: 'boolean' },
        'no-ignore': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
  }
  const color = values['no-color'] ? false : values.color ? true : undefined;
  return {
    paths: positionals,
    config: values.config,
    rules: values.rule ?? [],
    format: values.format ?? 'stylish',
    outputFile: values['output-file'],
    maxWarnings,
    quiet: values.quiet ?? false,
    stdinFilename: values['stdin-filename'],
    printConfig: values['print-config'],
    listRules: values['list-rules'] ?? false,
    ignore: !values['no-ignore'],
    color,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
