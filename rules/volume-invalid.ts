import { isPlainObject, quantityOfValue, quantitySign, type Path, type RuleContext } from '@podlint/core';
import { listItems, podTemplateChecked } from './api-validation-utils.js';
import { checkDownwardApiItems, checkKeyToPathItems, type FileChecks, type FileMessageId } from './volume-invalid/files.js';
import { hasBackstep } from './volume-path-utils.js';
import { PROJECTION_SOURCES, VOLUME_SOURCES, presentKeys } from './volume-invalid/sources.js';
import { checkProjectedPaths, type ProjectedMessageId } from './volume-invalid/projected.js';
import { checkRequiredFields, type RequiredMessageId } from './volume-invalid/required.js';
import { createRule } from './rule-utils.js';

type MessageId =
  | FileMessageId
  | RequiredMessageId
  | ProjectedMessageId
  | 'severalSources'
  | 'secretNameMissing'
  | 'configMapNameMissing'
  | 'projectedSeveralKinds'
  | 'projectedNameMissing'
  | 'tokenExpiration'
  | 'hostPathBackstep'
  | 'nfsRelative'
  | 'sizeLimitNegative'
  | 'ephemeralNoTemplate'
  | 'ephemeralNoAccessModes'
  | 'ephemeralNoStorage'
  | 'ephemeralReadWriteOncePod'
  | 'ephemeralStorageNotPositive';

