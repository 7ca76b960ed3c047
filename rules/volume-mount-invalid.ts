import { claimTemplateVolumeNames, isPlainObject, type ContainerRef, type Path, type RuleContext } from '@podlint/core';
import { listItems, podTemplateChecked, type ListItem } from './api-validation-utils.js';
import { createRule, describeContainer, capitalize } from './rule-utils.js';
import { descendingPathProblems, hasBackstep } from './volume-path-utils.js';

type MessageId =
  | 'subPathAbsolute'
  | 'subPathBackstep'
  | 'subPathAndExpr'
  | 'bidirectionalUnprivileged'
  | 'recursiveReadOnlyNotReadOnly'
  | 'recursiveReadOnlyPropagation'
  | 'mountedAndDevice'
  | 'devicePathIsMountPath'
  | 'deviceNotClaim'
  | 'deviceNameDuplicate'
  | 'devicePathDuplicate'
  | 'devicePathBackstep'
  | 'fieldEmpty'
  | 'recursiveReadOnlyUnsupported'
  | 'ephemeralSubPath';

/** What each field a mount or device requires names, for the message about an empty one. */
const REQUIRED_PURPOSES: Readonly<Record<string, string>> = {
  name: 'the volume to use',
  mountPath: 'where the volume appears in the container',
  devicePath: 'where the block device appears in the container',
};

const RECURSIVE_READ_ONLY_MODES = ['Disabled', 'Enabled', 'IfPossible'];

export default createRule({
  name: 'volume-mount-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: { description: 'A volumeMount or volumeDevice the API server rejects: an empty name or path, a subPath leaving the volume, propagation or read-only settings that contradict each other, a block device that is not a claim.', recommended: true },
    messages: {
      subPathAbsolute: '{{field}} "{{value}}" is absolute, but it names a path inside the volume; the API server rejects it. Drop the leading "/".',
      subPathBackstep: '{{field}} "{{value}}" contains "..", which could reach outside the volume; the API server rejects it.',
      subPathAndExpr: 'subPath and subPathExpr exclude each other, and this mount sets both; the API server rejects it. Keep one.',
      bidirectionalUnprivileged: 'Bidirectional mount propagation lets the container mount things back onto the node, so the API server allows it only in privileged containers, and {{container}} is not. Use HostToContainer, or make the container privileged.',
      recursiveReadOnlyNotReadOnly: 'recursiveReadOnly: {{value}} makes a read-only mount read-only all the way down, so it needs readOnly: true on the mount; the API server rejects it otherwise.',
      recursiveReadOnlyPropagation: 'recursiveReadOnly: {{value}} cannot be combined with mountPropagation {{propagation}}; the API server accepts it only with None or no propagation.',
      mountedAndDevice: 'Volume "{{name}}" is both mounted and used as a block device by {{container}}; the API server rejects that. Use it one way.',
      devicePathIsMountPath: 'devicePath {{path}} is also a mountPath of {{container}}; the API server rejects it. Use another path.',
      deviceNotClaim: 'Volume "{{name}}" is of type {{source}}, but only persistentVolumeClaim and ephemeral volumes can be attached as raw block devices; the API server rejects it. Mount it with volumeMounts instead.',
      deviceNameDuplicate: '{{container}} attaches volume "{{name}}" as a block device twice; the API server rejects it (must be unique).',
      devicePathDuplicate: '{{container}} attaches two block devices at {{path}}; the API server rejects it (must be unique).',
      devicePathBackstep: 'devicePath "{{path}}" contains ".."; the API server rejects it.',
      fieldEmpty: '{{container}} has a {{list}} entry with an empty {{field}}, which names {{purpose}}; the API server requires it.',
      recursiveReadOnlyUnsupported: 'recursiveReadOnly "{{value}}" is not one of Disabled, Enabled and IfPossible, so the API server rejects it.',
      ephemeralSubPath: '{{field}} on a mount of ephemeral container "{{name}}": the API server rejects it ("cannot be set for an Ephemeral Container"). Mount the whole volume.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        // Volumes whose source is a claim; StatefulSet claim templates become persistentVolumeClaim volumes.
        const sources = new Map<string, string>(claimTemplateVolumeNames(resource).map((name) => [name, 'persistentVolumeClaim']));
        for (const { item } of listItems(podSpec.spec, 'volumes', podSpec.path)) {
          if (typeof item.name !== 'string') continue;
          sources.set(item.name, Object.keys(item).find((key) => key !== 'name' && item[key] !== null) ?? 'emptyDir');
        }
        for (const container of podSpec.containers) {
          const mounts = listItems(container.container, 'volumeMounts', container.path);
          for (const mount of mounts) checkMount(context, container, mount);
          checkDevices(context, container, mounts, listItems(container.container, 'volumeDevices', container.path), sources);
        }
      },
    };
  },
});

