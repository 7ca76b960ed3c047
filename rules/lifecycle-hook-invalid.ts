import { isAtLeast, isPlainObject, type ContainerRef, type PodSpecRef, type RuleContext, validatesPodTemplate } from '@podlint/core';
import { containerHooks, handlerProblems, presentHandlers, probesValidated, type HandlerOwner } from './pod-validation-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

type MessageId = 'none' | 'several' | 'sleepNegative' | 'sleepRange' | 'sleepZero' | 'execCommand' | 'scheme' | 'headerName';

/** The pod's grace period when the manifest leaves it out (the server's default). */
const DEFAULT_GRACE_SECONDS = 30;

export default createRule({
  name: 'lifecycle-hook-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'A postStart or preStop hook the API server rejects: none or several handlers, a sleep longer than the grace period, an exec without a command, a bad httpGet scheme or header name.',
      recommended: true,
    },
    messages: {
      none: 'The {{hook}} hook of {{container}} says nothing about what to run, so the API server rejects it ("must specify a handler type"). Add exactly one of exec, httpGet, tcpSocket or sleep.',
      several: 'The {{hook}} hook of {{container}} sets {{handlers}}, but a hook runs exactly one action, so the API server rejects it ("may not specify more than 1 handler type"). Keep one of them.',
      sleepNegative: 'The {{hook}} hook of {{container}} sleeps {{seconds}} seconds; the API server rejects a negative sleep. Use the number of seconds to wait.',
      sleepRange:
        'The {{hook}} hook of {{container}} sleeps {{seconds}} seconds; the API server accepts at most the pod\'s terminationGracePeriodSeconds ({{grace}}{{graceNote}}), since the kubelet kills the container when the grace period ends. Shorten the sleep or raise the grace period.',
      sleepZero: 'The {{hook}} hook of {{container}} sleeps 0 seconds, which Kubernetes {{version}} rejects (zero is allowed from 1.33). Remove the hook, or sleep at least 1 second.',
      execCommand: 'The exec of the {{hook}} hook of {{container}} has no command; the API server rejects it ("Required value"). Add the command to run, as a list.',
      scheme: 'httpGet scheme "{{value}}" in the {{hook}} hook of {{container}} is not supported; the API server accepts "HTTP" or "HTTPS" (upper case). Omit it for HTTP.',
      headerName: 'HTTP header name "{{value}}" in the {{hook}} hook of {{container}} is not a valid header name (letters, digits and \'-\' only); the API server rejects it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion) || !probesValidated(container)) return;
        for (const hook of containerHooks(container)) checkHook(context, container, podSpec, hook);
      },
    };
  },
});

function checkHook(context: RuleContext<MessageId>, container: ContainerRef, podSpec: PodSpecRef, hook: HandlerOwner): void {
  const data = { hook: hook.field, container: describeContainer(container) };
  const handlers = presentHandlers(hook);
  if (handlers.length === 0) context.report({ path: hook.path, at: 'key', messageId: 'none', data });
  if (handlers.length > 1) context.report({ path: hook.path, at: 'key', messageId: 'several', data: { ...data, handlers: handlers.join(' and ') } });
  for (const problem of handlerProblems(hook)) {
    context.report({ path: problem.path, at: problem.at, messageId: problem.problem, data: { ...data, value: problem.value } });
  }
  const sleep = hook.value.sleep;
  const seconds = isPlainObject(sleep) ? sleep.seconds : undefined;
  if (typeof seconds !== 'number') return;
  const written = podSpec.spec.terminationGracePeriodSeconds;
  const grace = typeof written === 'number' ? written : DEFAULT_GRACE_SECONDS;
  const path = [...hook.path, 'sleep', 'seconds'];
  if (seconds < 0) {
    context.report({ path, messageId: 'sleepNegative', data: { ...data, seconds } });
  } else if (seconds > grace) {
    context.report({ path, messageId: 'sleepRange', data: { ...data, seconds, grace, graceNote: typeof written === 'number' ? '' : ', the default' } });
  } else if (seconds === 0 && !isAtLeast(context.settings.kubernetesVersion, '1.33')) {
    context.report({ path, messageId: 'sleepZero', data: { ...data, version: context.settings.kubernetesVersion } });
  }
}