export default createRule({
  name: 'volume-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A pod volume the API server rejects: several sources, an empty name or required source field, a file mode or path out of bounds, a bad downwardAPI field.', recommended: true },
    messages: {
      severalSources: 'Volume "{{name}}" also sets {{source}}, but a volume is exactly one kind of storage ({{first}} here), so the API server rejects it. Make a separate volume for each source.',
      secretNameMissing: 'Volume "{{name}}" does not say which Secret to mount: a secret volume needs secretName (not name), and the API server rejects it without one.',
      configMapNameMissing: 'Volume "{{name}}" does not say which ConfigMap to mount (configMap.name); the API server rejects it without one.',
      projectedSeveralKinds: 'Each projected source holds exactly one of secret, configMap, downwardAPI, serviceAccountToken or clusterTrustBundle, and this one also has {{source}}; the API server rejects it. Make it a separate source.',
      projectedNameMissing: 'A projected {{source}} source does not name its {{kind}}; the API server rejects it. Add name.',
      tokenExpiration: 'serviceAccountToken expirationSeconds {{value}} is {{problem}}; the API server accepts 600 (10 minutes) up to 4294967296.',
      hostPathBackstep: 'hostPath "{{path}}" contains "..", which the API server rejects. Write the path without it.',
      nfsRelative: 'nfs path "{{path}}" must be absolute (the exported path on the NFS server); the API server rejects a relative one.',
      sizeLimitNegative: 'emptyDir sizeLimit {{value}} is negative; the API server rejects it.',
      ephemeralNoTemplate: 'Ephemeral volume "{{name}}" has no volumeClaimTemplate, so there is no claim to create; the API server rejects it.',
      ephemeralNoAccessModes: 'The claim template of ephemeral volume "{{name}}" lists no accessModes; the API server requires at least one (ReadWriteOnce, say).',
      ephemeralNoStorage: 'The claim template of ephemeral volume "{{name}}" requests no storage size; the API server requires resources.requests.storage.',
      ephemeralReadWriteOncePod: 'The claim template of ephemeral volume "{{name}}" lists ReadWriteOncePod with other access modes; the API server rejects that mix. Keep ReadWriteOncePod alone, or drop it.',
      ephemeralStorageNotPositive: 'The claim template of ephemeral volume "{{name}}" requests {{value}} of storage; the API server requires a size greater than zero.',
      volumeNameEmpty: 'This volume has an empty name; the API server requires one (a DNS-1123 label), and mounts refer to the volume by it.',
      sourceFieldEmpty: 'Volume "{{name}}" has an empty {{field}}, which names {{names}}; the API server requires it.',
      imageReferenceMissing: 'Image volume "{{name}}" does not say which image to mount; a Pod needs image.reference, and the API server rejects it without one.',
      gitDirectory: 'gitRepo directory "{{directory}}" of volume "{{name}}" {{problems}}, but the repository is cloned inside the volume; the API server rejects it. Write a relative path without "..".',
      csiDriverName: 'CSI driver name "{{driver}}" is not a valid driver name, so the API server rejects it: {{problems}}. Use the name the driver registers (its CSIDriver object), such as ebs.csi.aws.com.',
      tokenPathEmpty: 'The serviceAccountToken source of projected volume "{{name}}" has an empty path; the API server requires the file name the token is written to (token, say).',
      projectedDuplicatePath: 'Projected volume "{{name}}" already writes a file at "{{path}}" (from a {{first}} source); the API server rejects the conflicting duplicate path. Give this file another path.',
      modeRange: '{{field}} {{value}} is not a file mode between 0 and 0777 (octal), so the API server rejects it.{{hint}} A number without a leading 0 is decimal.',
      useMode: 'Use {{value}}.',
      itemFieldEmpty: 'This items entry has an empty {{field}}; the API server rejects it.',
      pathAbsolute: 'Path "{{path}}" is absolute, but files are placed relative to the volume\'s mount point; the API server rejects it. Drop the leading "/".',
      pathBackstep: 'Path "{{path}}" contains "..", which could leave the volume; the API server rejects it.',
      pathReserved: 'Path "{{path}}" starts with "..", which the volume reserves for its own files (..data); the API server rejects it. Rename it.',
      downwardBoth: 'A downwardAPI file takes fieldRef or resourceFieldRef, not both; the API server rejects it. Make two files.',
      downwardNeither: 'A downwardAPI file needs fieldRef or resourceFieldRef to say what it holds; the API server rejects it without one.',
      downwardFieldPath:
        'fieldRef "{{fieldPath}}" is not available to downwardAPI volumes, which offer metadata.name, metadata.namespace, metadata.uid, metadata.labels and metadata.annotations (pod IPs and the node name reach env vars only); the API server rejects it.',
      downwardContainerName: 'A resourceFieldRef in a downwardAPI volume must name its container (containerName), since the volume belongs to the whole pod; the API server rejects it without one.',
    },
    schema: [],
    hasSuggestions: true,
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const checks: FileChecks = { context, resource };
        for (const { item: volume, path } of listItems(podSpec.spec, 'volumes', podSpec.path)) {
          const name = typeof volume.name === 'string' ? volume.name : '';
          const sources = presentKeys(volume, VOLUME_SOURCES);
          for (const source of sources.slice(1)) context.report({ path: [...path, source], at: 'key', messageId: 'severalSources', data: { name, source, first: sources[0]! } });
          checkSources(context, checks, volume, path, name);
          checkRequiredFields(context, volume, path, resource.kind === 'Pod');
          if (isPlainObject(volume.projected)) checkProjectedPaths(context, volume.projected, [...path, 'projected'], name);
        }
      },
    };
  },
});

function checkSources(context: RuleContext<MessageId>, checks: FileChecks, volume: Record<string, unknown>, path: Path, name: string): void {
  const { secret, configMap, downwardAPI, projected, hostPath, nfs, emptyDir, ephemeral } = volume;
  if (isPlainObject(secret)) {
    if (!secret.secretName) context.report({ path: [...path, 'secret'], at: 'key', messageId: 'secretNameMissing', data: { name } });
    checkKeyToPathItems(checks, secret, [...path, 'secret']);
  }
  if (isPlainObject(configMap)) {
    if (!configMap.name) context.report({ path: [...path, 'configMap'], at: 'key', messageId: 'configMapNameMissing', data: { name } });
    checkKeyToPathItems(checks, configMap, [...path, 'configMap']);
  }
  if (isPlainObject(downwardAPI)) checkDownwardApiItems(checks, downwardAPI, [...path, 'downwardAPI']);
  if (isPlainObject(projected)) checkProjected(context, checks, projected, [...path, 'projected']);
  if (isPlainObject(hostPath) && typeof hostPath.path === 'string' && hasBackstep(hostPath.path)) {
    context.report({ path: [...path, 'hostPath', 'path'], messageId: 'hostPathBackstep', data: { path: hostPath.path } });
  }
  if (isPlainObject(nfs) && typeof nfs.path === 'string' && nfs.path !== '' && !nfs.path.startsWith('/')) {
    context.report({ path: [...path, 'nfs', 'path'], messageId: 'nfsRelative', data: { path: nfs.path } });
  }
  if (isPlainObject(emptyDir) && emptyDir.sizeLimit !== undefined) {
    const parsed = quantityOfValue(emptyDir.sizeLimit);
    if (parsed?.ok && quantitySign(parsed.quantity) < 0) context.report({ path: [...path, 'emptyDir', 'sizeLimit'], messageId: 'sizeLimitNegative', data: { value: String(emptyDir.sizeLimit) } });
  }
  if (isPlainObject(ephemeral)) checkEphemeral(context, ephemeral, [...path, 'ephemeral'], name);
}

