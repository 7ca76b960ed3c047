import { listItems, podTemplateChecked } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'volume-name-duplicate',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'Two volumes of one pod have the same name.', recommended: true },
    messages: {
      duplicate:
        'Volume "{{name}}" is declared twice in this pod (first as volume #{{first}}), so the API server rejects it (Duplicate value); mounts refer to volumes by name, so each needs its own. Rename or remove one.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const seen = new Map<string, number>();
        for (const { item, index, path } of listItems(podSpec.spec, 'volumes', podSpec.path)) {
          if (typeof item.name !== 'string' || item.name === '') continue;
          const first = seen.get(item.name);
          if (first === undefined) seen.set(item.name, index);
          else context.report({ path: [...path, 'name'], messageId: 'duplicate', data: { name: item.name, first: first + 1 } });
        }
      },
    };
  },
});
