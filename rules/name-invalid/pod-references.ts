// name-invalid's checks of the names a pod gives its readiness gates and resource claims (core's ValidatePodSpec,
// reference L13 and L16): a condition type is a qualified name; a claim has a unique DNS-1123 label as its name
// and exactly one of resourceClaimName and resourceClaimTemplateName, a DNS-1123 subdomain.
import { isAtLeast, type PodSpecRef, type RuleContext } from '@podlint/core';
import { isCheckable, itemAnchor, listItems } from '../api-validation-utils.js';
import { labelKeyProblems, labelProblems, subdomainProblems } from '../label-selector-utils.js';

export type PodReferenceMessageId = 'readinessGateInvalid' | 'claimNameEmpty' | 'claimNameInvalid' | 'claimNameDuplicate' | 'claimSourceCount' | 'claimSourceInvalid';

/** DynamicResourceAllocation is on by default from 1.34; before, the server drops pod resourceClaims unchecked. */
const RESOURCE_CLAIMS_SINCE = '1.34';
const CLAIM_SOURCES = ['resourceClaimName', 'resourceClaimTemplateName'] as const;

export function checkReadinessGates(context: RuleContext<PodReferenceMessageId>, podSpec: PodSpecRef): void {
  // A missing conditionType is schema-required's.
  for (const { item, path } of listItems(podSpec.spec, 'readinessGates', podSpec.path)) {
    if (!isCheckable(item.conditionType)) continue;
    const problems = labelKeyProblems(item.conditionType);
    if (problems) context.report({ path: [...path, 'conditionType'], messageId: 'readinessGateInvalid', data: { name: item.conditionType, problems } });
  }
}

export function checkResourceClaims(context: RuleContext<PodReferenceMessageId>, podSpec: PodSpecRef): void {
  if (!isAtLeast(context.settings.kubernetesVersion, RESOURCE_CLAIMS_SINCE)) return;
  const seen = new Map<string, number>();
  for (const { item, index, path } of listItems(podSpec.spec, 'resourceClaims', podSpec.path)) {
    const name = item.name;
    // A missing name is schema-required's.
    if (name === '') context.report({ path: [...path, 'name'], messageId: 'claimNameEmpty' });
    else if (isCheckable(name)) {
      const problems = labelProblems(name);
      if (problems) context.report({ path: [...path, 'name'], messageId: 'claimNameInvalid', data: { name, problems } });
      const earlier = seen.get(name);
      if (earlier !== undefined) context.report({ path: [...path, 'name'], messageId: 'claimNameDuplicate', data: { name, index: earlier } });
      else seen.set(name, index);
    }
    const sources = CLAIM_SOURCES.filter((field) => item[field] !== undefined && item[field] !== null && item[field] !== '');
    if (sources.length !== 1) {
      const at = sources.length === 2 ? { path: [...path, CLAIM_SOURCES[1]], at: 'key' as const } : itemAnchor(item, path);
      context.report({ ...at, messageId: 'claimSourceCount', data: { count: sources.length === 0 ? 'neither' : 'both' } });
    }
    for (const field of sources) {
      const value = item[field];
      if (!isCheckable(value)) continue;
      const problems = subdomainProblems(value);
      if (problems) context.report({ path: [...path, field], messageId: 'claimSourceInvalid', data: { field, name: value, problems } });
    }
  }
}
