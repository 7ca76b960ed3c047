import { type ContainerRef, type RuleContext, validatesPodTemplate } from '@podlint/core';
import { containerProbes, handlerProblems, probesValidated, type HandlerOwner } from './pod-validation-utils.js';
import { createRule, describeContainer } from './rule-utils.js';

type MessageId = 'negative' | 'graceNotPositive' | 'graceOnReadiness' | 'execCommand' | 'scheme' | 'headerName';

const COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

export default createRule({
  name: 'probe-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description: 'A probe setting the API server rejects: a negative count or delay, a probe-level terminationGracePeriodSeconds that is not positive or sits on a readiness probe, an exec without a command, a bad httpGet scheme or header name.',
      recommended: true,
    },
    messages: {
      negative: '{{field}} {{value}} on the {{probe}} of {{container}} is negative; the API server rejects it ("must be greater than or equal to 0"). Use a positive number, or remove it for the default.',
      graceNotPositive:
        'terminationGracePeriodSeconds {{value}} on the {{probe}} of {{container}} is not positive; the API server rejects it ("must be greater than 0"). Remove it to use the pod\'s grace period.',
      graceOnReadiness:
        'The readinessProbe of {{container}} sets terminationGracePeriodSeconds, but a failing readiness probe never kills the container, so the API server rejects it ("must not be set for readinessProbes"). Remove it.',
      execCommand: 'The exec of the {{probe}} of {{container}} has no command; the API server rejects it ("Required value"). Add the command to run, as a list.',
      scheme: 'httpGet scheme "{{value}}" on the {{probe}} of {{container}} is not supported; the API server accepts "HTTP" or "HTTPS" (upper case). Omit it for HTTP.',
      headerName:
        'HTTP header name "{{value}}" on the {{probe}} of {{container}} is not a valid header name (letters, digits and \'-\' only); the API server rejects it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Container(container, _podSpec, resource) {
        if (!validatesPodTemplate(resource, context.settings.kubernetesVersion) || !probesValidated(container)) return;
        for (const probe of containerProbes(container)) checkProbe(context, container, probe);
      },
    };
  },
});

function checkProbe(context: RuleContext<MessageId>, container: ContainerRef, probe: HandlerOwner): void {
  const data = { probe: probe.field, container: describeContainer(container) };
  for (const field of COUNTS) {
    const value = probe.value[field];
    // probe-success-threshold reports every wrong successThreshold of liveness and startup probes.
    if (field === 'successThreshold' && probe.field !== 'readinessProbe') continue;
    if (typeof value === 'number' && value < 0) context.report({ path: [...probe.path, field], messageId: 'negative', data: { ...data, field, value } });
  }
  const grace = probe.value.terminationGracePeriodSeconds;
  if (grace !== undefined && grace !== null) {
    const path = [...probe.path, 'terminationGracePeriodSeconds'];
    if (probe.field === 'readinessProbe') context.report({ path, at: 'key', messageId: 'graceOnReadiness', data });
    else if (typeof grace === 'number' && grace <= 0) context.report({ path, messageId: 'graceNotPositive', data: { ...data, value: grace } });
  }
  for (const problem of handlerProblems(probe)) {
    context.report({ path: problem.path, at: problem.at, messageId: problem.problem, data: { ...data, value: problem.value } });
  }
}
