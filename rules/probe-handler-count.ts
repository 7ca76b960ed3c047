import { validatesPodTemplate } from '@podlint/core';
import { containerProbes, presentHandlers, probesValidated } from './pod-validation-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

export default createRule({
  name: 'probe-handler-count',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A probe with none or several of exec, httpGet, tcpSocket and grpc.', recommended: true },
    messages: {
      none: 'The {{probe}} of {{container}} says nothing about how to check the container, so the API server rejects it ("must specify a handler type"). Add exactly one of exec, httpGet, tcpSocket or grpc.',
      several:
        'The {{probe}} of {{container}} sets {{handlers}}, but a probe runs exactly one check, so the API server rejects it ("may not specify more than 1 handler type"). Keep one of them.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion) || !probesValidated(container)) return;
        for (const probe of containerProbes(container)) {
          const handlers = presentHandlers(probe);
          if (handlers.length === 1) continue;
          const data = { probe: probe.field, container: describeContainer(container) };
          if (handlers.length === 0) context.report({ path: probe.path, at: 'key', messageId: 'none', data });
          else context.report({ path: probe.path, at: 'key', messageId: 'several', data: { ...data, handlers: joinAnd(handlers) } });
        }
      },
    };
  },
});

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
