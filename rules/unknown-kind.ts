import { apiStatus, builtinApiVersionsOf, builtinKindNames, builtinKindsOf, didYouMean } from '@podlint/core';
import { createRule } from './rule-utils.js';
import { schemaProblems } from './schema-utils.js';

export default createRule({
  name: 'unknown-kind',
  meta: {
    type: 'suggestion',
    severity: 'info',
    docs: { description: 'No schema describes this apiVersion/kind (a custom resource without its CRD), so its fields are not checked.', recommended: true },
    messages: {
      typoInBuiltinGroup: '{{apiVersion}} has no kind "{{kind}}"; did you mean "{{suggestion}}"? The API server rejects a kind it does not serve.',
      otherVersion: 'podlint has no schema for {{kind}} in {{apiVersion}} (it knows {{known}}), so this object\'s fields are not checked; the other rules still apply.',
      notInBuiltinGroup: '{{apiVersion}} has no kind "{{kind}}"; its kinds are {{kinds}}. The API server rejects a kind it does not serve.',
      customResource: 'No schema for {{kind}} ({{apiVersion}}), so its fields are not checked; for a custom resource, add its CustomResourceDefinition to the linted files or to "schemas:" in .podlint.yaml. The other rules still apply.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Resource(resource) {
        const { apiVersion, kind } = resource;
        if (apiVersion === '' || kind === '' || schemaProblems(resource, context).schema) return;
        // A removed or deprecated version is the lifecycle rules' to explain.
        if (apiStatus(apiVersion, kind, context.settings.kubernetesVersion).state !== 'served') return;
        const versions = builtinApiVersionsOf(kind);
        const served = versions.filter((version) => apiStatus(version, kind, context.settings.kubernetesVersion).state === 'served');
        const known = served.length > 0 ? served : versions;
        if (known.length > 0) {
          context.report({ path: resource.typeFieldPath('apiVersion'), messageId: 'otherVersion', data: { apiVersion, kind, known: known.join(', ') } });
          return;
        }
        const groupKinds = builtinKindsOf(apiVersion);
        const suggestion = groupKinds.length > 0 ? (didYouMean(kind, groupKinds) ?? didYouMean(kind, builtinKindNames())) : undefined;
        if (suggestion) {
          context.report({ path: resource.typeFieldPath('kind'), messageId: 'typoInBuiltinGroup', data: { apiVersion, kind, suggestion } });
          return;
        }
        if (groupKinds.length > 0) {
          const kinds = groupKinds.filter((name) => !name.endsWith('List')).sort().join(', ');
          context.report({ path: resource.typeFieldPath('kind'), messageId: 'notInBuiltinGroup', data: { apiVersion, kind, kinds } });
          return;
        }
        context.report({ path: resource.typeFieldPath('kind'), messageId: 'customResource', data: { apiVersion, kind } });
      },
    };
  },
});
