// What one command line does to a container's process tree: wrappers are looked through (`exec`, `nohup`,
// `gosu app`, `tini --`, `timeout 30`), then the program is sorted into a finite step, an idler (`sleep`),
// `wait`/`kill`, a process manager (supervisord, s6, runit, pm2, Procfile runners), a daemon starter that
// returns at once (`service x start`, `nginx` without `daemon off`, `php-fpm -D`), a nested shell script,
// or a program that keeps running.

export type CommandKind =
  | { kind: 'step' }
  | { kind: 'idle' }
  | { kind: 'wait' }
  | { kind: 'exit' }
  | { kind: 'kill'; names: readonly string[] }
  | { kind: 'manager'; name: string }
  | { kind: 'daemon'; name: string }
  | { kind: 'stop'; name: string }
  | { kind: 'shell'; script: string }
  | { kind: 'program'; name: string };

export interface ClassifiedCommand {
  command: CommandKind;
  /** `exec` replaces the shell: nothing after it runs. */
  exec: boolean;
  /** The program's name as written, without its folder. */
  name: string;
  /** Index of the program among the words, after the wrappers. */
  index: number;
}

interface WrapperSpec {
  /** Options that take a separate argument. */
  withArgument?: readonly string[];
  /** Positional words to skip after the options (a user name, a duration). */
  positionals?: number;
  /** Skips `NAME=value` words too (env). */
  assignments?: boolean;
  /** The wrapped program is bounded in time. */
  finite?: boolean;
}

const WRAPPERS: Readonly<Record<string, WrapperSpec>> = {
  exec: { withArgument: ['-a'] },
  nohup: {},
  setsid: {},
  command: {},
  builtin: {},
  time: {},
  nice: { withArgument: ['-n'] },
  ionice: { withArgument: ['-c', '-n', '-p'] },
  stdbuf: { withArgument: ['-i', '-o', '-e'] },
  taskset: { positionals: 1 },
  chrt: { positionals: 1 },
  numactl: {},
  env: { withArgument: ['-u', '-C', '-S'], assignments: true },
  timeout: { withArgument: ['-s', '-k', '--signal', '--kill-after'], positionals: 1, finite: true },
  gosu: { positionals: 1 },
  'su-exec': { positionals: 1 },
  's6-setuidgid': { positionals: 1 },
  chpst: { withArgument: ['-u', '-U', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c', '-t'] },
  sudo: { withArgument: ['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U'] },
  doas: { withArgument: ['-u', '-C'] },
  tini: { withArgument: ['-p', '-e'] },
  'tini-static': { withArgument: ['-p', '-e'] },
  'dumb-init': { withArgument: ['-r', '--rewrite'] },
  catatonit: {},
  'with-contenv': {},
  unbuffer: {},
  npx: { withArgument: ['-p', '--package'] },
  bunx: {},
  'wait-for-it': {},
};

export const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'yash']);

/** Finite utilities and builtins: they end, so they never count as a long-running process. */
const STEPS = new Set([
  ':', 'true', 'false', 'test', '[', 'echo', 'printf', 'cd', 'pushd', 'popd', 'export', 'set', 'unset', 'shopt', 'source', '.',
  'eval', 'shift', 'local', 'declare', 'typeset', 'readonly', 'alias', 'umask', 'ulimit', 'trap', 'hash', 'type', 'let',
  'getopts', 'return', 'break', 'continue', 'jobs', 'disown', 'cat', 'cp', 'mv', 'rm', 'ln', 'mkdir', 'rmdir', 'touch',
  'chmod', 'chown', 'chgrp', 'sed', 'awk', 'gawk', 'grep', 'egrep', 'fgrep', 'head', 'sort', 'uniq', 'wc', 'cut', 'tr',
  'tee', 'ls', 'find', 'date', 'hostname', 'id', 'whoami', 'uname', 'env', 'printenv', 'basename', 'dirname', 'realpath',
  'readlink', 'mktemp', 'seq', 'expr', 'xargs', 'envsubst', 'jq', 'yq', 'base64', 'openssl', 'ssh-keygen', 'sha256sum',
  'md5sum', 'stat', 'df', 'du', 'ps', 'tar', 'gzip', 'gunzip', 'zcat', 'unzip', 'zip', 'curl', 'wget', 'nslookup', 'dig',
  'ping', 'getent', 'sysctl', 'ldconfig', 'update-ca-certificates', 'useradd', 'adduser', 'groupadd', 'addgroup',
  'usermod', 'install', 'dd', 'sync', 'diff', 'cmp', 'rev', 'nproc', 'free', 'mount', 'umount', 'git', 'apt-get',
  'apt', 'apk', 'yum', 'dnf', 'microdnf', 'pip', 'pip3', 'gem', 'bundle', 'composer', 'go', 'make', 'chroot', 'logger',
  'envdir', 'dpkg', 'rpm', 'iptables', 'ip', 'ifconfig', 'setcap', 'kubectl', 'helm', 'gsutil', 'aws', 'gcloud', 'az',
  'psql', 'mysql', 'mysqladmin', 'mysqldump', 'redis-cli', 'mongo', 'mongosh', 'pg_isready', 'which', 'command', 'crontab',
]);

