import { listItems } from './api-validation-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

export default createRule({
  name: 'env-name-duplicate',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: 'The same environment variable is defined twice in one container, and the later definition hides the earlier one.', recommended: true },
    messages: {
      duplicate:
        'Environment variable "{{name}}" is defined again in {{container}} (first as env #{{first}}): the later definition wins, and because kubectl apply merges env by name, one of them may be dropped on the next apply. Keep one definition.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container) {
        const seen = new Map<string, number>();
        for (const { item, index, path } of listItems(container.container, 'env', container.path)) {
          if (typeof item.name !== 'string') continue;
          const first = seen.get(item.name);
          if (first === undefined) {
            seen.set(item.name, index);
            continue;
          }
          if (refinesEarlier(item, item.name)) continue;
          context.report({ path: [...path, 'name'], messageId: 'duplicate', data: { name: item.name, container: describeContainer(container), first: first + 1 } });
        }
      },
    };
  },
});

/**
 * The server's exception (pkg/api/pod/warnings.go): a later literal value that builds on the earlier one through
 * `$(NAME)`, such as PATH=$(PATH):/opt/bin, is deliberate. Only `$(NAME)` alone, or a valueFrom, hides it.
 */
function refinesEarlier(item: Record<string, unknown>, name: string): boolean {
  if (item.valueFrom !== undefined && item.valueFrom !== null) return false;
  const value = typeof item.value === 'string' ? item.value : '';
  const reference = `$(${name})`;
  return value !== reference && value.includes(reference);
}
