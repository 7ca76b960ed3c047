// A container's restartPolicyRules as the API server checks them from 1.35, where ContainerRestartRules is on
// (reference I9): at most 20 rules, each with the action Restart and exitCodes whose operator is In or NotIn
// and that list at most 255 values; no rules on a native sidecar, which restarts whatever its exit code. The
// action RestartAllContainers exists only with the alpha gate RestartAllContainersOnContainerExits, which also
// allows rules on sidecars: a manifest that uses it is taken to target a cluster with the gate on.
import { isPlainObject, type ContainerRef, type RuleContext } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { capitalize, describeContainer } from '../rule-utils.js';

export type RestartRulesMessageId = 'rulesTooMany' | 'ruleActionUnsupported' | 'ruleExitCodesMissing' | 'ruleOperatorUnsupported' | 'rulesOnSidecar';

const MAX_RULES = 20;
const RESTART_ALL = 'RestartAllContainers';
const MAX_EXIT_CODES = 255;

export function checkRestartRules(context: RuleContext<RestartRulesMessageId>, container: ContainerRef): void {
  const rules = container.container.restartPolicyRules;
  if (!Array.isArray(rules)) return;
  const label = describeContainer(container);
  const rulesPath = [...container.path, 'restartPolicyRules'];
  const restartsAll = rules.some((rule: unknown) => isPlainObject(rule) && rule.action === RESTART_ALL);
  if (container.list === 'initContainers' && container.container.restartPolicy === 'Always' && rules.length > 0 && !restartsAll) {
    context.report({ path: rulesPath, at: 'key', messageId: 'rulesOnSidecar', data: { container: label } });
    return;
  }
  if (rules.length > MAX_RULES) context.report({ path: rulesPath, at: 'key', messageId: 'rulesTooMany', data: { container: capitalize(label), count: rules.length, max: MAX_RULES, field: 'restartPolicyRules' } });
  for (const { item: rule, path } of listItems(container.container, 'restartPolicyRules', container.path)) {
    const action = rule.action;
    // A missing action is schema-required's to report.
    if (isCheckable(action) && action !== 'Restart' && action !== RESTART_ALL) context.report({ path: [...path, 'action'], messageId: 'ruleActionUnsupported', data: { value: action } });
    const exitCodes = rule.exitCodes;
    if (!isPlainObject(exitCodes)) {
      if (exitCodes === undefined || exitCodes === null) context.report({ ...itemAnchor(rule, path), messageId: 'ruleExitCodesMissing' });
      continue;
    }
    const operator = exitCodes.operator;
    if (isCheckable(operator) && operator !== 'In' && operator !== 'NotIn') context.report({ path: [...path, 'exitCodes', 'operator'], messageId: 'ruleOperatorUnsupported', data: { value: operator } });
    const values = exitCodes.values;
    if (Array.isArray(values) && values.length > MAX_EXIT_CODES) {
      context.report({ path: [...path, 'exitCodes', 'values'], at: 'key', messageId: 'rulesTooMany', data: { container: capitalize(label), count: values.length, max: MAX_EXIT_CODES, field: 'exitCodes.values' } });
    }
  }
}
