// What the pod-design rules ask about containers of one pod: which volumes they mount, which volumes hold data
// (rather than configuration), and the loopback addresses they point at.
import { isPlainObject, type ContainerRef } from '@podlint/core';

/** Names of the volumes a container mounts (volumeMounts and volumeDevices). */
export function mountedVolumes(container: ContainerRef): Set<string> {
  const names = new Set<string>();
  for (const field of ['volumeMounts', 'volumeDevices']) {
    const mounts = container.container[field];
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) if (isPlainObject(mount) && typeof mount.name === 'string') names.add(mount.name);
  }
  return names;
}

const CONFIGURATION_SOURCES = ['configMap', 'secret', 'projected', 'downwardAPI', 'serviceAccountToken'];

/**
 * The volumes a pod declares as configuration (configMap, secret, projected, downwardAPI), by name: the first
 * declaration of a name counts. Every other volume holds data, a name the pod does not declare too (it comes from
 * a StatefulSet's volumeClaimTemplates: storage). Worked out once per pod, not once per volume asked about.
 */
export function configurationVolumes(spec: Record<string, unknown>): Set<string> {
  const declared = new Set<string>();
  const configuration = new Set<string>();
  for (const volume of Array.isArray(spec.volumes) ? spec.volumes : []) {
    if (!isPlainObject(volume) || typeof volume.name !== 'string' || declared.has(volume.name)) continue;
    declared.add(volume.name);
    if (CONFIGURATION_SOURCES.some((source) => source in volume)) configuration.add(volume.name);
  }
  return configuration;
}

/** Every string a container is configured with: command, args, env values, and probe and hook commands. */
export function configuredStrings(container: ContainerRef): string[] {
  const strings: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isPlainObject(value)) Object.values(value).forEach(collect);
  };
  const spec = container.container;
  collect(spec.command);
  collect(spec.args);
  if (Array.isArray(spec.env)) for (const variable of spec.env) if (isPlainObject(variable)) collect(variable.value);
  for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) collect(spec[field]);
  return strings;
}

/** `localhost`, `127.x.x.x`, `[::1]`: how one container of a pod reaches another. */
export const LOOPBACK = /\blocalhost\b|\b127(?:\.\d{1,3}){3}\b|\[::1\]|(?<![\w:])::1(?![\w:])/i;
