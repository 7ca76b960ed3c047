import { containerPorts, isValidPortName, validatesPodTemplate } from '@podlint/core';
import { createRule, describeContainer } from './rule-utils.js';

export default createRule({
  name: 'port-name-duplicate',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'Two ports of one container share a name.', recommended: true },
    messages: {
      duplicate:
        'Port name "{{name}}" is already used by ports[{{first}}] of {{container}}; the API server rejects the second one ("Duplicate value"), since Services and probes find a port by its name. Give each port its own name.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        // Names are unique per container only: two containers may both call a port "http" (reference D2).
        const seen = new Map<string, number>();
        for (const port of containerPorts(container)) {
          // The server only counts names it accepts; name-invalid reports the others.
          if (port.name === undefined || port.name === '' || isValidPortName(port.name).length > 0) continue;
          const first = seen.get(port.name);
          if (first === undefined) {
            seen.set(port.name, port.index);
            continue;
          }
          context.report({ path: [...port.path, 'name'], messageId: 'duplicate', data: { name: port.name, first, container: describeContainer(container) } });
        }
      },
    };
  },
});
