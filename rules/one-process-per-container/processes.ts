// Decides whether a container's command starts several long-running processes. The script is walked in the
// order it runs, keeping the set of processes still alive: background jobs (`a &`) that run a program or a
// working loop, and daemons started by `service x start`, `nginx`, `php-fpm -D`... A finding is made when two
// of them are alive at once, when `wait` waits for two or more, when the script's final long-running command
// (or `exec`) runs beside one of them, or when a process manager starts.
//
// Decisions, documented on the rule's page:
// - `a & wait` (and `trap ... TERM; a & wait $!`) is one process with the shell as a signal-forwarding parent.
// - Steps that run one after another (`a && b && exec c`) never overlap; only the last one runs for good.
// - A background helper the script kills later (`proxy & migrate; kill $!`) serves the step before the kill.
// - In Jobs and CronJobs the final command is a task that ends, so only background work beside it counts.
// - Idlers (`sleep`, `tail -f /dev/null`, `while true; do sleep 1; done`) are not processes of their own.
import { classifyCommand, type CommandKind } from './commands.js';
import { parseShell, type Command, type Statement } from './shell.js';

export interface ProcessFinding {
  kind: 'manager' | 'concurrent';
  /** The manager (for 'manager') or the processes that run side by side (for 'concurrent'). */
  processes: string[];
}

export interface AnalysisOptions {
  /** The pod runs to completion (a Job's): its final command is a task, not a long-running process. */
  runsToCompletion: boolean;
}

interface Live {
  label: string;
  kind: 'job' | 'daemon';
}

const MAX_DEPTH = 8;

/**
 * Commands the walk visits before it stops following calls into functions, beyond one per character of the
 * script. Each call walks its function's body again, so functions that call others several times over cost the
 * product of their sizes: `f() { f; f; ... }` of 249 characters took 35 s. A script a person writes stays far
 * below it.
 */
const VISITS_BEYOND_SCRIPT_LENGTH = 10_000;

class ScriptWalker {
  private readonly functions = new Map<string, Command>();
  /** The functions whose bodies the walk is inside: a call to one of them again is recursion, not followed. */
  private readonly calling = new Set<string>();
  private visitsLeft: number;
  finding: ProcessFinding | undefined;

  constructor(
    private readonly options: AnalysisOptions,
    scriptLength: number,
  ) {
    this.visitsLeft = VISITS_BEYOND_SCRIPT_LENGTH + scriptLength;
  }

  /**
   * Runs `visit` on the body of the function a command calls, when there is one to follow; a call that is not
   * followed (recursion, or the visits are spent) counts as doing nothing.
   */
  private followCall<T>(name: string | undefined, visit: (body: Command) => T, skipped: T): T | undefined {
    if (name === undefined) return undefined;
    const body = this.functions.get(name);
    if (body === undefined) return undefined;
    if (this.calling.has(name) || this.visitsLeft <= 0) return skipped;
    this.calling.add(name);
    try {
      return visit(body);
    } finally {
      this.calling.delete(name);
    }
  }

