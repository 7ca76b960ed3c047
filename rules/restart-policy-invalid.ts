import { isAtLeast, type ContainerRef, type PodSpecRef, type Resource, type RuleContext, type SuggestionDescriptor, validatesPodTemplate } from '@podlint/core';
import { caseCorrected } from './pod-validation-utils.js';
import { insertFirstKey, replaceScalar } from './yaml-edit-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';
import { checkRestartRules, type RestartRulesMessageId } from './restart-policy-invalid/restart-rules.js';

type MessageId =
  | RestartRulesMessageId
  | 'unsupported'
  | 'mustBeAlways'
  | 'jobAlways'
  | 'jobMissing'
  | 'usePolicy'
  | 'setPolicy'
  | 'initBefore135'
  | 'containerBefore135'
  | 'containerUnsupported'
  | 'rulesWithoutPolicy';

const POLICIES = ['Always', 'OnFailure', 'Never'] as const;
/** Controllers that keep their pods running and replace them (reference M1-M5). */
const ALWAYS_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController']);
/** Controllers whose pods must finish (reference M6, M7). */
const JOB_KINDS = new Set(['Job', 'CronJob']);
const JOB_POLICIES = ['Never', 'OnFailure'] as const;

export default createRule({
  name: 'restart-policy-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'A restartPolicy the kind or container does not allow: Always (or none) in a Job, anything but Always in a Deployment-like workload, container-level policies the target version rejects.',
      recommended: true,
    },
    messages: {
      unsupported: 'restartPolicy "{{value}}" is not supported; the API server accepts {{allowed}} here (case matters).',
      mustBeAlways:
        'A {{kind}} keeps its pods running and replaces them itself, so the API server accepts only restartPolicy Always in its pod template and rejects "{{value}}". Remove restartPolicy (it defaults to Always); for pods that should finish, use a Job.',
      jobAlways:
        'A {{kind}} runs pods to completion, so the API server rejects restartPolicy Always in its pod template. Use Never (a failed pod is replaced by a new one) or OnFailure (the container restarts in place).',
      jobMissing:
        'This {{kind}}\'s pod template has no restartPolicy, so it defaults to Always, which the API server rejects for Jobs: they accept only OnFailure or Never ("Required value"). Set restartPolicy: Never or OnFailure.',
      usePolicy: 'Use {{policy}}.',
      setPolicy: 'Set restartPolicy: {{policy}}.',
      initBefore135:
        'restartPolicy "{{value}}" on {{container}}: before Kubernetes 1.35 an init container accepts only Always, which makes it a native sidecar; the API server rejects anything else. Remove it to run the container to completion first, or use Always for a sidecar.',
      containerBefore135:
        'restartPolicy on {{container}}: before Kubernetes 1.35 only init containers take one (Always, for a native sidecar), so the API server rejects it ("may not be set for non-init containers"). Remove it to follow the pod\'s restartPolicy, or target 1.35 or newer.',
      containerUnsupported: 'restartPolicy "{{value}}" on {{container}} is not supported; the API server accepts "Always", "OnFailure" or "Never" (case matters).',
      rulesWithoutPolicy:
        '{{container}} sets restartPolicyRules without a restartPolicy; the API server rejects it ("must specify restartPolicy when restart rules are used"). Add the restartPolicy that the rules make exceptions to.',
      rulesTooMany: '{{container}} has {{count}} entries in {{field}}; the API server accepts at most {{max}}.',
      ruleActionUnsupported: 'Restart rule action "{{value}}" is not supported; the API server accepts "Restart" (and "RestartAllContainers" where its alpha feature gate is on; case matters).',
      ruleExitCodesMissing: 'This restart rule has no exitCodes, the exit codes it applies to; the API server requires them.',
      ruleOperatorUnsupported: 'exitCodes operator "{{value}}" is not supported; the API server accepts "In" or "NotIn" (case matters).',
      rulesOnSidecar:
        'restartPolicyRules on {{container}}: a native sidecar (restartPolicy: Always) restarts whatever its exit code, so the API server forbids the rules ("restartPolicyRules are not allowed for init containers with restart policy Always"). Remove them.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        checkPodPolicy(context, podSpec, resource);
        // StatefulSet templates before 1.34 were only checked for their pod restartPolicy.
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion)) return;
        for (const container of podSpec.containers) checkContainerPolicy(context, container, resource);
      },
    };
  },
});

