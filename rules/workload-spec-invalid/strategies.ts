// Rollout settings of Deployments, DaemonSets and StatefulSets that the apps validation rejects, with the
// server's defaults applied first (a Deployment surges 25% and tolerates 25% unavailable; a DaemonSet
// tolerates 1 unavailable and surges 0), so that only what the user wrote can be wrong.
import { isPlainObject, type Path, type RuleContext } from '@podlint/core';
import { amountOf, describeIntOrPercent, readIntOrPercent, type IntOrPercent } from './int-or-percent.js';

export type StrategyMessageId =
  | 'recreateWithRollingUpdate'
  | 'onDeleteWithRollingUpdate'
  | 'intOrPercentInvalid'
  | 'negative'
  | 'above100Percent'
  | 'deploymentBothZero'
  | 'daemonSetBothSet'
  | 'daemonSetBothZero';

type Context = RuleContext<StrategyMessageId>;

/** RollingUpdate, or left to the server, which defaults an absent or empty type to it. */
function isRollingUpdate(type: unknown): boolean {
  return type === undefined || type === null || type === '' || type === 'RollingUpdate';
}

/** Reads and checks maxUnavailable/maxSurge; returns them as written. */
function readRollingFields(context: Context, rollingUpdate: Record<string, unknown>, path: Path, percentCapped: readonly string[]) {
  const fields: Record<string, IntOrPercent | undefined> = {};
  for (const name of ['maxUnavailable', 'maxSurge']) {
    const field = readIntOrPercent(rollingUpdate[name]);
    fields[name] = field;
    if (!field) continue;
    const at = [...path, name];
    if (field.kind === 'invalid') context.report({ path: at, messageId: 'intOrPercentInvalid', data: { field: name, value: field.text, hint: /^[0-9]+$/.test(field.text) ? ` (for ${field.text} pods write ${field.text} without quotes, or "${field.text}%" for a share)` : '' } });
    else if (field.kind === 'number' && field.value < 0) context.report({ path: at, messageId: 'negative', data: { field: name, value: field.value } });
    else if (field.kind === 'percent' && field.value > 100 && percentCapped.includes(name)) context.report({ path: at, messageId: 'above100Percent', data: { field: name, value: field.text } });
  }
  return fields;
}

export function checkDeploymentStrategy(context: Context, spec: Record<string, unknown>, specPath: Path): void {
  const strategy = spec.strategy;
  if (!isPlainObject(strategy)) return;
  const path = [...specPath, 'strategy'];
  const rollingUpdate = strategy.rollingUpdate;
  if (strategy.type === 'Recreate') {
    if (rollingUpdate !== undefined && rollingUpdate !== null) context.report({ path: [...path, 'rollingUpdate'], at: 'key', messageId: 'recreateWithRollingUpdate' });
    return;
  }
  if (!isPlainObject(rollingUpdate) || !isRollingUpdate(strategy.type)) return;
  const rollingPath = [...path, 'rollingUpdate'];
  const fields = readRollingFields(context, rollingUpdate, rollingPath, ['maxUnavailable']);
  if (amountOf(fields.maxUnavailable, 25) === 0 && amountOf(fields.maxSurge, 25) === 0) {
    context.report({ path: fields.maxUnavailable ? [...rollingPath, 'maxUnavailable'] : rollingPath, at: fields.maxUnavailable ? 'value' : 'key', messageId: 'deploymentBothZero' });
  }
}

export function checkDaemonSetStrategy(context: Context, spec: Record<string, unknown>, specPath: Path): void {
  const strategy = spec.updateStrategy;
  if (!isPlainObject(strategy) || !isRollingUpdate(strategy.type)) return;
  const rollingUpdate = strategy.rollingUpdate;
  if (!isPlainObject(rollingUpdate)) return;
  const rollingPath = [...specPath, 'updateStrategy', 'rollingUpdate'];
  const fields = readRollingFields(context, rollingUpdate, rollingPath, ['maxUnavailable', 'maxSurge']);
  const unavailable = amountOf(fields.maxUnavailable, 1);
  const surge = amountOf(fields.maxSurge, 0);
  if (unavailable !== 0 && surge !== 0) {
    context.report({
      path: [...rollingPath, 'maxSurge'],
      messageId: 'daemonSetBothSet',
      data: { unavailable: fields.maxUnavailable ? describeIntOrPercent(fields.maxUnavailable) : '1 (the default)', surge: describeIntOrPercent(fields.maxSurge!) },
    });
  } else if (unavailable === 0 && surge === 0) {
    context.report({ path: fields.maxUnavailable ? [...rollingPath, 'maxUnavailable'] : rollingPath, at: fields.maxUnavailable ? 'value' : 'key', messageId: 'daemonSetBothZero' });
  }
}

export function checkStatefulSetStrategy(context: Context, spec: Record<string, unknown>, specPath: Path): void {
  const strategy = spec.updateStrategy;
  if (!isPlainObject(strategy)) return;
  const rollingUpdate = strategy.rollingUpdate;
  const rollingPath = [...specPath, 'updateStrategy', 'rollingUpdate'];
  if (strategy.type === 'OnDelete' && rollingUpdate !== undefined && rollingUpdate !== null) {
    context.report({ path: rollingPath, at: 'key', messageId: 'onDeleteWithRollingUpdate' });
  }
  if (isPlainObject(rollingUpdate) && typeof rollingUpdate.partition === 'number' && rollingUpdate.partition < 0) {
    context.report({ path: [...rollingPath, 'partition'], messageId: 'negative', data: { field: 'partition', value: rollingUpdate.partition } });
  }
}