/** Commands that keep a container alive without doing work. */
const IDLERS = new Set(['sleep', 'pause', 'read', 'inotifywait-idle']);

/** Process managers: they start and supervise several programs inside one container. */
const MANAGERS = new Set(['supervisord', 's6-svscan', 'runsvdir', 'circusd', 'my_init', 'hivemind', 'multirun']);
const PROCFILE_RUNNERS = new Set(['forego', 'honcho', 'overmind', 'foreman', 'goreman']);

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** Skips wrapper commands and their options; returns the index of the real program. */
function skipWrappers(words: readonly string[]): { index: number; exec: boolean; finite: boolean } {
  let index = 0;
  let exec = false;
  let finite = false;
  for (;;) {
    const name = words[index];
    if (name === undefined) return { index, exec, finite };
    const spec = WRAPPERS[baseName(name)];
    if (!spec) return { index, exec, finite };
    if (baseName(name) === 'exec') exec = true;
    if (spec.finite) finite = true;
    index += 1;
    while (index < words.length) {
      const word = words[index]!;
      if (word === '--') {
        index += 1;
        break;
      }
      if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(word)) index += 1;
      else if (word.startsWith('-') && word.length > 1) index += spec.withArgument?.includes(word) ? 2 : 1;
      else break;
    }
    index += spec.positionals ?? 0;
  }
}

/** Sorts one simple command's words (quotes removed). */
export function classifyCommand(words: readonly string[]): ClassifiedCommand | undefined {
  if (words[0] === 'command' && (words[1] === '-v' || words[1] === '-V')) return { command: { kind: 'step' }, exec: false, name: 'command', index: 0 };
  const { index, exec, finite } = skipWrappers(words);
  const word = words[index];
  if (word === undefined) return exec ? { command: { kind: 'step' }, exec: false, name: 'exec', index } : undefined;
  const name = baseName(word);
  const args = words.slice(index + 1);
  const result = (command: CommandKind): ClassifiedCommand => ({ command, exec, name, index });
  const nested = nestedScript(name, args);
  if (nested !== undefined) return result({ kind: 'shell', script: nested });
  if (name === 'runuser' && args.includes('--')) {
    const inner = classifyCommand(args.slice(args.indexOf('--') + 1));
    return inner && { ...inner, exec: inner.exec || exec, index: inner.index + index + args.indexOf('--') + 2 };
  }
  if (finite) return result({ kind: 'step' });
  return result(classifyProgram(name, word, args));
}

/** The script of `sh -c '...'`, `bash -ec '...'`, `su user -c '...'`. */
export function nestedScript(name: string, args: readonly string[]): string | undefined {
  if (SHELLS.has(name) || name === 'busybox' || name === 'su' || name === 'runuser') {
    let rest = args;
    if (name === 'busybox') {
      if (!SHELLS.has(rest[0] ?? '')) return undefined;
      rest = rest.slice(1);
    }
    return shellCommandArgument(rest, name === 'su' || name === 'runuser');
  }
  return undefined;
}

/** After a shell's name: the argument of `-c` (also inside `-ec`, `-exc`), skipping `-o option`. */
export function shellCommandArgument(args: readonly string[], allowOperands = false): string | undefined {
  let takesScript = false;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index]!;
    if (arg === '-o' || arg === '+o' || arg === '-O' || arg === '+O' || (allowOperands && (arg === '-s' || arg === '--shell' || arg === '-g' || arg === '-u'))) {
      index += 1;
    } else if (arg === '--command' || arg === '-c' && allowOperands) {
      return args[index + 1];
    } else if (arg.startsWith('--')) {
      continue;
    } else if (/^-[A-Za-z]+$/.test(arg)) {
      if (arg.includes('c')) takesScript = true;
    } else if (/^\+[A-Za-z]+$/.test(arg)) {
      continue;
    } else if (allowOperands && !takesScript) {
      continue;
    } else {
      return takesScript ? arg : undefined;
    }
  }
  return undefined;
}

