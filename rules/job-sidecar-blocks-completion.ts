// A Job or CronJob pod with a helper (log shipper, proxy, exporter) among its regular containers: the helper
// never exits, so the pod, and the Job, never complete. The suggestion turns it into a native sidecar.
import { TIER_PATTERNS_SCHEMA, TierClassifier, isAtLeast, type ContainerRef, type PodSpecRef, type TierPatterns } from '@podlint/core';
import { nativeSidecarEdits } from './job-sidecar-blocks-completion/native-sidecar.js';
import { configuredStrings } from './pod-design-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';

/** Native sidecars are on by default from 1.29 (beta) and GA in 1.33. */
const NATIVE_SIDECARS = '1.29';

/**
 * Names that make a custom container a long-running helper here. Narrower than the tier tables' name hints:
 * in a Job, `data-exporter` or `report-adapter` is more likely a task than a metrics exporter or an adapter.
 */
const LONG_RUNNING_HELPER_NAME = /(^|[-_.])(sidecar|proxy|ambassador|log-?shipper|log-?forwarder|logging-agent|fluentd|fluent-bit|envoy)([-_.]|$)/;

/**
 * Signs that a container stops the helpers: a call to the quit endpoint of Istio's or the Cloud SQL proxy (the
 * proxy's `--quitquitquit` flag only opens it), linkerd-await, linkerd's /shutdown.
 */
const STOPS_HELPERS = /\/quitquitquit\b|linkerd-await|\/shutdown\b/i;

/** Helpers told to exit on their own: git-sync --one-time, vault agent -exit-after-auth. */
const EXITS_BY_ITSELF = /--?one-?time\b|--?one-?shot\b|--?oneshot\b|--once\b|exit[-_]after[-_]auth/i;

/** A helper script that watches for a signal to stop: a file test, an exit or a kill. */
const WATCHES_FOR_THE_END = /\bexit\b|\bkill\b|\bbreak\b|\binotifywait\b|\[\s+-[fe]\s|\btest\s+-[fe]\s/;

export default createRule<[{ tiers: TierPatterns }], 'blocksCompletion' | 'blocksCompletionLegacy' | 'moveToNativeSidecar'>({
  name: 'job-sidecar-blocks-completion',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: 'A Job or CronJob whose helper (log shipper, proxy) is a regular container, so the Job never completes.', recommended: true },
    messages: {
      blocksCompletion:
        '{{container}} is a helper ({{what}}) that runs until it is stopped, and a Job completes only when all its regular containers have exited: the pod keeps running after the task is done. Declare it as a native sidecar (in initContainers with `restartPolicy: Always`), which the kubelet stops once the main containers finish.',
      blocksCompletionLegacy:
        '{{container}} is a helper ({{what}}) that runs until it is stopped, and a Job completes only when all its regular containers have exited: the pod keeps running after the task is done. Kubernetes {{version}} has no native sidecars, so have the main container stop it when the task ends (for example through a file in a shared emptyDir).',
      moveToNativeSidecar: 'Move "{{name}}" to initContainers as a native sidecar (`restartPolicy: Always`).',
    },
    schema: [{ type: 'object', properties: { tiers: TIER_PATTERNS_SCHEMA }, additionalProperties: false }],
    hasSuggestions: true,
  },
  defaultOptions: [{ tiers: {} }],
  create(context, [options]) {
    const classifier = TierClassifier.for(options.tiers);
    const nativeSidecars = isAtLeast(context.settings.kubernetesVersion, NATIVE_SIDECARS);
    return {
      PodSpec(podSpec, resource) {
        if (!podSpec.runsToCompletion) return;
        const regular = podSpec.containers.filter((container) => container.role === 'main');
        const classified = regular.map((container) => ({ container, tier: classifier.classify(container.container) }));
        const helpers = classified.filter(
          (entry) => entry.tier.tier === 'helper' && (entry.tier.reason !== 'name' || LONG_RUNNING_HELPER_NAME.test(entry.container.name?.toLowerCase() ?? '')),
        );
        if (helpers.length === 0 || helpers.length === regular.length) return;
        for (const { container, tier } of helpers) {
          if (exitsByItself(container) || stoppedByAnother(podSpec, container)) continue;
          const name = container.name ?? `#${container.index + 1}`;
          const data = { container: capitalize(describeContainer(container)), what: tier.reason === 'name' ? 'by its name' : `"${tier.subject}"`, version: context.settings.kubernetesVersion };
          const path = typeof container.container.name === 'string' ? [...container.path, 'name'] : container.path;
          if (!nativeSidecars) {
            context.report({ path, messageId: 'blocksCompletionLegacy', data });
            continue;
          }
          // Worked out only when the linter asks: it offers no edits in a document with aliases.
          const fix = () => nativeSidecarEdits(resource.document, podSpec.path, container.index) ?? null;
          context.report({ path, messageId: 'blocksCompletion', data, suggest: [{ messageId: 'moveToNativeSidecar', data: { name }, fix }] });
        }
      },
    };
  },
});

/** Whether another container of the pod stops the helper: a helper that only offers a way to stop it waits for a call. */
function stoppedByAnother(podSpec: PodSpecRef, helper: ContainerRef): boolean {
  const strings = podSpec.containers.filter((container) => container !== helper).flatMap(configuredStrings);
  if (strings.some((value) => STOPS_HELPERS.test(value))) return true;
  // With one process namespace, the main container can kill the helper itself.
  return podSpec.spec.shareProcessNamespace === true && strings.some((value) => /\b(pkill|killall|kill)\b/.test(value));
}

function exitsByItself(container: ContainerRef): boolean {
  const strings = configuredStrings(container);
  const commandText = [container.container.command, container.container.args].flat().filter((value) => typeof value === 'string').join('\n');
  return strings.some((value) => EXITS_BY_ITSELF.test(value)) || WATCHES_FOR_THE_END.test(commandText);
}
