import { isPlainObject, type Path, type Resource, type RuleContext } from '@podlint/core';
import { createRule } from './rule-utils.js';
import { checkCronSchedule, type CronMessageId } from './workload-spec-invalid/cron.js';
import { checkJobSpec, type JobMessageId } from './workload-spec-invalid/jobs.js';
import { checkDaemonSetStrategy, checkDeploymentStrategy, checkStatefulSetStrategy, type StrategyMessageId } from './workload-spec-invalid/strategies.js';

type MessageId = StrategyMessageId | JobMessageId | CronMessageId | 'progressDeadline' | 'activeDeadlineForbidden' | 'activeDeadlineRange' | 'podManagementPolicy';

/** Counts the API server requires to be 0 or more, per kind (relative to the kind's spec). */
const NON_NEGATIVE: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'],
  ReplicaSet: ['replicas', 'minReadySeconds'],
  DaemonSet: ['minReadySeconds', 'revisionHistoryLimit'],
  StatefulSet: ['replicas', 'minReadySeconds'],
  ReplicationController: ['replicas', 'minReadySeconds'],
  Job: ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes'],
  CronJob: ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'],
};

/** Workloads whose pods run indefinitely: the server forbids activeDeadlineSeconds in their templates. */
const LONG_RUNNING = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController']);

