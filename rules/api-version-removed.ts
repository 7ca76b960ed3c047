import { apiStatus } from '@podlint/core';
import { changesText, migrationOf, rewriteApiVersion } from './api-version-utils.js';
import { createRule } from './rule-utils.js';

export default createRule({
  name: 'api-version-removed',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'An apiVersion/kind that the target Kubernetes version no longer serves; the fix moves it to its replacement when the fields carry over.', recommended: true },
    messages: {
      sameFields: '{{apiVersion}} {{kind}} is not served since Kubernetes {{removed}} (target: {{target}}); use {{replacement}}, which takes the same fields.',
      unchecked: '{{apiVersion}} {{kind}} is not served since Kubernetes {{removed}} (target: {{target}}); use {{replacement}} (podlint has no schema of it to check that the fields carry over).',
      changes: '{{apiVersion}} {{kind}} is not served since Kubernetes {{removed}} (target: {{target}}); move to {{replacement}}, where {{changes}}.',
      noReplacement: '{{apiVersion}} {{kind}} is not served since Kubernetes {{removed}} (target: {{target}}), and {{note}}.',
    },
    schema: [],
    fixable: 'code',
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const status = apiStatus(resource.apiVersion, resource.kind, context.settings.kubernetesVersion);
        if (status.state !== 'removed') return;
        const { entry } = status;
        const data = { apiVersion: resource.apiVersion, kind: resource.kind, removed: entry.removed, target: context.settings.kubernetesVersion };
        const path = resource.typeFieldPath('apiVersion');
        const migration = migrationOf(resource, entry, context);
        if (!migration) {
          context.report({ path, messageId: 'noReplacement', data: { ...data, note: entry.note ?? 'nothing replaces it' } });
          return;
        }
        if (!migration.checked) {
          context.report({ path, messageId: 'unchecked', data: { ...data, replacement: migration.target } });
          return;
        }
        if (migration.sameFields) {
          const fix = rewriteApiVersion(resource, migration.target);
          context.report({ path, messageId: 'sameFields', data: { ...data, replacement: migration.target }, ...(fix ? { fix } : {}) });
          return;
        }
        context.report({ path, messageId: 'changes', data: { ...data, replacement: migration.target, changes: changesText(entry, migration) } });
      },
    };
  },
});
