// A Job's successPolicy and podFailurePolicy as the batch validation checks them (reference M6): rule counts,
// the fields each rule needs, index lists, exit codes, container names and pod condition statuses; and the
// podReplacementPolicy a pod failure policy requires. Values schema-enum and schema-required check are left to them.
import { isPlainObject, isQualifiedName, type Path, type RuleContext } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { problemsOf } from '../label-selector-utils.js';

export type JobPolicyMessageId =
  | 'podFailurePolicyOnFailure'
  | 'successRulesRequired'
  | 'tooManyPolicyItems'
  | 'successRuleEmpty'
  | 'succeededCountAboveCompletions'
  | 'succeededIndexesInvalid'
  | 'failIndexWithoutBackoff'
  | 'exitCodesAndConditions'
  | 'exitCodesOrConditions'
  | 'exitCodeContainerUnknown'
  | 'exitCodeValuesEmpty'
  | 'exitCodeZeroIn'
  | 'exitCodeDuplicate'
  | 'exitCodeUnordered'
  | 'podConditionTypeInvalid'
  | 'podConditionStatusInvalid'
  | 'podReplacementPolicyFailed';

type Context = RuleContext<JobPolicyMessageId>;
const CONDITION_STATUSES = new Set(['True', 'False', 'Unknown']);

function checkListLength(context: Context, owner: Record<string, unknown>, field: string, path: Path, max: number): void {
  const list = owner[field];
  if (Array.isArray(list) && list.length > max) context.report({ path: [...path, field], at: 'key', messageId: 'tooManyPolicyItems', data: { field, count: list.length, max } });
}

export function checkSuccessPolicy(context: Context, policy: unknown, path: Path, completions: number | undefined): void {
  if (!isPlainObject(policy)) return;
  if (!Array.isArray(policy.rules) || policy.rules.length === 0) {
    context.report({ path: policy.rules === undefined ? path : [...path, 'rules'], at: 'key', messageId: 'successRulesRequired' });
    return;
  }
  checkListLength(context, policy, 'rules', path, 20);
  for (const { item: rule, path: rulePath } of listItems(policy, 'rules', path)) {
    const count = rule.succeededCount;
    const indexes = rule.succeededIndexes;
    if ((count === undefined || count === null) && (indexes === undefined || indexes === null)) context.report({ ...itemAnchor(rule, rulePath), messageId: 'successRuleEmpty' });
    if (typeof count === 'number' && completions !== undefined && count > completions) {
      context.report({ path: [...rulePath, 'succeededCount'], messageId: 'succeededCountAboveCompletions', data: { value: count, completions } });
    }
    if (isCheckable(indexes)) {
      const reason = indexListProblem(indexes, completions);
      if (reason) context.report({ path: [...rulePath, 'succeededIndexes'], messageId: 'succeededIndexesInvalid', data: { value: indexes, reason } });
    }
  }
}

/** Why a list of indexes such as "0,2-5,7" is not one the server reads, or ''. */
function indexListProblem(list: string, completions: number | undefined): string {
  let previous = -1;
  for (const part of list.split(',')) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) return `"${part}" is neither an index nor a range such as "2-5"`;
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) return `the range "${part}" ends before it starts`;
    if (first <= previous) return `"${part}" does not come after the indexes before it (the list must be ascending, without overlaps)`;
    if (completions !== undefined && last >= completions) return `index ${last} is not below completions (${completions})`;
    previous = last;
  }
  return '';
}

export function checkPodFailurePolicy(context: Context, jobSpec: Record<string, unknown>, path: Path, podSpec: Record<string, unknown> | undefined): void {
  const policy = jobSpec.podFailurePolicy;
  const replacement = jobSpec.podReplacementPolicy;
  if (policy === undefined || policy === null) return;
  if (isCheckable(replacement) && replacement !== 'Failed') context.report({ path: [...path, 'podReplacementPolicy'], messageId: 'podReplacementPolicyFailed', data: { value: replacement } });
  if (!isPlainObject(policy)) return;
  const policyPath = [...path, 'podFailurePolicy'];
  checkListLength(context, policy, 'rules', policyPath, 20);
  const containerNames = new Set<string>();
  for (const field of ['containers', 'initContainers']) {
    for (const { item } of podSpec ? listItems(podSpec, field, []) : []) if (typeof item.name === 'string') containerNames.add(item.name);
  }
  for (const { item: rule, path: rulePath } of listItems(policy, 'rules', policyPath)) {
    if (rule.action === 'FailIndex' && (jobSpec.backoffLimitPerIndex === undefined || jobSpec.backoffLimitPerIndex === null)) {
      context.report({ path: [...rulePath, 'action'], messageId: 'failIndexWithoutBackoff' });
    }
    const exitCodes = rule.onExitCodes;
    const conditions = rule.onPodConditions;
    const has = (value: unknown) => value !== undefined && value !== null;
    if (has(exitCodes) && has(conditions)) context.report({ path: [...rulePath, 'onPodConditions'], at: 'key', messageId: 'exitCodesAndConditions' });
    // Without an action schema-required reports the rule already.
    else if (!has(exitCodes) && !has(conditions) && has(rule.action)) context.report({ path: [...rulePath, 'action'], at: 'key', messageId: 'exitCodesOrConditions' });
    if (isPlainObject(exitCodes)) checkExitCodes(context, exitCodes, [...rulePath, 'onExitCodes'], containerNames, podSpec !== undefined);
    for (const { item: condition, path: conditionPath } of listItems(rule, 'onPodConditions', rulePath)) checkPodCondition(context, condition, conditionPath);
    if (Array.isArray(conditions)) checkListLength(context, rule, 'onPodConditions', rulePath, 20);
  }
}

function checkExitCodes(context: Context, exitCodes: Record<string, unknown>, path: Path, containerNames: ReadonlySet<string>, knowsContainers: boolean): void {
  const name = exitCodes.containerName;
  if (knowsContainers && isCheckable(name) && !containerNames.has(name)) context.report({ path: [...path, 'containerName'], messageId: 'exitCodeContainerUnknown', data: { name } });
  const values = exitCodes.values;
  if (!Array.isArray(values)) return;
  if (values.length === 0) {
    context.report({ path: [...path, 'values'], messageId: 'exitCodeValuesEmpty' });
    return;
  }
  checkListLength(context, exitCodes, 'values', path, 255);
  const seen = new Set<number>();
  values.forEach((value: unknown, index) => {
    if (typeof value !== 'number') return;
    const at = [...path, 'values', index];
    if (value === 0 && exitCodes.operator === 'In') context.report({ path: at, messageId: 'exitCodeZeroIn' });
    else if (seen.has(value)) context.report({ path: at, messageId: 'exitCodeDuplicate', data: { value } });
    else if (index > 0 && typeof values[index - 1] === 'number' && (values[index - 1] as number) > value) context.report({ path: at, messageId: 'exitCodeUnordered', data: { value, previous: values[index - 1] as number } });
    seen.add(value);
  });
}

function checkPodCondition(context: Context, condition: Record<string, unknown>, path: Path): void {
  if (isCheckable(condition.type)) {
    const reason = problemsOf(isQualifiedName, condition.type);
    if (reason) context.report({ path: [...path, 'type'], messageId: 'podConditionTypeInvalid', data: { value: condition.type, reason } });
  }
  const status = condition.status;
  if (isCheckable(status) && !CONDITION_STATUSES.has(status)) context.report({ path: [...path, 'status'], messageId: 'podConditionStatusInvalid', data: { value: status } });
}