  /** Walks a list of statements; `tail` marks the list whose last long-running command is the script's final one. */
  walkList(list: readonly Statement[], live: Live[], tail: boolean, depth: number, inLoop: boolean): 'continue' | 'ended' {
    if (depth > MAX_DEPTH) return 'continue';
    // Functions can be called before the walk reaches their definition's position in a later statement.
    for (const statement of list) {
      const only = statement.pipelines.length === 1 && statement.pipelines[0]!.commands.length === 1 ? statement.pipelines[0]!.commands[0]! : undefined;
      if (only?.type === 'function') this.functions.set(only.name, only.body);
    }
    const finalIndex = tail ? lastIndex(list, (statement) => !statement.background && this.runsProgram(statement, depth, false)) : -1;
    // Whether a later statement kills processes, for each statement: worked out once, from the end (asked of every
    // later statement for each, a script of thousands of lines took minutes).
    const killedLater = new Array<boolean>(list.length);
    for (let index = list.length - 1, later = false; index >= 0; index -= 1) {
      killedLater[index] = later;
      later ||= this.kills(list[index]!, depth);
    }
    for (const [index, statement] of list.entries()) {
      if (this.finding) return 'ended';
      if (statement.background) {
        const label = this.backgroundLabel(statement, depth);
        if (label === undefined) continue;
        live.push({ label, kind: 'job' });
        if (inLoop) live.push({ label, kind: 'job' });
        this.checkAlive(live);
        continue;
      }
      const isFinal = index === finalIndex;
      const helpersKilledLater = killedLater[index]!;
      for (const pipeline of statement.pipelines) {
        const commands = pipeline.commands;
        if (commands.length > 1) {
          if (isFinal && commands.some((command) => this.commandRunsProgram(command, depth, false))) {
            this.checkFinal(live, this.labelOf(commands, depth) ?? 'a pipeline', helpersKilledLater);
          }
          for (const command of commands) if (command.type !== 'simple') this.walkCommand(command, [...live], false, depth, inLoop, false);
          continue;
        }
        const outcome = this.walkCommand(commands[0]!, live, isFinal, depth, inLoop, helpersKilledLater);
        if (outcome === 'ended') return 'ended';
      }
    }
    return 'continue';
  }

  private walkCommand(command: Command, live: Live[], isFinal: boolean, depth: number, inLoop: boolean, helpersKilledLater: boolean): 'continue' | 'ended' {
    this.visitsLeft -= 1;
    switch (command.type) {
      case 'simple':
        return this.walkSimple(command.words.map((word) => word.value), live, isFinal, depth, inLoop, helpersKilledLater);
      case 'subshell':
        this.walkList(command.body, live, isFinal, depth + 1, inLoop);
        return 'continue';
      case 'group':
        return this.walkList(command.body, live, isFinal, depth + 1, inLoop);
      case 'if':
      case 'case': {
        const branches =
          command.type === 'if'
            ? [...command.branches.map((branch) => [...branch.condition, ...branch.body]), command.otherwise ?? []]
            : [...command.arms, []];
        let widest = live;
        for (const branch of branches) {
          const copy = [...live];
          this.walkList(branch, copy, isFinal, depth + 1, inLoop);
          if (copy.length > widest.length) widest = copy;
        }
        live.splice(0, live.length, ...widest);
        return 'continue';
      }
      case 'while':
      case 'until':
      case 'for': {
        const infinite = command.type === 'for' ? command.infinite : isInfiniteCondition(command.type, command.condition);
        if (command.type !== 'for') this.walkList(command.condition, live, false, depth + 1, inLoop);
        this.walkList(command.body, live, isFinal && infinite, depth + 1, true);
        return 'continue';
      }
      case 'function':
        this.functions.set(command.name, command.body);
        return 'continue';
      case 'test':
        return 'continue';
    }
  }

  private walkSimple(words: string[], live: Live[], isFinal: boolean, depth: number, inLoop: boolean, helpersKilledLater: boolean): 'continue' | 'ended' {
    const called = this.followCall(words[0], (body) => this.walkCommand(body, live, isFinal, depth + 1, inLoop, helpersKilledLater), 'continue');
    if (called !== undefined) return called;
    const classified = classifyCommand(words);
    if (!classified) return 'continue';
    const kind: CommandKind = classified.command;
    switch (kind.kind) {
      case 'manager':
        this.finding ??= { kind: 'manager', processes: [kind.name] };
        return 'ended';
      case 'daemon':
        live.push({ label: kind.name, kind: 'daemon' });
        this.checkAlive(live);
        break;
      case 'stop':
        removeWhere(live, (entry) => entry.kind === 'daemon' && entry.label === kind.name);
        break;
      case 'kill':
        removeWhere(live, (entry) => (kind.names.length === 0 ? entry.kind === 'job' : kind.names.some((name) => entry.label === name)));
        break;
      case 'wait':
        if (live.length >= 2) this.finding ??= { kind: 'concurrent', processes: live.map((entry) => entry.label) };
        break;
      case 'shell': {
        const nested = depth < MAX_DEPTH ? parseShell(kind.script) : undefined;
        if (nested) return this.walkList(nested, live, isFinal || classified.exec, depth + 1, inLoop) === 'ended' || classified.exec ? 'ended' : 'continue';
        if (isFinal || classified.exec) this.checkFinal(live, 'a shell script', helpersKilledLater);
        break;
      }
      case 'program':
        if (isFinal || classified.exec) this.checkFinal(live, kind.name, helpersKilledLater);
        break;
      case 'exit':
        return 'ended';
      case 'step':
      case 'idle':
        break;
    }
    return classified.exec ? 'ended' : 'continue';
  }

