// A livenessProbe that restarts a healthy container: one failure is enough (failureThreshold 1), a check may
// take as long as the interval between checks (timeoutSeconds >= periodSeconds), or a container known to
// start slowly (a JVM) is given less time to start than it needs and no startupProbe. Each ends in restart
// loops (CrashLoopBackOff) that look like application crashes.
import { createRule, describeContainer } from './rule-utils.js';
import { isProbed, probeOf, probeTiming } from './probe-utils.js';
import { slowStartReason } from './liveness-probe-aggressive/slow-start.js';

interface Options {
  /** More image names that start slowly (matched like the built-in list). */
  slowStartImages: string[];
  /** Seconds a slow starter gets before its liveness probe can restart it. */
  minimumStartupSeconds: number;
}

export default createRule<[Options], 'failureThreshold' | 'timeout' | 'slowStart'>({
  name: 'liveness-probe-aggressive',
  meta: {
    type: 'suggestion',
    severity: 'warning',
    docs: {
      description: 'A livenessProbe that restarts healthy containers: failureThreshold 1, timeoutSeconds not below periodSeconds, or too little start-up time for a slow starter.',
      recommended: true,
    },
    messages: {
      failureThreshold:
        'The livenessProbe of {{container}} restarts it after a single failed check: one slow response (a garbage-collection pause, a busy node) kills a healthy container. Allow at least 3 failures (the default).',
      timeout:
        'The livenessProbe of {{container}} waits {{timeout}}s for an answer but checks every {{period}}s: a slow check runs into the next one, and a container under load is restarted instead of answering. Keep timeoutSeconds well below periodSeconds.',
      slowStart:
        'The livenessProbe of {{container}} can restart it about {{allowance}}s after it starts, too soon for a slow starter ({{reason}}): it is killed while starting, over and over (CrashLoopBackOff). Add a startupProbe that allows for the start (liveness waits for it), or give it at least {{minimum}}s (initialDelaySeconds + failureThreshold x periodSeconds).',
    },
    schema: [
      {
        type: 'object',
        properties: {
          slowStartImages: { type: 'array', items: { type: 'string', minLength: 1 } },
          minimumStartupSeconds: { type: 'integer', minimum: 1 },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ slowStartImages: [], minimumStartupSeconds: 60 }],
  create(context, [options]) {
    return {
      Container(container) {
        if (!isProbed(container)) return;
        const probe = probeOf(container, 'livenessProbe');
        if (!probe) return;
        const probePath = [...container.path, 'livenessProbe'];
        const name = describeContainer(container);
        const timing = probeTiming(probe);
        if (timing.failureThreshold === 1) {
          context.report({ path: [...probePath, 'failureThreshold'], messageId: 'failureThreshold', data: { container: name } });
        }
        const { timeoutSeconds: timeout, periodSeconds: period, initialDelaySeconds: delay, failureThreshold: failures } = timing;
        if (typeof timeout === 'number' && typeof period === 'number' && timeout >= period) {
          // Underline the value the author wrote; a defaulted timeout (1s) means the period was set to 1.
          const offending = typeof probe.timeoutSeconds === 'number' && probe.timeoutSeconds !== 0 ? 'timeoutSeconds' : 'periodSeconds';
          context.report({ path: [...probePath, offending], messageId: 'timeout', data: { container: name, timeout, period } });
        }
        if (probeOf(container, 'startupProbe') || typeof delay !== 'number' || typeof failures !== 'number' || typeof period !== 'number') return;
        const allowance = delay + failures * period;
        if (allowance >= options.minimumStartupSeconds) return;
        const reason = slowStartReason(container, options.slowStartImages);
        if (!reason) return;
        const explicitDelay = typeof probe.initialDelaySeconds === 'number';
        context.report({
          path: explicitDelay ? [...probePath, 'initialDelaySeconds'] : probePath,
          at: explicitDelay ? 'value' : 'key',
          messageId: 'slowStart',
          data: { container: name, allowance, reason, minimum: options.minimumStartupSeconds },
        });
      },
    };
  },
});
