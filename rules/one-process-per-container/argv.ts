// Where a container's command line keeps its shell script: `command: [sh, -c, script]`, `command: [sh, -c]`
// with the script in `args`, `args: [/bin/sh, -c, script]` when the image's entrypoint is left alone, and
// behind wrappers (`tini --`, `/usr/bin/env bash -ec`).
import { classifyCommand, shellCommandArgument } from './commands.js';

export interface CommandLine {
  /** The command as the kubelet runs it: `command` followed by `args`, or `args` alone. */
  words: string[];
  /** The YAML field and index of each word. */
  origins: { field: 'command' | 'args'; index: number }[];
}

export function commandLine(container: Record<string, unknown>): CommandLine | undefined {
  const command = Array.isArray(container.command) ? container.command : undefined;
  const args = Array.isArray(container.args) ? container.args : undefined;
  if (!command && !args) return undefined;
  const words: string[] = [];
  const origins: CommandLine['origins'] = [];
  const add = (field: 'command' | 'args', list: unknown[] | undefined) =>
    list?.forEach((word, index) => {
      words.push(typeof word === 'string' || typeof word === 'number' || typeof word === 'boolean' ? String(word) : '');
      origins.push({ field, index });
    });
  add('command', command);
  add('args', args);
  return { words, origins };
}

export type Located =
  | { kind: 'script'; script: string; wordIndex: number }
  | { kind: 'program'; wordIndex: number };

/** The shell script of a command line and which word holds it, or the program it runs directly. */
export function locateScript(line: CommandLine, hasCommand: boolean): Located | undefined {
  const { words } = line;
  // `args: ["-c", "..."]` with no command: the image's entrypoint is a shell waiting for its flags.
  if (!hasCommand && /^-[A-Za-z]*c[A-Za-z]*$/.test(words[0] ?? '')) {
    const script = shellCommandArgument(words);
    return script === undefined ? undefined : { kind: 'script', script, wordIndex: words.indexOf(script, 1) };
  }
  const classified = classifyCommand(words);
  if (!classified) return undefined;
  if (classified.command.kind === 'shell') {
    const wordIndex = words.indexOf(classified.command.script, classified.index + 1);
    return wordIndex === -1 ? undefined : { kind: 'script', script: classified.command.script, wordIndex };
  }
  return { kind: 'program', wordIndex: classified.index };
}
