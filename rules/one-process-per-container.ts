// A container that runs several long-running processes: shell scripts are read as `sh -c` would read them
// (rules/one-process-per-container/), and process managers are recognised by name.
import { runsAlongsideMain } from '@podlint/core';
import { commandLine, locateScript } from './one-process-per-container/argv.js';
import { analyzeProgram, analyzeScript, type ProcessFinding } from './one-process-per-container/processes.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

export default createRule({
  name: 'one-process-per-container',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'A container that starts several long-running processes (background jobs, daemons, a process manager) instead of one.',
      recommended: true,
    },
    messages: {
      concurrent:
        '{{container}} keeps several long-running processes running side by side ({{processes}}): their logs mix, and the kubelet watches only the container\'s main process, so another one can crash unnoticed. Give each its own container in the pod (they can share volumes and localhost) and `exec` the one that remains.',
      manager:
        '{{container}} runs the process manager {{processes}}, which starts several programs in one container: their logs mix, and the kubelet can neither probe nor restart them one by one. Run each program in its own container of the pod instead.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec) {
        // Init containers run one after another to completion; ephemeral containers are for debugging.
        if (!runsAlongsideMain(container)) return;
        const line = commandLine(container.container);
        if (!line) return;
        const located = locateScript(line, Array.isArray(container.container.command));
        if (!located) return;
        const finding: ProcessFinding | undefined =
          located.kind === 'script'
            ? analyzeScript(located.script, { runsToCompletion: podSpec.runsToCompletion })
            : analyzeProgram(line.words.slice(located.wordIndex));
        if (!finding) return;
        const origin = line.origins[located.wordIndex];
        if (!origin) return;
        context.report({
          path: [...container.path, origin.field, origin.index],
          messageId: finding.kind,
          data: { container: capitalize(describeContainer(container)), processes: formatProcesses(finding) },
        });
      },
    };
  },
});

function formatProcesses(finding: ProcessFinding): string {
  if (finding.kind === 'manager') return `"${finding.processes[0]}"`;
  return finding.processes.map((process) => (process.startsWith('a ') ? process : `"${process}"`)).join(', ');
}