export default createRule({
  name: 'workload-spec-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: "A workload's own settings the API server rejects: rollout strategies that cannot progress, negative counts, Job fields that need Indexed mode, Job index limits, success and pod failure policies, CronJob schedules and time zones it cannot read, activeDeadlineSeconds on long-running pods.", recommended: true },
    messages: {
      negative: '{{field}} is {{value}}; the API server requires 0 or more.',
      recreateWithRollingUpdate: 'strategy.type is Recreate, so rollingUpdate does not apply and the API server rejects it. Remove rollingUpdate, or use type RollingUpdate.',
      onDeleteWithRollingUpdate: 'updateStrategy.type is OnDelete, so rollingUpdate does not apply and the API server rejects it. Remove rollingUpdate, or use type RollingUpdate.',
      intOrPercentInvalid: '{{field}} "{{value}}" is neither a number of pods nor a percentage such as "25%"{{hint}}; the API server rejects it.',
      above100Percent: '{{field}} {{value}} is more than 100%; the API server rejects it.',
      deploymentBothZero: 'maxUnavailable and maxSurge are both 0 (an absent one defaults to 25%), so a rolling update could neither remove an old pod nor add a new one; the API server rejects it. Let one of them be above 0.',
      daemonSetBothSet: 'A DaemonSet rolls out either by surging (maxSurge) or by taking pods down (maxUnavailable), not both; maxUnavailable is {{unavailable}}, so the API server rejects maxSurge {{surge}}. Add maxUnavailable: 0 to surge.',
      daemonSetBothZero: 'maxUnavailable and maxSurge are both 0, so the DaemonSet could never replace a pod; the API server rejects it. Let one of them be above 0.',
      progressDeadline: 'progressDeadlineSeconds ({{deadline}}) must be greater than minReadySeconds ({{minReady}}), or a rollout would count as failed before any pod could be ready; the API server rejects it.',
      activeDeadlineForbidden: 'A {{kind}} keeps its pods running, so the API server forbids activeDeadlineSeconds in its pod template (every pod would be killed after that time and replaced). Remove it; it is for Jobs and bare Pods.',
      activeDeadlineRange: 'activeDeadlineSeconds must be between 1 and 2147483647; the API server rejects {{value}}.',
      podManagementPolicy: 'podManagementPolicy "{{value}}" is not OrderedReady or Parallel (case matters); the API server rejects it.',
      indexedWithoutCompletions: 'completionMode Indexed needs completions (the number of indexes to run); the API server rejects the Job without it.',
      requiresIndexed: '{{field}} works only with completionMode: Indexed; the API server rejects it on this Job.',
      maxFailedWithoutBackoff: 'maxFailedIndexes needs backoffLimitPerIndex; the API server rejects it alone.',
      scheduleInvalid: 'The schedule "{{value}}" is not one the API server accepts: {{reason}}.',
      scheduleTimeZone: 'The schedule "{{value}}" names a time zone (TZ= or CRON_TZ=), which the API server rejects; give the zone in spec.timeZone instead.',
      timeZoneEmpty: 'timeZone is empty; the API server wants it left out (the controller\'s own zone) or a zone such as "Etc/UTC".',
      timeZoneLocal: 'timeZone "Local" is not an explicit zone, and the API server rejects it; name one such as "Europe/Berlin" or "Etc/UTC".',
      timeZoneUnknown: 'timeZone "{{value}}" is not a zone of the IANA time zone database (such as "America/New_York" or "Etc/UTC"); the API server rejects it.',
      podFailurePolicyOnFailure: 'With a podFailurePolicy the pod template must use restartPolicy: Never, so that failed pods reach the policy instead of restarting in place; the API server rejects OnFailure.',
      indexedLimit: 'With completionMode Indexed, {{field}} may be at most 100000; the API server rejects {{value}}.',
      maxFailedAboveCompletions: 'maxFailedIndexes ({{value}}) is more than completions ({{completions}}), the number of indexes there are to fail; the API server rejects it.',
      maxFailedRequired: 'With completions above 100000 ({{completions}}), backoffLimitPerIndex needs maxFailedIndexes as well; the API server rejects the Job without it.',
      perIndexLimit: 'With completions above 100000 and backoffLimitPerIndex, {{field}} may be at most 10000; the API server rejects {{value}}.',
      indexedPodName: 'The pods of this Indexed Job are named after it and their index, and the last one, "{{pod}}", is not a valid DNS label (at most 63 characters, no dots); the API server rejects the Job. Shorten the name.',
      jobNameLabel: 'The server labels the pods of a Job with its name, so the template label {{key}} must be "{{name}}" (or left out); the API server rejects "{{value}}". Remove the label, or set manualSelector: true and a selector of your own.',
      managedByInvalid: 'managedBy "{{value}}" is not a domain-prefixed path such as "acme.io/foo" of at most 63 characters: {{reason}}; the API server rejects it.',
      successRulesRequired: 'A successPolicy needs at least one rule; the API server rejects it without. Add rules, or remove successPolicy.',
      tooManyPolicyItems: '{{field}} has {{count}} entries; the API server accepts at most {{max}}.',
      successRuleEmpty: 'A successPolicy rule needs succeededIndexes, succeededCount or both; the API server rejects a rule with neither.',
      succeededCountAboveCompletions: 'succeededCount ({{value}}) is more than completions ({{completions}}), so the rule could never be met; the API server rejects it.',
      succeededIndexesInvalid: 'succeededIndexes "{{value}}" is not a list of indexes the API server reads: {{reason}}. Write ascending indexes and ranges such as "0,2-5".',
      failIndexWithoutBackoff: 'The action FailIndex needs backoffLimitPerIndex on the Job; the API server rejects it without.',
      exitCodesAndConditions: 'A podFailurePolicy rule matches either onExitCodes or onPodConditions, not both; the API server rejects it. Split it into two rules.',
      exitCodesOrConditions: 'A podFailurePolicy rule needs onExitCodes or onPodConditions to say which failures it matches; the API server rejects it with neither.',
      exitCodeContainerUnknown: 'containerName "{{name}}" is not a container or init container of the pod template; the API server rejects it.',
      exitCodeValuesEmpty: 'onExitCodes.values is empty; the API server wants at least one exit code.',
      exitCodeZeroIn: 'Exit code 0 means success and cannot mark a failure, so the API server rejects it with the In operator. Remove it.',
      exitCodeDuplicate: 'Exit code {{value}} is listed twice; the API server rejects repeated values. Remove one.',
      exitCodeUnordered: 'Exit code {{value}} comes after {{previous}}; the API server wants the values in ascending order.',
      podConditionTypeInvalid: 'The pod condition type "{{value}}" is not a qualified name ({{reason}}); the API server rejects it.',
      podConditionStatusInvalid: 'The pod condition status "{{value}}" is not True, False or Unknown (case matters); the API server rejects it.',
      podReplacementPolicyFailed: 'With a podFailurePolicy, podReplacementPolicy must be Failed (replacement pods wait until the old ones have failed, so the policy sees every failure); the API server rejects "{{value}}".',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const visit = (check?: (spec: Record<string, unknown>, specPath: Path, resource: Resource) => void) => (resource: Resource) => {
      const spec = resource.object.spec;
      // A custom resource may share a kind name (a Job of another API group): only the built-in kinds.
      if (!resource.holdsPodSpec || !isPlainObject(spec)) return;
      const specPath = resource.at('spec');
      checkNonNegative(context, spec, specPath, NON_NEGATIVE[resource.kind] ?? []);
      checkActiveDeadline(context, resource);
      check?.(spec, specPath, resource);
    };
    return {
      Deployment: visit((spec, specPath) => {
        checkDeploymentStrategy(context, spec, specPath);
        checkProgressDeadline(context, spec, specPath);
      }),
      Pod: visit(),
      PodTemplate: (resource) => checkActiveDeadline(context, resource),
      ReplicaSet: visit(),
      ReplicationController: visit(),
      DaemonSet: visit((spec, specPath) => checkDaemonSetStrategy(context, spec, specPath)),
      StatefulSet: visit((spec, specPath) => {
        checkStatefulSetStrategy(context, spec, specPath);
        const policy = spec.podManagementPolicy;
        if (typeof policy === 'string' && policy !== '' && policy !== 'OrderedReady' && policy !== 'Parallel') {
          context.report({ path: [...specPath, 'podManagementPolicy'], messageId: 'podManagementPolicy', data: { value: policy } });
        }
        if (isPlainObject(spec.ordinals)) checkNonNegative(context, spec.ordinals, [...specPath, 'ordinals'], ['start'], 'ordinals.');
      }),
      Job: visit((spec, specPath, resource) => checkJobSpec(context, spec, specPath, resource.name)),
      CronJob: visit((spec, specPath) => {
        checkCronSchedule(context, spec, specPath);
        const jobTemplate = isPlainObject(spec.jobTemplate) ? spec.jobTemplate : undefined;
        if (!jobTemplate || !isPlainObject(jobTemplate.spec)) return;
        const jobPath = [...specPath, 'jobTemplate', 'spec'];
        checkNonNegative(context, jobTemplate.spec, jobPath, NON_NEGATIVE.Job!);
        checkJobSpec(context, jobTemplate.spec, jobPath);
      }),
    };
  },
});