function checkMount(context: RuleContext<MessageId>, container: ContainerRef, { item, path }: ListItem): void {
  for (const field of ['name', 'mountPath'] as const) reportEmpty(context, container, item, [...path, field], 'volumeMounts');
  for (const field of ['subPath', 'subPathExpr'] as const) {
    const value = item[field];
    if (typeof value !== 'string' || value === '') continue;
    if (container.role === 'ephemeral') context.report({ path: [...path, field], at: 'key', messageId: 'ephemeralSubPath', data: { field, name: container.name ?? `#${container.index + 1}` } });
    for (const problem of descendingPathProblems(value)) {
      context.report({ path: [...path, field], messageId: problem === 'absolute' ? 'subPathAbsolute' : 'subPathBackstep', data: { field, value } });
    }
  }
  if (typeof item.subPath === 'string' && item.subPath !== '' && typeof item.subPathExpr === 'string' && item.subPathExpr !== '') {
    context.report({ path: [...path, 'subPathExpr'], at: 'key', messageId: 'subPathAndExpr' });
  }
  const securityContext = container.container.securityContext;
  const privileged = isPlainObject(securityContext) && securityContext.privileged === true;
  if (item.mountPropagation === 'Bidirectional' && !privileged) {
    context.report({ path: [...path, 'mountPropagation'], messageId: 'bidirectionalUnprivileged', data: { container: describeContainer(container) } });
  }
  const recursive = item.recursiveReadOnly;
  if (typeof recursive === 'string' && recursive !== '' && !RECURSIVE_READ_ONLY_MODES.includes(recursive)) {
    context.report({ path: [...path, 'recursiveReadOnly'], messageId: 'recursiveReadOnlyUnsupported', data: { value: recursive } });
  }
  if (recursive === 'Enabled' || recursive === 'IfPossible') {
    if (item.readOnly !== true) context.report({ path: [...path, 'recursiveReadOnly'], messageId: 'recursiveReadOnlyNotReadOnly', data: { value: recursive } });
    const propagation = item.mountPropagation;
    if (typeof propagation === 'string' && propagation !== '' && propagation !== 'None') {
      context.report({ path: [...path, 'recursiveReadOnly'], messageId: 'recursiveReadOnlyPropagation', data: { value: recursive, propagation } });
    }
  }
}

function checkDevices(context: RuleContext<MessageId>, container: ContainerRef, mounts: readonly ListItem[], devices: readonly ListItem[], sources: ReadonlyMap<string, string>): void {
  const mountNames = new Set(mounts.map(({ item }) => item.name));
  const mountPaths = new Set(mounts.map(({ item }) => item.mountPath));
  const names = new Set<string>();
  const paths = new Set<string>();
  const who = capitalize(describeContainer(container));
  for (const { item, path } of devices) {
    const namePath: Path = [...path, 'name'];
    for (const field of ['name', 'devicePath'] as const) reportEmpty(context, container, item, [...path, field], 'volumeDevices');
    if (typeof item.name === 'string' && item.name !== '') {
      const name = item.name;
      if (names.has(name)) context.report({ path: namePath, messageId: 'deviceNameDuplicate', data: { container: who, name } });
      names.add(name);
      const source = sources.get(name);
      if (source !== undefined && source !== 'persistentVolumeClaim' && source !== 'ephemeral') context.report({ path: namePath, messageId: 'deviceNotClaim', data: { name, source } });
      if (mountNames.has(name)) context.report({ path: namePath, messageId: 'mountedAndDevice', data: { name, container: describeContainer(container) } });
    }
    if (typeof item.devicePath !== 'string' || item.devicePath === '') continue;
    const devicePath = item.devicePath;
    const at: Path = [...path, 'devicePath'];
    if (paths.has(devicePath)) context.report({ path: at, messageId: 'devicePathDuplicate', data: { container: who, path: devicePath } });
    if (hasBackstep(devicePath)) context.report({ path: at, messageId: 'devicePathBackstep', data: { path: devicePath } });
    else paths.add(devicePath);
    if (mountPaths.has(devicePath)) context.report({ path: at, messageId: 'devicePathIsMountPath', data: { path: devicePath, container: describeContainer(container) } });
  }
}

function reportEmpty(context: RuleContext<MessageId>, container: ContainerRef, item: Record<string, unknown>, path: Path, list: string): void {
  const field = String(path[path.length - 1]);
  if (item[field] !== '') return;
  context.report({ path, messageId: 'fieldEmpty', data: { container: capitalize(describeContainer(container)), list, field, purpose: REQUIRED_PURPOSES[field]! } });
}
