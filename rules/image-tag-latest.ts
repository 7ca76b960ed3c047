import { parseImageReference } from '@podlint/core';
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'image-tag-latest',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'An image with no tag or the `:latest` tag (a digest is fine).', recommended: true },
    messages: {
      noTag:
        'Image "{{image}}" has no tag, so it means :latest: the image can change under a running workload, and pods of one workload may run different versions. Pin a version tag or a digest.',
      latest:
        'Image "{{image}}" uses the :latest tag: the image can change under a running workload, and pods of one workload may run different versions. Pin a version tag or a digest.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container) {
        const image = container.container.image;
        if (typeof image !== 'string' || image.trim() === '') return;
        const reference = parseImageReference(image.trim());
        if (reference.digest !== undefined) return;
        if (reference.tag === undefined) {
          context.report({ path: [...container.path, 'image'], messageId: 'noTag', data: { image } });
        } else if (reference.tag === 'latest') {
          context.report({ path: [...container.path, 'image'], messageId: 'latest', data: { image } });
        }
      },
    };
  },
});
