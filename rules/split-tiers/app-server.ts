// Which containers of a pod count as the app tier beside a data store, and how messages name a tier.
import { containerPorts, DATA_STORE_PORTS, type ContainerRef, type TierClassification } from '@podlint/core';
import { holdsData, sharedVolumes } from '../pod-design-utils.js';

export interface Classified {
  container: ContainerRef;
  tier: TierClassification;
}

/**
 * True when `entry` is a web or app server that is not a helper of the data store `data`: a known web/app
 * image, or an unclassified main container that serves ports of its own and does not work on the data
 * store's files (a backup agent or a replication helper mounts the store's data volume).
 */
export function appServer(entry: Classified, data: Classified, spec: Record<string, unknown>): boolean {
  if (entry.container.role !== 'main') return false;
  if (entry.tier.tier === 'web') return true;
  if (entry.tier.tier !== undefined) return false;
  const ports = containerPorts(entry.container).filter((port) => typeof port.containerPort === 'number' && !(port.containerPort in DATA_STORE_PORTS));
  if (ports.length === 0) return false;
  return !sharedVolumes(entry.container, data.container).some((volume) => holdsData(spec, volume));
}

export function describeTier(tier: TierClassification): string {
  if (tier.reason === 'port') return `a server on port ${tier.evidence}`;
  return `"${tier.subject}"`;
}