function checkPodPolicy(context: RuleContext<MessageId>, podSpec: PodSpecRef, resource: Resource): void {
  const value = podSpec.spec.restartPolicy;
  const path = [...podSpec.path, 'restartPolicy'];
  const kind = resource.kind;
  if (JOB_KINDS.has(kind) && (value === undefined || value === null || value === '')) {
    const suggest = JOB_POLICIES.map((policy): SuggestionDescriptor<MessageId> => ({
      messageId: 'setPolicy',
      data: { policy },
      fix: insertFirstKey(resource, podSpec.path, 'restartPolicy', policy),
    }));
    context.report({ path: podSpec.path, at: 'key', messageId: 'jobMissing', data: { kind }, suggest });
    return;
  }
  if (typeof value !== 'string' || value === '') return;
  const allowed: readonly string[] = ALWAYS_KINDS.has(kind) ? ['Always'] : JOB_KINDS.has(kind) ? JOB_POLICIES : POLICIES;
  if (allowed.includes(value)) return;
  const use = (policies: readonly string[]) => policies.map((policy): SuggestionDescriptor<MessageId> => ({ messageId: 'usePolicy', data: { policy }, fix: replaceScalar(resource, path, policy) }));
  if (ALWAYS_KINDS.has(kind) && (POLICIES as readonly string[]).includes(value)) {
    context.report({ path, messageId: 'mustBeAlways', data: { kind, value }, suggest: use(['Always']) });
  } else if (JOB_KINDS.has(kind) && value === 'Always') {
    context.report({ path, messageId: 'jobAlways', data: { kind }, suggest: use(JOB_POLICIES) });
  } else {
    const corrected = caseCorrected(value, allowed);
    context.report({ path, messageId: 'unsupported', data: { value, allowed: orList(allowed) }, suggest: use(corrected ? [corrected] : []) });
  }
}

function checkContainerPolicy(context: RuleContext<MessageId>, container: ContainerRef, resource: Resource): void {
  // Ephemeral containers may not set restartPolicy at all: ephemeral-container-invalid says so.
  if (container.list === 'ephemeralContainers') return;
  const value = container.container.restartPolicy;
  const path = [...container.path, 'restartPolicy'];
  const label = describeContainer(container);
  // ContainerRestartRules (beta, on by default in 1.35) lets every container choose its own policy.
  const perContainerPolicies = isAtLeast(context.settings.kubernetesVersion, '1.35');
  if (typeof value === 'string' && value !== '') {
    const corrected = caseCorrected(value, POLICIES);
    const suggest = corrected && corrected !== value ? [{ messageId: 'usePolicy' as const, data: { policy: corrected }, fix: replaceScalar(resource, path, corrected) }] : [];
    if (perContainerPolicies) {
      if (!(POLICIES as readonly string[]).includes(value)) context.report({ path, messageId: 'containerUnsupported', data: { value, container: label }, suggest });
    } else if (container.list === 'initContainers') {
      if (value !== 'Always') context.report({ path, messageId: 'initBefore135', data: { value, container: label }, suggest: corrected === 'Always' ? suggest : [] });
    } else {
      context.report({ path, at: 'key', messageId: 'containerBefore135', data: { container: label } });
    }
  }
  const rules = container.container.restartPolicyRules;
  // Before 1.35 the server drops restartPolicyRules silently (the feature is off).
  if (perContainerPolicies && rules !== undefined && rules !== null && (value === undefined || value === null || value === '')) {
    context.report({ path: [...container.path, 'restartPolicyRules'], at: 'key', messageId: 'rulesWithoutPolicy', data: { container: capitalize(label) } });
  }
  if (perContainerPolicies) checkRestartRules(context, container);
}

/** `"Always", "OnFailure" or "Never"`. */
function orList(values: readonly string[]): string {
  const quoted = values.map((value) => `"${value}"`);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