  /** The script's final long-running command runs beside whatever is still alive. */
  private checkFinal(live: readonly Live[], label: string, helpersKilledLater: boolean): void {
    if (this.options.runsToCompletion) return;
    const beside = live.filter((entry) => !(helpersKilledLater && entry.kind === 'job'));
    if (beside.length >= 1) this.finding ??= { kind: 'concurrent', processes: [...beside.map((entry) => entry.label), label] };
  }

  private checkAlive(live: readonly Live[]): void {
    if (live.length >= 2) this.finding ??= { kind: 'concurrent', processes: live.map((entry) => entry.label) };
  }

  /** What a background statement runs for long, if anything: a program, or a loop that keeps doing work. */
  private backgroundLabel(statement: Statement, depth: number): string | undefined {
    for (const pipeline of statement.pipelines) {
      for (const command of pipeline.commands) {
        if (this.commandRunsProgram(command, depth, true)) return this.labelOf([command], depth) ?? 'a background loop';
      }
    }
    return undefined;
  }

  private labelOf(commands: readonly Command[], depth: number): string | undefined {
    for (const command of commands) {
      if (command.type === 'simple') {
        const classified = classifyCommand(command.words.map((word) => word.value));
        if (classified?.command.kind === 'program' || classified?.command.kind === 'daemon') return classified.command.name;
        if (classified?.command.kind === 'shell') {
          const nested = depth < MAX_DEPTH ? parseShell(classified.command.script) : undefined;
          const label = nested && this.labelOf(nested.flatMap((statement) => statement.pipelines.flatMap((pipeline) => pipeline.commands)), depth + 1);
          if (label) return label;
        }
      } else if (command.type === 'subshell' || command.type === 'group') {
        const label = this.labelOf(command.body.flatMap((statement) => statement.pipelines.flatMap((pipeline) => pipeline.commands)), depth + 1);
        if (label) return label;
      } else if (command.type === 'while' || command.type === 'until' || command.type === 'for') {
        const label = this.labelOf(command.body.flatMap((statement) => statement.pipelines.flatMap((pipeline) => pipeline.commands)), depth + 1);
        return label ? `a loop running ${label}` : 'a background loop';
      }
    }
    return undefined;
  }

  /** True when running the statement in front starts a long-running program (not a step, daemon or idler). */
  private runsProgram(statement: Statement, depth: number, background: boolean): boolean {
    return statement.pipelines.some((pipeline) => pipeline.commands.some((command) => this.commandRunsProgram(command, depth, background)));
  }

