// Metadata the API server fills in, saved from `kubectl get -o yaml`: each key is reported on its own and
// each fix removes only that key, so that all of them can be applied in one pass (flow mappings included).
import { isPlainObject, removalRange } from '@podlint/core';
import { createRule } from './rule-utils.js';

/** The server-populated metadata fields and what goes wrong when a manifest keeps them. */
const SERVER_FIELDS: Readonly<Record<string, string>> = {
  uid: 'a recreated object gets a new one, and a stale uid makes updates fail their precondition',
  resourceVersion: 'once the object changes, a saved one makes `kubectl replace` fail with a conflict',
  creationTimestamp: 'the server records when it created the object',
  selfLink: 'the API no longer fills it in since Kubernetes 1.20',
  generation: 'the server counts changes to the spec in it',
  managedFields: 'the server records which manager owns which field in it',
};

export default createRule({
  name: 'no-server-fields',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'Server-populated metadata (uid, resourceVersion, creationTimestamp, selfLink, generation, managedFields) saved into a manifest.',
      recommended: true,
    },
    messages: {
      serverField:
        '`metadata.{{field}}` is filled in by the API server ({{reason}}); it was probably saved from `kubectl get -o yaml`. Remove it from the manifest.',
      dryRunTimestamp:
        '`metadata.creationTimestamp: null` is what `kubectl create --dry-run=client -o yaml` writes; the API server fills in the field itself. Remove it from the manifest.',
    },
    schema: [],
    fixable: 'code',
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const metadata = resource.metadata;
        if (!isPlainObject(metadata)) return;
        const present = Object.keys(SERVER_FIELDS).filter((field) => Object.hasOwn(metadata, field));
        for (const field of present) {
          const path = resource.at('metadata', field);
          // A generated manifest's empty timestamp: it comes from a dry run, not from a live object.
          const fromDryRun = field === 'creationTimestamp' && metadata[field] === null;
          context.report({
            path,
            at: 'key',
            messageId: fromDryRun ? 'dryRunTimestamp' : 'serverField',
            data: { field, reason: SERVER_FIELDS[field]! },
            fix: (fixer) => {
              const range = removalRange(resource.document, path, { alsoRemoved: present });
              return range ? fixer.removeRange(range) : null;
            },
          });
        }
      },
    };
  },
});