function classifyProgram(name: string, word: string, args: readonly string[]): CommandKind {
  if (name === 'wait') return { kind: 'wait' };
  if (name === 'exit') return { kind: 'exit' };
  // `kill -0 pid` only asks whether a process lives; `kill -l` lists signals.
  if (name === 'kill') return args.some((arg) => arg === '-0' || arg === '-l' || arg === '-L') ? { kind: 'step' } : { kind: 'kill', names: [] };
  if (name === 'pkill' || name === 'killall') return { kind: 'kill', names: args.filter((arg) => !arg.startsWith('-')) };
  if (MANAGERS.has(name)) return { kind: 'manager', name };
  if (PROCFILE_RUNNERS.has(name)) return args.some((arg) => arg === 'start' || arg === 's') || name === 'goreman' ? { kind: 'manager', name: `${name} start` } : { kind: 'step' };
  if (name === 'concurrently' || name === 'parallelshell') return args.filter((arg) => !arg.startsWith('-')).length >= 2 ? { kind: 'manager', name } : { kind: 'program', name };
  if (name === 'run-p' || (name === 'npm-run-all' && args.some((arg) => arg === '-p' || arg === '--parallel' || arg === '-P'))) return { kind: 'manager', name };
  const pm2 = classifyPm2(name, args);
  if (pm2) return pm2;
  const service = classifyServiceCommand(name, word, args);
  if (service) return service;
  const daemon = classifyDaemon(name, args);
  if (daemon) return daemon;
  if (name === 'tail') return classifyTail(args);
  if (name === 'nc' || name === 'ncat' || name === 'netcat' || name === 'socat') {
    return name === 'socat' || args.some((arg) => arg === '--listen' || /^-[a-zA-Z]*l/.test(arg)) ? { kind: 'program', name } : { kind: 'step' };
  }
  if (IDLERS.has(name)) return { kind: 'idle' };
  if (STEPS.has(name)) return { kind: 'step' };
  if (name === 'npm' || name === 'yarn' || name === 'pnpm') {
    return ['install', 'i', 'ci', 'add', 'config', 'set', 'cache', 'prune', 'rebuild'].includes(args[0] ?? '') ? { kind: 'step' } : { kind: 'program', name: `${name} ${args[0] ?? ''}`.trim() };
  }
  // Interpreters are named with their script, so that `python worker.py` and `python app.py` tell apart.
  const script = INTERPRETERS.has(withoutVersion(name)) ? args.find((arg) => !arg.startsWith('-')) : undefined;
  return { kind: 'program', name: script ? `${name} ${script}` : name };
}

/**
 * `python3.12` without its version. Read from the end, not with name.replace(/[\d.]+$/, ''): at each digit of a long
 * run that something else follows, the expression read the run to its end again (4 s for a name of 50,000 digits).
 */
function withoutVersion(name: string): string {
  let end = name.length;
  for (let code = name.charCodeAt(end - 1); end > 0 && (code === 46 || (code >= 48 && code <= 57)); code = name.charCodeAt(end - 1)) end -= 1;
  return name.slice(0, end);
}

const INTERPRETERS = new Set(['python', 'node', 'ruby', 'perl', 'php', 'deno', 'bun', 'bash', 'sh']);

const ECOSYSTEM_FILE = /(^|\/)(ecosystem|process|processes|pm2)[^/]*\.(c?js|mjs|json|ya?ml|config\.js)$/;

/** pm2-runtime / pm2 start: a manager when given an ecosystem file or several apps; one app is one program. */
function classifyPm2(name: string, args: readonly string[]): CommandKind | undefined {
  if (name !== 'pm2' && name !== 'pm2-runtime' && name !== 'pm2-docker') return undefined;
  const rest = name === 'pm2' ? args.slice(1) : args[0] === 'start' ? args.slice(1) : args;
  const subcommand = name === 'pm2' ? args[0] : 'start';
  if (subcommand !== 'start' && subcommand !== 'startOrReload' && subcommand !== 'startOrRestart') {
    return subcommand === 'logs' || subcommand === 'monit' ? { kind: 'idle' } : { kind: 'step' };
  }
  const apps = [];
  for (let index = 0; index < rest.length; index += 1) {
    const arg = rest[index]!;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && /^(-n|--name|-i|--instances|--env|-o|-e|--output|--error|--log|--cwd|--interpreter|--node-args|--max-memory-restart|--only)$/.test(arg)) index += 1;
    } else apps.push(arg);
  }
  if (apps.some((app) => ECOSYSTEM_FILE.test(app)) || apps.length >= 2) return { kind: 'manager', name: `${name} ${apps.join(' ')}`.trim() };
  if (name === 'pm2') return { kind: 'daemon', name: `pm2 app ${apps[0] ?? ''}`.trim() };
  return { kind: 'program', name };
}