  private commandRunsProgram(command: Command, depth: number, background: boolean): boolean {
    if (depth > MAX_DEPTH) return false;
    this.visitsLeft -= 1;
    const anyIn = (list: readonly Statement[]) => list.some((statement) => this.runsProgram(statement, depth + 1, background));
    switch (command.type) {
      case 'simple': {
        const words = command.words.map((word) => word.value);
        const called = this.followCall(words[0], (body) => this.commandRunsProgram(body, depth + 1, background), false);
        if (called !== undefined) return called;
        const classified = classifyCommand(words);
        if (!classified) return false;
        if (classified.command.kind === 'shell') {
          const nested = parseShell(classified.command.script);
          return nested ? anyIn(nested) : true;
        }
        // Sent to the background, a daemon starter (`php-fpm -D &`) still leaves a process behind.
        return classified.command.kind === 'program' || classified.command.kind === 'manager' || (background && classified.command.kind === 'daemon');
      }
      case 'subshell':
      case 'group':
        return anyIn(command.body);
      case 'if':
        return command.branches.some((branch) => anyIn(branch.body)) || (command.otherwise !== undefined && anyIn(command.otherwise));
      case 'case':
        return command.arms.some(anyIn);
      case 'while':
      case 'until':
      case 'for': {
        const infinite = command.type === 'for' ? command.infinite : isInfiniteCondition(command.type, command.condition);
        // In the background, a loop that never ends and does any work is a process of its own.
        if (background && infinite) return command.body.some((statement) => this.doesWork(statement, depth + 1));
        return anyIn(command.body);
      }
      case 'function':
      case 'test':
        return false;
    }
  }

  /** True when the statement runs anything but idlers. */
  private doesWork(statement: Statement, depth: number): boolean {
    return statement.pipelines.some((pipeline) =>
      pipeline.commands.some((command) => {
        if (command.type !== 'simple') return this.commandRunsProgram(command, depth, true) || command.type === 'if' || command.type === 'case';
        const kind = classifyCommand(command.words.map((word) => word.value))?.command.kind;
        return kind !== undefined && kind !== 'idle' && kind !== 'wait' && kind !== 'exit';
      }),
    );
  }

  private kills(statement: Statement, depth: number): boolean {
    return statement.pipelines.some((pipeline) =>
      pipeline.commands.some((command) => {
        if (command.type === 'simple') return classifyCommand(command.words.map((word) => word.value))?.command.kind === 'kill';
        if (command.type === 'group' || command.type === 'subshell') return command.body.some((inner) => this.kills(inner, depth + 1));
        if (command.type === 'if') return command.branches.some((branch) => branch.body.some((inner) => this.kills(inner, depth + 1)));
        return false;
      }),
    );
  }
}

/** `while true`, `while :`, `while [ 1 ]`, `until false`: loops that never end by their condition. */
function isInfiniteCondition(type: 'while' | 'until', condition: readonly Statement[]): boolean {
  if (condition.length !== 1) return false;
  const pipeline = condition[0]!.pipelines;
  if (pipeline.length !== 1 || pipeline[0]!.commands.length !== 1) return false;
  const command = pipeline[0]!.commands[0]!;
  if (command.type !== 'simple') return false;
  const words = command.words.map((word) => word.value).join(' ');
  if (type === 'until') return words === 'false';
  return words === 'true' || words === ':' || /^(\[|test) 1( \])?$/.test(words) || words === '/bin/true';
}

function lastIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let index = items.length - 1; index >= 0; index -= 1) if (predicate(items[index]!)) return index;
  return -1;
}

function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let index = items.length - 1; index >= 0; index -= 1) if (predicate(items[index]!)) items.splice(index, 1);
}

/** Analyses a shell script; undefined when it runs one long-running process (or cannot be read). */
export function analyzeScript(script: string, options: AnalysisOptions): ProcessFinding | undefined {
  const list = parseShell(script);
  if (!list) return undefined;
  const walker = new ScriptWalker(options, script.length);
  walker.walkList(list, [], true, 0, false);
  return walker.finding;
}

/** Analyses a command that is not a shell script (an argv run directly): only a process manager shows there. */
export function analyzeProgram(words: readonly string[]): ProcessFinding | undefined {
  const classified = classifyCommand(words);
  if (classified?.command.kind !== 'manager') return undefined;
  return { kind: 'manager', processes: [classified.command.name] };
}
