// Which containers of a pod count as the app tier beside a data store, and how messages name a tier.
import { containerPorts, DATA_STORE_PORTS, type ContainerRef, type TierClassification } from '@podlint/core';
import { configurationVolumes, mountedVolumes } from '../pod-design-utils.js';

export interface Classified {
  container: ContainerRef;
  tier: TierClassification;
}

/** A container that may count as an app server, with its place in the pod. */
interface Placed {
  entry: Classified;
  position: number;
}

/** An unclassified container that serves ports of its own, with the data volumes it mounts. */
interface Serving extends Placed {
  dataVolumes: ReadonlySet<string>;
}

/**
 * The app servers of a pod: a known web/app image, beside any data store, or an unclassified main container that
 * serves ports of its own, beside a data store whose data volumes it does not mount (a backup agent or a
 * replication helper mounts the store's data volume). What each container serves and mounts is worked out once per
 * pod, and the first server beside a data store once per set of data volumes that servers mount: asking each pair
 * made a pod of 2,000 data stores and 2,000 agents that share their volume take 8 s.
 */
export class AppServers {
  private readonly configuration: ReadonlySet<string>;
  private readonly firstWeb: Placed | undefined;
  /** The unclassified main containers that serve ports of their own, in the pod's order. */
  private readonly serving: Serving[] = [];
  /** The data volumes that some serving container mounts. */
  private readonly servedVolumes = new Set<string>();
  /** The first serving container that mounts none of a set of volumes, by the set (as JSON, sorted). */
  private readonly firstWithout = new Map<string, Serving | undefined>();

  constructor(running: readonly Classified[], spec: Record<string, unknown>) {
    this.configuration = configurationVolumes(spec);
    let firstWeb: Placed | undefined;
    running.forEach((entry, position) => {
      if (entry.container.role !== 'main') return;
      if (entry.tier.tier === 'web') {
        firstWeb ??= { entry, position };
        return;
      }
      if (entry.tier.tier !== undefined) return;
      const servesOwnPorts = containerPorts(entry.container).some((port) => typeof port.containerPort === 'number' && !(port.containerPort in DATA_STORE_PORTS));
      if (!servesOwnPorts) return;
      const dataVolumes = this.dataVolumes(entry.container);
      this.serving.push({ entry, position, dataVolumes });
      for (const volume of dataVolumes) this.servedVolumes.add(volume);
    });
    this.firstWeb = firstWeb;
  }

  /** The first container of the pod that is an app server beside the data store `data`. */
  firstBeside(data: Classified): Classified | undefined {
    // Only the data volumes that serving containers mount can keep one from counting.
    const volumes = [...this.dataVolumes(data.container)].filter((volume) => this.servedVolumes.has(volume)).sort();
    const key = JSON.stringify(volumes);
    if (!this.firstWithout.has(key)) {
      this.firstWithout.set(key, this.serving.find((candidate) => !volumes.some((volume) => candidate.dataVolumes.has(volume))));
    }
    const serving = this.firstWithout.get(key);
    const web = this.firstWeb;
    if (!serving || !web) return (serving ?? web)?.entry;
    return serving.position < web.position ? serving.entry : web.entry;
  }

  private dataVolumes(container: ContainerRef): Set<string> {
    return new Set([...mountedVolumes(container)].filter((volume) => !this.configuration.has(volume)));
  }
}

export function describeTier(tier: TierClassification): string {
  if (tier.reason === 'port') return `a server on port ${tier.evidence}`;
  return `"${tier.subject}"`;
}
