// Where and how the container rules of the advisor point at a container: its name, or the first line of the
// container when it has none, and the container described at the start of a sentence.
import { firstLineAt, type ContainerRef, type OffsetRange, type Path, type Resource } from '@podlint/core';
import { capitalize, describeContainer } from './rule-utils.js';

/** The container's `name` value; for a container without a name, its first line (not its whole mapping). */
export function containerNameLocation(container: ContainerRef, resource: Resource): { path: Path } | { offsets: OffsetRange } {
  if (container.name !== undefined) return { path: [...container.path, 'name'] };
  return { offsets: firstLineAt(resource.document, container.path) };
}

/** `Container "web"`, `Native sidecar "proxy"`: describeContainer for the start of a sentence. */
export function describeContainerCapitalized(container: ContainerRef): string {
  return capitalize(describeContainer(container));
}
