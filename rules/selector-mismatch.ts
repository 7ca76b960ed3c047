import { isPlainObject, labelMap, parseLabelSelector, workloadSelector, type LabelRequirement } from '@podlint/core';
import { createRule } from './rule-utils.js';
import { describeUnmet, unmetByGeneratedLabels } from './selector-mismatch/requirements.js';

export default createRule({
  name: 'selector-mismatch',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: "A workload's selector does not select its own pod template's labels, or is a selector the API server rejects.", recommended: true },
    messages: {
      mismatch:
        "The selector of this {{kind}} does not select its own pod template: {{problems}}. The API server rejects it (`selector` does not match template `labels`); make the template's labels and the selector agree.",
      noSelector:
        'This {{kind}} has no spec.selector, and a missing selector selects no pods, so it cannot own the pods of its template and the API server rejects it. Add spec.selector.matchLabels with the labels of the template ({{labels}}).',
      noLabels:
        'This ReplicationController has neither a selector nor template labels, so the API server cannot default one from the other and rejects it. Give the pod template labels (the selector defaults to them).',
      emptySelector:
        'An empty selector is invalid for a {{kind}}: it would claim every pod of the namespace. Select the template\'s labels with matchLabels ({{labels}}).',
      invalidOperator: '"{{operator}}" is not a selector operator, so the API server rejects the selector. Use In, NotIn, Exists or DoesNotExist (case matters).',
      valuesRequired: 'Operator {{operator}} needs at least one entry in values; the API server rejects the selector without them.',
      valuesForbidden: 'Operator {{operator}} takes no values; the API server rejects the selector while values is set. Remove values.',
      notGenerated:
        'This Job sets spec.selector without manualSelector: true, so the server generates the selector itself and rejects one that its generated labels (job-name, controller-uid) do not satisfy: {{problems}}. Remove spec.selector, or set manualSelector: true and keep the selector matching the template.',
      cronJobSelector: 'A CronJob may not set a selector in its job template: the server generates one for every Job it creates. Remove it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        const selector = workloadSelector(resource);
        if (!selector) return;
        const present = selector.value !== undefined && selector.value !== null;
        if (selector.mode === 'forbidden') {
          if (present) context.report({ path: selector.path, at: 'key', messageId: 'cronJobSelector' });
          return;
        }
        const templateLabels = labelMap(podSpec.metadata?.labels);
        const labelsPath = [...podSpec.metadataPath, 'labels'];
        const labelsText = templateLabels.size > 0 ? [...templateLabels].map(([key, value]) => `${key}: ${value}`).join(', ') : 'give the template labels first';
        const kind = resource.kind;
        let requirements: LabelRequirement[];
        if (selector.form === 'labelMap') {
          const map = labelMap(selector.value);
          if (map.size === 0) {
            // The server copies the template's labels into an empty selector; with none, both stay empty.
            if (templateLabels.size === 0) context.report({ path: labelsPath, at: 'key', messageId: 'noLabels' });
            return;
          }
          requirements = [...map].map(([key, value]) => ({ key, operator: 'Equals', values: [value], path: [...selector.path, key] }));
        } else {
          if (!present) {
            // Old API versions copy the template's labels into a missing selector, but only when there are some.
            if (selector.mode === 'matchTemplate' && (!selector.defaultsFromTemplate || templateLabels.size === 0)) {
              context.report({ path: labelsPath, at: 'key', messageId: 'noSelector', data: { kind, labels: labelsText } });
            }
            return;
          }
          if (!isPlainObject(selector.value)) return;
          const parsed = parseLabelSelector(selector.value, selector.path);
          for (const problem of parsed.problems) {
            const messageId = problem.problem === 'unknownOperator' ? 'invalidOperator' : problem.problem;
            context.report({ path: [...problem.path, 'operator'], messageId, data: { operator: problem.operator || '(empty)' } });
          }
          if (parsed.problems.length > 0) return;
          requirements = parsed.requirements;
          if (requirements.length === 0 && selector.rejectsEmpty) {
            context.report({ path: selector.path, at: 'key', messageId: 'emptySelector', data: { kind, labels: labelsText } });
            return;
          }
        }
        if (selector.mode === 'generated') {
          const unmet = unmetByGeneratedLabels(requirements, selector.generatedLabels ?? new Map());
          if (unmet.length > 0) context.report({ path: selector.path, at: 'key', messageId: 'notGenerated', data: { problems: unmet.join('; ') } });
          return;
        }
        const problems = describeUnmet(requirements, templateLabels);
        if (problems.length > 0) context.report({ path: labelsPath, at: 'key', messageId: 'mismatch', data: { kind, problems: problems.join('; ') } });
      },
    };
  },
});
