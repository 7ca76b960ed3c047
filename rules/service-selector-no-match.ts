// A Service whose selector matches none of the run's pod templates gets no endpoints: traffic to it fails. The run
// is not the cluster, so the rule speaks only when the run evidently holds the Service's workloads (isEvidence).
// A repository with only a Service (for a workload deployed elsewhere), an ExternalName Service or one without a
// selector (Endpoints managed by hand) is left alone. Pods matching in another namespace get their own message.
import { dirname } from 'node:path';
import {
  equalitySelector,
  inRunOrder,
  isPlainObject,
  matchingPodTemplates,
  namespacesOverlap,
  podTemplatesInDirectory,
  podTemplatesInNamespace,
  type PodTemplate,
  type ProjectIndex,
  type Resource,
} from '@podlint/core';
import { createRule, listForMessage } from './rule-utils.js';

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
        const matching = matchingPodTemplates(context.project, selector);
        if (matching.some((template) => namespacesOverlap(template.namespace, service.namespace))) return;
        const where = { path: service.at('spec', 'selector'), at: 'key' as const };
        const elsewhere = matching;
        if (elsewhere.length > 0) {
          context.report({
            ...where,
            messageId: 'otherNamespace',
            data: {
              selector: formatLabels(selector),
              workloads: listForMessage(elsewhere.map((template) => describeObject(template.resource))),
              namespaces: listForMessage([...new Set(elsewhere.map((template) => `"${template.namespace}"`))]),
              namespace: `"${service.namespace}"`,
            },
          });
          return;
        }
        const candidates = evidence(context.project, service);
        if (candidates.length === 0) return;
        const closest = closestTemplate(selector, candidates);
        if (!closest) {
          context.report({ ...where, messageId: 'noMatch', data: { selector: formatLabels(selector) } });
          return;
        }
        const differing = Object.fromEntries(Object.keys(selector).map((key) => [key, closest.labels[key] ?? '(none)']));
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
 * The pod templates, in run order, that show the run holds this Service's workloads: long-running ones (Jobs rarely
 * sit behind a Service) that can share its namespace and are in the Service's directory (applied together with it)
 * or in the same namespace written out on both. A Service for a workload deployed from elsewhere then stays quiet
 * even in a run with other workloads.
 */
function evidence(project: ProjectIndex, service: Resource): PodTemplate[] {
  const sameDirectory = podTemplatesInDirectory(project, dirname(service.document.file.path));
  const sameNamespace = service.namespace === undefined ? [] : podTemplatesInNamespace(project, service.namespace);
  return inRunOrder(project, [...sameDirectory, ...sameNamespace]).filter(
    (template) => !template.runsToCompletion && namespacesOverlap(template.namespace, service.namespace),
  );
}

/** The candidate sharing the most selector labels (at least one), the first in the run on a tie. */
function closestTemplate(selector: Readonly<Record<string, string>>, candidates: readonly PodTemplate[]): PodTemplate | undefined {
  let best: PodTemplate | undefined;
  let bestScore = 0;
  for (const candidate of candidates) {
    const score = Object.entries(selector).filter(([key, value]) => candidate.labels[key] === value).length;
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best;
}

function formatLabels(labels: Readonly<Record<string, string>>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

function describeObject(resource: Resource): string {
  return `${resource.kind} "${resource.name ?? '(unnamed)'}"`;
}
