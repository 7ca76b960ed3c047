// A Service whose selector matches none of the run's pod templates gets no endpoints: traffic to it fails. The run
// is not the cluster, so the rule speaks only when the run evidently holds the Service's workloads (evidenceOf).
// A repository with only a Service (for a workload deployed elsewhere), an ExternalName Service or one without a
// selector (Endpoints managed by hand) is left alone. Pods matching in another namespace get their own message.
import {
  equalitySelector,
  equalitySelectorKey,
  isPlainObject,
  matchingPodTemplates,
  selectsAnyPodTemplate,
  type ProjectIndex,
  type Resource,
} from '@podlint/core';
import { createRule, listForMessage } from './rule-utils.js';
import { closestTemplate, evidenceOf } from './service-selector-no-match/evidence.js';

export default createRule({
  name: 'service-selector-no-match',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: 'A Service whose selector matches no pod template among the linted files.', recommended: true },
    messages: {
      noMatch:
        'No pod template among the linted files has the labels {{selector}} that this Service selects, so it gets no endpoints and traffic to it fails. Make the selector match the labels of the pod template it fronts.',
      noMatchClosest:
        'No pod template among the linted files has the labels {{selector}} that this Service selects, so it gets no endpoints and traffic to it fails; the closest, {{closest}}, has {{labels}}. Make the selector match the labels of the pod template it fronts.',
      otherNamespace:
        'The pods of {{workloads}} have the labels {{selector}}, but they are in namespace {{namespaces}} and a Service selects pods only in its own namespace ({{namespace}}). Put the Service in the namespace of its pods.',
    },
    scope: 'project',
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Service(service) {
        const spec = service.object.spec;
        // Only the core group's Service selects pods (a Knative Service, say, has no selector).
        if (service.group !== '' || !isPlainObject(spec) || spec.type === 'ExternalName') return;
        const selector = equalitySelector(spec.selector);
        if (!selector) return;
        if (selectsAnyPodTemplate(context.project, selector, service.namespace)) return;
        const where = { path: service.at('spec', 'selector'), at: 'key' as const };
        if (matchingPodTemplates(context.project, selector).length > 0) {
          const data = { selector: formatLabels(selector), ...elsewhere(context.project, selector), namespace: `"${service.namespace}"` };
          context.report({ ...where, messageId: 'otherNamespace', data });
          return;
        }
        const evidence = evidenceOf(context.project, service);
        if (evidence.groups.length === 0) return;
        const closest = closestTemplate(selector, evidence);
        if (!closest) {
          context.report({ ...where, messageId: 'noMatch', data: { selector: formatLabels(selector) } });
          return;
        }
        const differing = Object.fromEntries(
          Object.keys(selector).map((key) => [key, closest.controllerLabels.get(key)?.values ?? closest.labels[key] ?? '(none)']),
        );
        context.report({
          ...where,
          messageId: 'noMatchClosest',
          data: { selector: formatLabels(selector), closest: describeObject(closest.resource), labels: formatLabels(differing) },
        });
      },
    };
  },
});

/**
 * How the otherNamespace message names the templates a selector matches, all in other namespaces: worked out once
 * per selector, for the thousands of Services in as many namespaces that may share it.
 */
function elsewhere(project: ProjectIndex, selector: Readonly<Record<string, string>>): { workloads: string; namespaces: string } {
  return project.memo(`service-selector-no-match\u0002${equalitySelectorKey(selector)}`, (run) => {
    const matching = matchingPodTemplates(run, selector);
    return {
      workloads: listForMessage(matching.map((template) => describeObject(template.resource))),
      namespaces: listForMessage([...new Set(matching.map((template) => `"${template.namespace}"`))]),
    };
  });
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function describeObject(resource: Resource): string {
  return `${resource.kind} "${resource.name ?? '(unnamed)'}"`;
}
