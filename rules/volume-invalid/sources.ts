// The kinds of storage a volume can be (the fields of core/v1 VolumeSource): a volume names exactly one.
export const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos',
  'csi', 'ephemeral', 'image',
] as const;

/** The kinds of one projected volume source entry. */
export const PROJECTION_SOURCES = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'] as const;

/** Pod fields a downwardAPI volume file may hold (validVolumeDownwardAPIFieldPathExpressions), labels and annotations also subscripted. */
export const VOLUME_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations'] as const;

export function volumeFieldPathAllowed(fieldPath: string): boolean {
  if ((VOLUME_FIELD_PATHS as readonly string[]).includes(fieldPath)) return true;
  const subscripted = /^(metadata\.labels|metadata\.annotations)\['[^']+'\]$/.exec(fieldPath);
  return subscripted !== null;
}

/** The present (non-null) keys of `owner` among `candidates`, in the order the file writes them. */
export function presentKeys(owner: Record<string, unknown>, candidates: readonly string[]): string[] {
  return Object.keys(owner).filter((key) => candidates.includes(key) && owner[key] !== null && owner[key] !== undefined);
}