function checkNonNegative(context: RuleContext<MessageId>, owner: Record<string, unknown>, path: Path, fields: readonly string[], label = ''): void {
  for (const field of fields) {
    const value = owner[field];
    if (typeof value === 'number' && value < 0) context.report({ path: [...path, field], messageId: 'negative', data: { field: `${label}${field}`, value } });
  }
}

function checkProgressDeadline(context: RuleContext<MessageId>, spec: Record<string, unknown>, specPath: Path): void {
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  const written = typeof spec.progressDeadlineSeconds === 'number' ? spec.progressDeadlineSeconds : undefined;
  // The server defaults progressDeadlineSeconds to 600, so a long minReadySeconds alone can trip this.
  const deadline = written ?? 600;
  if (deadline < 0 || deadline > minReady) return;
  const at = written === undefined ? 'minReadySeconds' : 'progressDeadlineSeconds';
  context.report({ path: [...specPath, at], messageId: 'progressDeadline', data: { deadline: written === undefined ? '600, the default' : deadline, minReady } });
}

function checkActiveDeadline(context: RuleContext<MessageId>, resource: Resource): void {
  const podSpec = resource.podSpec;
  const value = podSpec?.spec.activeDeadlineSeconds;
  if (!podSpec || value === undefined || value === null) return;
  const path = [...podSpec.path, 'activeDeadlineSeconds'];
  if (LONG_RUNNING.has(resource.kind)) context.report({ path, at: 'key', messageId: 'activeDeadlineForbidden', data: { kind: resource.kind } });
  else if (typeof value === 'number' && (value < 1 || value > 2147483647)) context.report({ path, messageId: 'activeDeadlineRange', data: { value } });
}
