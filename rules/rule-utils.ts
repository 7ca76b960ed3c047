// The RuleCreator every built-in rule uses, and small helpers several rules share.
import { RuleCreator, shortenForMessage, type ContainerRef } from '@podlint/core';

/** Rule docs live in the repository's docs/rules/<id>.md. */
export const RULE_DOCS_BASE = 'https://github.com/podlint/podlint/blob/main/docs/rules/';

export const createRule = RuleCreator((name) => `${RULE_DOCS_BASE}${name}.md`);

/** How a message names a container: `container "web"`, `native sidecar "proxy"`, `init container "setup"`. */
export function describeContainer(container: ContainerRef): string {
  const name = container.name === undefined ? `#${container.index + 1}` : shortenForMessage(container.name);
  switch (container.role) {
    case 'main':
      return `container "${name}"`;
    case 'sidecar':
      return `native sidecar "${name}"`;
    case 'init':
      return `init container "${name}"`;
    case 'ephemeral':
      return `ephemeral container "${name}"`;
  }
}

/** The text with its first letter upper-cased, for a description at the start of a sentence. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How many items a message lists before it says "and N more". */
export const LISTED_IN_MESSAGES = 5;

/**
 * Items for a message, comma-separated: the first few and how many more, so that a message stays readable and
 * its size does not grow with the run (thousands of Services that select the same thousands of workloads).
 */
export function listForMessage(items: readonly string[], limit = LISTED_IN_MESSAGES): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
}
