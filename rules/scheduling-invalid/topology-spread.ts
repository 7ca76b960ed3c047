// scheduling-invalid's checks of topologySpreadConstraints (core's validateTopologySpreadConstraints): maxSkew and
// minDomains above zero, minDomains only with DoNotSchedule, a topologyKey, one constraint per
// (topologyKey, whenUnsatisfiable), matchLabelKeys with a labelSelector, and the selector itself.
import { isAtLeast, type Path } from '@podlint/core';
import { listItems } from '../api-validation-utils.js';
import { checkLabelSelector } from '../label-selector-utils.js';
import { checkLabelKeys, type SchedulingContext } from './requirements.js';

/** MinDomainsInPodTopologySpread and MatchLabelKeysInPodTopologySpread are on from 1.27; before, the server drops both fields unchecked. */
const SPREAD_FIELDS_SINCE = '1.27';

export function checkTopologySpread(context: SchedulingContext, spec: Record<string, unknown>, specPath: Path): void {
  const gatedFields = isAtLeast(context.settings.kubernetesVersion, SPREAD_FIELDS_SINCE);
  const pairs = new Map<string, number>();
  for (const { item, index, path } of listItems(spec, 'topologySpreadConstraints', specPath)) {
    const { maxSkew, minDomains, topologyKey, whenUnsatisfiable } = item;
    if (typeof maxSkew === 'number' && maxSkew <= 0) context.report({ path: [...path, 'maxSkew'], messageId: 'maxSkewNotPositive', data: { value: maxSkew } });
    // A missing topologyKey is schema-required's.
    if (topologyKey === '') context.report({ path: [...path, 'topologyKey'], messageId: 'topologyKeyEmpty' });
    if (gatedFields && typeof minDomains === 'number') {
      if (minDomains <= 0) context.report({ path: [...path, 'minDomains'], messageId: 'minDomainsNotPositive', data: { value: minDomains } });
      else if (whenUnsatisfiable === 'ScheduleAnyway') context.report({ path: [...path, 'minDomains'], messageId: 'minDomainsScheduleAnyway' });
    }
    if (typeof topologyKey === 'string' && topologyKey !== '' && typeof whenUnsatisfiable === 'string') {
      const pair = JSON.stringify([topologyKey, whenUnsatisfiable]);
      const first = pairs.get(pair);
      if (first === undefined) pairs.set(pair, index);
      else context.report({ path: [...path, 'topologyKey'], messageId: 'constraintDuplicate', data: { index: first, key: topologyKey, action: whenUnsatisfiable } });
    }
    checkLabelSelector(context, item.labelSelector, [...path, 'labelSelector']);
    if (gatedFields) checkLabelKeys(context, item, path, ['matchLabelKeys']);
  }
}
