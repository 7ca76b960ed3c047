// Container image references, parsed the way the kubelet reads them (registry/name[:tag][@digest]).

export interface ImageReference {
  /** Everything before the tag and digest. */
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
  /** Offsets of the tag inside the image string, when there is one. */
  tagOffsets: readonly [number, number] | undefined;
}

export function parseImageReference(image: string): ImageReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  // A colon after the last slash starts the tag; one before it belongs to a registry's port.
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    return { repository: rest.slice(0, colon), tag: rest.slice(colon + 1), digest, tagOffsets: [colon + 1, rest.length] };
  }
  return { repository: rest, tag: undefined, digest, tagOffsets: undefined };
}