/** `service x start`, `/etc/init.d/x start`, `rc-service x start`, `systemctl start x`, `pg_ctl start`. */
function classifyServiceCommand(name: string, word: string, args: readonly string[]): CommandKind | undefined {
  let service: string | undefined;
  let action: string | undefined;
  if (name === 'service' || name === 'rc-service' || name === 'invoke-rc.d') [service, action] = args.filter((arg) => !arg.startsWith('-'));
  else if (name === 'systemctl') [action, service] = args.filter((arg) => !arg.startsWith('-'));
  else if (word.includes('/init.d/')) [service, action] = [name, args[0]];
  else if (name === 'pg_ctl' || name === 'pg_ctlcluster') [service, action] = ['postgres', args.find((arg) => /^(start|restart|stop)$/.test(arg))];
  else if (name === 'mysql.server') [service, action] = ['mysql', args[0]];
  else if (name === 'apachectl' || name === 'apache2ctl' || name === 'httpd' || name === 'apache2') {
    const kAction = args[args.indexOf('-k') + 1];
    action = args.includes('-k') ? kAction : name.endsWith('ctl') ? args.find((arg) => /^(start|restart|stop|graceful)$/.test(arg)) : undefined;
    if (action === undefined) {
      if (args.some((arg) => /^-D\s*FOREGROUND$/.test(arg)) || args.some((arg, index) => arg === '-D' && args[index + 1] === 'FOREGROUND')) return { kind: 'program', name };
      if (name.endsWith('ctl')) return { kind: 'step' };
      action = args.some((arg) => /^-[tvVhlLMS]$/.test(arg)) ? 'check' : 'start';
    }
    service = 'httpd';
  } else return undefined;
  if (service === undefined || action === undefined) return { kind: 'step' };
  if (/^(start|restart|reload|force-reload|graceful)$/.test(action)) return { kind: 'daemon', name: service };
  if (/^(stop|graceful-stop)$/.test(action)) return { kind: 'stop', name: service };
  return { kind: 'step' };
}

/** Servers that fork into the background unless told otherwise, and the flags that keep them in front. */
function classifyDaemon(name: string, args: readonly string[]): CommandKind | undefined {
  const has = (...flags: string[]) => args.some((arg) => flags.includes(arg));
  if (name === 'nginx' || name === 'openresty') {
    if (has('-s', '-t', '-T', '-v', '-V', '-h', '-?')) return { kind: 'step' };
    const global = args[args.indexOf('-g') + 1];
    return args.includes('-g') && global !== undefined && /daemon\s+off/.test(global) ? { kind: 'program', name } : { kind: 'daemon', name };
  }
  if (/^php(-fpm[\d.]*|[\d.]*-fpm)$/.test(name)) return has('-D', '--daemonize') ? { kind: 'daemon', name } : has('-t', '-v', '-i', '-m') ? { kind: 'step' } : { kind: 'program', name };
  if (name === 'sshd') return has('-D', '-d', '-e') && !has('-t', '-T') ? { kind: 'program', name } : has('-t', '-T') ? { kind: 'step' } : { kind: 'daemon', name };
  if (name === 'crond' || name === 'cron') return has('-f', '-n') ? { kind: 'program', name } : { kind: 'daemon', name };
  if (name === 'rsyslogd' || name === 'syslogd') return has('-n') ? { kind: 'program', name } : { kind: 'daemon', name };
  if (name === 'redis-server') return args.some((arg, index) => arg === '--daemonize' && args[index + 1] === 'yes') ? { kind: 'daemon', name } : { kind: 'program', name };
  if (name === 'memcached' || name === 'haproxy') return has('-d', '-D') ? { kind: 'daemon', name } : { kind: 'program', name };
  if (name === 'mongod' || name === 'mongos') return has('--fork') ? { kind: 'daemon', name } : { kind: 'program', name };
  if (name === 'dbus-daemon') return has('--fork') ? { kind: 'daemon', name } : { kind: 'program', name };
  return undefined;
}

/** `tail -f /dev/null` idles; `tail -F app.log` streams a file and keeps running; plain `tail` is a step. */
function classifyTail(args: readonly string[]): CommandKind {
  const follows = args.some((arg) => /^-[a-zA-Z]*[fF]/.test(arg) || arg.startsWith('--follow'));
  if (!follows) return { kind: 'step' };
  const files = args.filter((arg) => !arg.startsWith('-') && !/^\+?\d+$/.test(arg));
  return files.length > 0 && files.every((file) => file === '/dev/null') ? { kind: 'idle' } : { kind: 'program', name: 'tail' };
}