function checkProjected(context: RuleContext<MessageId>, checks: FileChecks, projected: Record<string, unknown>, path: Path): void {
  for (const { item: source, path: sourcePath } of listItems(projected, 'sources', path)) {
    const kinds = presentKeys(source, PROJECTION_SOURCES);
    for (const kind of kinds.slice(1)) context.report({ path: [...sourcePath, kind], at: 'key', messageId: 'projectedSeveralKinds', data: { source: kind } });
    for (const [field, kind] of [['secret', 'Secret'], ['configMap', 'ConfigMap']] as const) {
      const reference = source[field];
      if (!isPlainObject(reference)) continue;
      if (!reference.name) context.report({ path: [...sourcePath, field], at: 'key', messageId: 'projectedNameMissing', data: { source: field, kind } });
      checkKeyToPathItems(checks, reference, [...sourcePath, field]);
    }
    if (isPlainObject(source.downwardAPI)) checkDownwardApiItems(checks, source.downwardAPI, [...sourcePath, 'downwardAPI']);
    const token = source.serviceAccountToken;
    if (isPlainObject(token) && typeof token.expirationSeconds === 'number') {
      const seconds = token.expirationSeconds;
      const problem = seconds < 600 ? 'below 10 minutes' : seconds > 2 ** 32 ? 'above 2^32 seconds' : undefined;
      if (problem) context.report({ path: [...sourcePath, 'serviceAccountToken', 'expirationSeconds'], messageId: 'tokenExpiration', data: { value: seconds, problem } });
    }
  }
}

function checkEphemeral(context: RuleContext<MessageId>, ephemeral: Record<string, unknown>, path: Path, name: string): void {
  const template = ephemeral.volumeClaimTemplate;
  if (!isPlainObject(template)) {
    context.report({ path, at: 'key', messageId: 'ephemeralNoTemplate', data: { name } });
    return;
  }
  const spec = isPlainObject(template.spec) ? template.spec : undefined;
  if (!spec) return;
  const specPath = [...path, 'volumeClaimTemplate', 'spec'];
  const modes = spec.accessModes;
  if (!Array.isArray(modes) || modes.length === 0) context.report({ path: specPath, at: 'key', messageId: 'ephemeralNoAccessModes', data: { name } });
  else if (modes.includes('ReadWriteOncePod') && modes.some((mode) => mode !== 'ReadWriteOncePod')) context.report({ path: [...specPath, 'accessModes'], messageId: 'ephemeralReadWriteOncePod', data: { name } });
  const requests = isPlainObject(spec.resources) && isPlainObject(spec.resources.requests) ? spec.resources.requests : {};
  if (requests.storage === undefined) context.report({ path: specPath, at: 'key', messageId: 'ephemeralNoStorage', data: { name } });
  const storage = requests.storage === undefined ? undefined : quantityOfValue(requests.storage);
  if (storage?.ok && quantitySign(storage.quantity) <= 0) {
    context.report({ path: [...specPath, 'resources', 'requests', 'storage'], messageId: 'ephemeralStorageNotPositive', data: { name, value: String(requests.storage) } });
  }
}
