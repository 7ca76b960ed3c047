import { listItems, podTemplateChecked } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

export default createRule({
  name: 'mount-path-duplicate',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'One container mounts two volumes at the same mountPath.', recommended: true },
    messages: {
      duplicate:
        '{{container}} mounts "{{name}}" at {{mountPath}}, where it already mounts "{{other}}"; only one volume can sit at a path, so the API server rejects it (must be unique). Use another mountPath, or subPath mounts at distinct paths.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        for (const container of podSpec.containers) {
          // The server compares the paths as written, so /data and /data/ are two paths to it.
          const seen = new Map<string, string>();
          for (const { item, path } of listItems(container.container, 'volumeMounts', container.path)) {
            if (typeof item.mountPath !== 'string' || item.mountPath === '') continue;
            const name = typeof item.name === 'string' ? item.name : '(unnamed)';
            const other = seen.get(item.mountPath);
            if (other === undefined) {
              seen.set(item.mountPath, name);
              continue;
            }
            context.report({
              path: [...path, 'mountPath'],
              messageId: 'duplicate',
              data: { container: capitalize(describeContainer(container)), name, other, mountPath: item.mountPath },
            });
          }
        }
      },
    };
  },
});
