import { apiStatus } from '@podlint/core';
import { changesText, migrationOf, rewriteApiVersion } from './api-version-utils.js';
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'api-version-deprecated',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'An apiVersion/kind that the target Kubernetes version still serves but has deprecated, with the release that removes it.', recommended: true },
    messages: {
      sameFields: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}} and stops being served in {{removed}}; use {{replacement}}, which takes the same fields.',
      unchecked: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}} and stops being served in {{removed}}; use {{replacement}} (podlint has no schema of it to check that the fields carry over).',
      changes: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}} and stops being served in {{removed}}; move to {{replacement}}, where {{changes}}.',
      noReplacement: '{{apiVersion}} {{kind}} is deprecated since Kubernetes {{deprecated}} and stops being served in {{removed}}; {{note}}.',
      useReplacement: 'Change the apiVersion to {{replacement}}.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const status = apiStatus(resource.apiVersion, resource.kind, context.settings.kubernetesVersion);
        if (status.state !== 'deprecated') return;
        const { entry } = status;
        const data = { apiVersion: resource.apiVersion, kind: resource.kind, deprecated: entry.deprecated ?? '?', removed: entry.removed };
        const path = resource.typeFieldPath('apiVersion');
        const migration = migrationOf(resource, entry, context);
        if (!migration) {
          context.report({ path, messageId: 'noReplacement', data: { ...data, note: entry.note ?? 'plan to stop using it' } });
          return;
        }
        if (!migration.checked) {
          context.report({ path, messageId: 'unchecked', data: { ...data, replacement: migration.target } });
          return;
        }
        if (migration.sameFields) {
          const fix = rewriteApiVersion(resource, migration.target);
          context.report({
            path,
            messageId: 'sameFields',
            data: { ...data, replacement: migration.target },
            ...(fix ? { suggest: [{ messageId: 'useReplacement', data: { replacement: migration.target }, fix }] } : {}),
          });
          return;
        }
        context.report({ path, messageId: 'changes', data: { ...data, replacement: migration.target, changes: changesText(entry, migration) } });
      },
    };
  },
});
