// A `status` block saved into a manifest: the cluster writes it, so the fix removes it (key, value and the
// comment lines indented under it), leaving every other byte of the file as it was.
import { isPlainObject, removalRange } from '@podlint/core';
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'no-status-field',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A `status` block in a manifest: it is read-only and written by the cluster.', recommended: true },
    messages: {
      status:
        'This {{kind}} carries a `status` block, which the cluster writes and the API server ignores on create and apply; a saved copy only goes stale and misleads readers. Remove it from the manifest.',
      emptyStatus:
        'This {{kind}} has an empty `status: {}`, as `kubectl create --dry-run=client -o yaml` writes it; the cluster writes the status itself. Remove it from the manifest.',
    },
    schema: [],
    fixable: 'code',
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        if (!Object.hasOwn(resource.object, 'status')) return;
        const path = resource.at('status');
        const status = resource.object.status;
        const empty = isPlainObject(status) && Object.keys(status).length === 0;
        context.report({
          path,
          at: 'key',
          messageId: empty ? 'emptyStatus' : 'status',
          data: { kind: resource.kind },
          fix: (fixer) => {
            const range = removalRange(resource.document, path);
            return range ? fixer.removeRange(range) : null;
          },
        });
      },
    };
  },
});
