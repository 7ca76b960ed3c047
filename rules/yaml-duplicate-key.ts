import { createRule } from './rule-utils.js';

export default createRule({
  name: 'yaml-duplicate-key',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'The same key twice in one mapping; kubectl rejects the file.', recommended: true },
    messages: {
      duplicate: 'Key "{{key}}" appears twice in this mapping; kubectl rejects the file, and other tools silently keep only one value. Remove or merge one of them.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Document(doc) {
        for (const error of doc.errors) {
          if (error.code !== 'DUPLICATE_KEY') continue;
          const key = context.file.text.slice(error.offsets[0], error.offsets[1]);
          context.report({ offsets: error.offsets, messageId: 'duplicate', data: { key } });
        }
      },
    };
  },
});
