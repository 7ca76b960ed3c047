// Every place of the objects podlint reads where the API holds a resource.Quantity, so that quantity-format
// checks them all: decoding fails on any of them, whatever the field.
import { isPlainObject, type Path, type PodSpecRef, type Resource } from '@podlint/core';

export interface QuantityValue {
  path: Path;
  value: unknown;
}

/** The entries of a map of quantities (`limits`, `requests`, `hard`, `capacity`...). */
function mapEntries(owner: unknown, path: Path): QuantityValue[] {
  if (!isPlainObject(owner)) return [];
  return Object.entries(owner).map(([key, value]) => ({ path: [...path, key], value }));
}

function field(owner: unknown, key: string, path: Path): QuantityValue[] {
  return isPlainObject(owner) && key in owner ? [{ path: [...path, key], value: owner[key] }] : [];
}

function items(owner: unknown, key: string, path: Path): Array<{ item: Record<string, unknown>; path: Path }> {
  const list = isPlainObject(owner) ? owner[key] : undefined;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown, index) => (isPlainObject(item) ? [{ item, path: [...path, key, index] }] : []));
}

/** `limits` and `requests` of a ResourceRequirements (containers, pod-level resources, PVC specs). */
export function requirementQuantities(resources: unknown, path: Path): QuantityValue[] {
  if (!isPlainObject(resources)) return [];
  return [...mapEntries(resources.limits, [...path, 'limits']), ...mapEntries(resources.requests, [...path, 'requests'])];
}

function divisorsOfDownwardApiItems(downwardAPI: unknown, path: Path): QuantityValue[] {
  return items(downwardAPI, 'items', path).flatMap(({ item, path: itemPath }) => field(item.resourceFieldRef, 'divisor', [...itemPath, 'resourceFieldRef']));
}

/** Adds `more` to `found` one by one: push(...more) overflows the stack for a list of hundreds of thousands. */
function append(found: QuantityValue[], more: readonly QuantityValue[]): void {
  for (const value of more) found.push(value);
}

export function podSpecQuantities(podSpec: PodSpecRef): QuantityValue[] {
  const { spec, path } = podSpec;
  const found: QuantityValue[] = [...mapEntries(spec.overhead, [...path, 'overhead']), ...requirementQuantities(spec.resources, [...path, 'resources'])];
  for (const container of podSpec.containers) {
    append(found, requirementQuantities(container.container.resources, [...container.path, 'resources']));
    for (const { item, path: envPath } of items(container.container, 'env', container.path)) {
      const valueFrom = item.valueFrom;
      if (isPlainObject(valueFrom)) append(found, field(valueFrom.resourceFieldRef, 'divisor', [...envPath, 'valueFrom', 'resourceFieldRef']));
    }
  }
  for (const { item: volume, path: volumePath } of items(spec, 'volumes', path)) {
    append(found, field(volume.emptyDir, 'sizeLimit', [...volumePath, 'emptyDir']));
    append(found, divisorsOfDownwardApiItems(volume.downwardAPI, [...volumePath, 'downwardAPI']));
    for (const { item: source, path: sourcePath } of items(volume.projected, 'sources', [...volumePath, 'projected'])) {
      append(found, divisorsOfDownwardApiItems(source.downwardAPI, [...sourcePath, 'downwardAPI']));
    }
    const claimTemplate = isPlainObject(volume.ephemeral) ? volume.ephemeral.volumeClaimTemplate : undefined;
    const claimSpec = isPlainObject(claimTemplate) ? claimTemplate.spec : undefined;
    if (isPlainObject(claimSpec)) append(found, requirementQuantities(claimSpec.resources, [...volumePath, 'ephemeral', 'volumeClaimTemplate', 'spec', 'resources']));
  }
  return found;
}

/** Quantities outside pod specs, by kind: claim templates, claims, volumes, quotas and limit ranges. */
export const KIND_QUANTITIES: Readonly<Record<string, (resource: Resource) => QuantityValue[]>> = {
  StatefulSet: (resource) =>
    items(resource.object.spec, 'volumeClaimTemplates', resource.at('spec')).flatMap(({ item, path }) =>
      isPlainObject(item.spec) ? requirementQuantities(item.spec.resources, [...path, 'spec', 'resources']) : [],
    ),
  PersistentVolumeClaim: (resource) => (isPlainObject(resource.object.spec) ? requirementQuantities(resource.object.spec.resources, resource.at('spec', 'resources')) : []),
  PersistentVolume: (resource) => (isPlainObject(resource.object.spec) ? mapEntries(resource.object.spec.capacity, resource.at('spec', 'capacity')) : []),
  ResourceQuota: (resource) => (isPlainObject(resource.object.spec) ? mapEntries(resource.object.spec.hard, resource.at('spec', 'hard')) : []),
  LimitRange: (resource) =>
    items(resource.object.spec, 'limits', resource.at('spec')).flatMap(({ item, path }) =>
      ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'].flatMap((key) => mapEntries(item[key], [...path, key])),
    ),
};
