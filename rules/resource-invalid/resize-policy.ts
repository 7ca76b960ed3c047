// A container's resizePolicy as the API server checks it once in-place resize is on (InPlacePodVerticalScaling,
// on by default from 1.33; reference J9 and I5): entries for cpu or memory only, each once, with the
// restartPolicy NotRequired or RestartContainer, and only NotRequired when the pod's restartPolicy is Never (a
// restart would never come back); no RestartContainer on an init container that runs to completion.
import { isAtLeast, type ContainerRef, type PodSpecRef, type RuleContext } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { capitalize, describeContainer } from '../rule-utils.js';

export type ResizePolicyMessageId = 'resizeResourceUnsupported' | 'resizeRestartUnsupported' | 'resizeDuplicate' | 'resizeNeverPod' | 'resizeRunToCompletionInit' | 'resizeFieldEmpty';

const IN_PLACE_RESIZE_SINCE = '1.33';
/** Assumed: the newer validation that knows init containers can be resized; earlier servers say nothing. */
const INIT_RESTART_CHECK_SINCE = '1.34';
const RESOURCES = ['cpu', 'memory'];
const RESTART_POLICIES = ['NotRequired', 'RestartContainer'];

export function checkResizePolicy(context: RuleContext<ResizePolicyMessageId>, container: ContainerRef, podSpec: PodSpecRef): void {
  const version = context.settings.kubernetesVersion;
  // Ephemeral containers may not set resizePolicy at all: ephemeral-container-invalid says so.
  if (container.list === 'ephemeralContainers' || !isAtLeast(version, IN_PLACE_RESIZE_SINCE)) return;
  const label = capitalize(describeContainer(container));
  const runsToCompletion = container.list === 'initContainers' && container.container.restartPolicy !== 'Always';
  const seen = new Set<string>();
  for (const { item, path } of listItems(container.container, 'resizePolicy', container.path)) {
    const name = item.resourceName;
    const policy = item.restartPolicy;
    if (isCheckable(name)) {
      // A missing one is schema-required's to report; an empty one passes the schema.
      if (name === '') context.report({ path: [...path, 'resourceName'], messageId: 'resizeFieldEmpty', data: { field: 'resourceName', allowed: '"cpu" or "memory"' } });
      else if (!RESOURCES.includes(name)) context.report({ path: [...path, 'resourceName'], messageId: 'resizeResourceUnsupported', data: { container: label, value: name } });
      else if (seen.has(name)) context.report({ ...itemAnchor(item, path), messageId: 'resizeDuplicate', data: { container: label, value: name } });
      seen.add(name);
    }
    if (!isCheckable(policy)) continue;
    if (policy === '') context.report({ path: [...path, 'restartPolicy'], messageId: 'resizeFieldEmpty', data: { field: 'restartPolicy', allowed: '"NotRequired" or "RestartContainer"' } });
    else if (!RESTART_POLICIES.includes(policy)) context.report({ path: [...path, 'restartPolicy'], messageId: 'resizeRestartUnsupported', data: { value: policy } });
    else if (policy === 'RestartContainer' && runsToCompletion) {
      if (isAtLeast(version, INIT_RESTART_CHECK_SINCE)) context.report({ path: [...path, 'restartPolicy'], messageId: 'resizeRunToCompletionInit', data: { container: label } });
    } else if (policy === 'RestartContainer' && podSpec.spec.restartPolicy === 'Never') {
      context.report({ path: [...path, 'restartPolicy'], messageId: 'resizeNeverPod', data: { container: label } });
    }
  }
}
