// A pod that holds a data store (database, cache, queue) beside a web or app server: two tiers that scale,
// restart and are scheduled differently, tied into one unit. Containers are classified by core's tier
// tables (container-tiers.ts), which the `tiers` option extends.
import { TIER_PATTERNS_SCHEMA, TierClassifier, runsAlongsideMain, type ContainerRef, type TierClassification, type TierPatterns } from '@podlint/core';
import { createRule, describeContainer, capitalize } from './rule-utils.js';
import { AppServers, describeTier, type Classified } from './split-tiers/app-server.js';

export interface SplitTiersOptions {
  tiers: TierPatterns;
}

export default createRule<[SplitTiersOptions], 'splitTiers'>({
  name: 'split-tiers',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: { description: 'A pod that holds a data store (database, cache, queue) beside a web or app server it does not serve as a helper.', recommended: true },
    messages: {
      splitTiers:
        '{{container}} runs {{data}}, a data tier, in the same pod as {{app}} ({{appKind}}): a pod is scaled, scheduled and restarted as one unit, so the data store would be copied with every replica of the app and restarted whenever the app is. Run the data store in its own workload (a StatefulSet, or a managed service) and reach it through a Service.',
    },
    schema: [
      {
        type: 'object',
        properties: { tiers: TIER_PATTERNS_SCHEMA },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ tiers: {} }],
  create(context, [options]) {
    const classifier = TierClassifier.for(options.tiers);
    return {
      PodSpec(podSpec) {
        // A Job's pod is a task: a database beside its test runner is a fixture of the task, not a tier.
        if (podSpec.runsToCompletion) return;
        const running: Classified[] = podSpec.containers.filter(runsAlongsideMain).map((container) => ({ container, tier: classifier.classify(container.container) }));
        const dataStores = running.filter((entry) => entry.tier.tier === 'data');
        if (dataStores.length === 0) return;
        const appServers = new AppServers(running, podSpec.spec);
        for (const data of dataStores) {
          const app = appServers.firstBeside(data);
          if (!app) continue;
          context.report({
            path: namePath(data.container),
            messageId: 'splitTiers',
            data: {
              container: capitalize(describeContainer(data.container)),
              data: describeTier(data.tier),
              app: describeContainer(app.container),
              appKind: appKind(app.tier),
            },
          });
        }
      },
    };
  },
});

function namePath(container: ContainerRef) {
  return typeof container.container.name === 'string' ? [...container.path, 'name'] : container.path;
}

function appKind(tier: TierClassification): string {
  return tier.tier === 'web' ? `${describeTier(tier)}, a web or app server` : 'an app that serves its own ports';
}
