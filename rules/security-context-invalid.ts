// The API server's checks of pod and container security contexts that a manifest can fail (reference section 2,
// K1-K3, K5, K6, K9, K10, K12, K13): ids out of range, seccomp and AppArmor profiles that do not fit their type,
// sysctls, host namespaces with a user namespace, and fields a pod's operating system does not have. Not here:
// wrong types and values outside an enum (the schema rules), and what depends on the cluster (K8) or on
// deprecated annotations (K7).
import { isPlainObject, type Path, type PodSpecRef, type RuleContext } from '@podlint/core';
import { listItems, podTemplateChecked } from './api-validation-utils.js';
import { createRule } from './rule-utils.js';

type MessageId =
  | 'idOutOfRange'
  | 'profileTypeEmpty'
  | 'localhostWithoutProfile'
  | 'profileWithoutLocalhost'
  | 'profileNotRelative'
  | 'profilePadded'
  | 'profileTooLong'
  | 'sysctlNameEmpty'
  | 'sysctlNameInvalid'
  | 'sysctlDuplicate'
  | 'sysctlHostNamespace'
  | 'shareProcessWithHostPid'
  | 'hostNamespaceWithUserNamespace'
  | 'unmaskedWithHostUsers'
  | 'escalationWithPrivileged'
  | 'escalationWithSysAdmin'
  | 'osNameEmpty'
  | 'osNameUnsupported'
  | 'windowsOptionsOnLinux'
  | 'linuxFieldOnWindows';

const MAX_ID = 2147483647;
const MAX_APPARMOR_PROFILE = 4095;
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
const MAX_SYSCTL_NAME = 253;
/** The sysctls of the IPC namespace (the kubelet's list): a pod sharing the host's IPC namespace may not set them. */
const IPC_SYSCTLS = new Set(['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni']);
/** Fields of a pod's securityContext that Windows does not have (reference K13). */
const LINUX_POD_FIELDS = [
  'appArmorProfile',
  'seLinuxOptions',
  'seccompProfile',
  'fsGroup',
  'fsGroupChangePolicy',
  'sysctls',
  'runAsUser',
  'runAsGroup',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
];
/** Fields of a container's securityContext that Windows does not have. */
const LINUX_CONTAINER_FIELDS = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];
/** Fields of the pod spec that Windows does not have. */
const LINUX_SPEC_FIELDS = ['hostUsers', 'hostPID', 'hostIPC', 'shareProcessNamespace'];

export default createRule({
  name: 'security-context-invalid',
  meta: {
    type: 'problem',
    severity: 'error',
    docs: {
      description:
        'A security context the API server rejects: a user or group id out of range, a seccomp or AppArmor profile that does not fit its type, allowPrivilegeEscalation: false beside privileged, sysctls that clash with host namespaces, Linux fields in a Windows pod.',
      recommended: true,
    },
    messages: {
      idOutOfRange: '{{field}} is {{value}}; user and group ids run from 0 to 2147483647, and the API server rejects others.',
      profileTypeEmpty: '{{profile}}.type is empty; the API server requires RuntimeDefault, Localhost or Unconfined.',
      localhostWithoutProfile: '{{profile}} type Localhost needs localhostProfile, the profile on the node to load; the API server rejects it without one.',
      profileWithoutLocalhost: 'localhostProfile is only read with type Localhost, and the API server rejects it beside type {{type}}. Remove it, or use type Localhost.',
      profileNotRelative: 'The seccomp localhostProfile "{{value}}" must be a path relative to the kubelet\'s seccomp folder, without "..", and the API server rejects it otherwise.',
      profilePadded: 'The AppArmor localhostProfile "{{value}}" begins or ends with white space, which the API server rejects.',
      profileTooLong: 'The AppArmor localhostProfile is {{length}} characters long; the API server accepts at most 4095.',
      sysctlNameEmpty: 'A sysctl needs a name; the API server rejects an empty one.',
      sysctlNameInvalid: 'Sysctl "{{value}}" is not a valid sysctl name (lowercase parts of letters, digits, "-" and "_", joined by "." or "/"), and the API server rejects it.',
      sysctlDuplicate: 'Sysctl "{{value}}" is set twice; the API server rejects the duplicate.',
      sysctlHostNamespace:
        'Sysctl "{{value}}" belongs to the {{namespace}} namespace, which this pod shares with the node ({{hostField}}: true): setting it would change the node, and the API server rejects it.',
      shareProcessWithHostPid: 'shareProcessNamespace and hostPID cannot both be true: the API server rejects the pair. A pod shares either its own process namespace or the node\'s.',
      hostNamespaceWithUserNamespace: '{{field}}: true cannot go with hostUsers: false (a user namespace of the pod\'s own); the API server rejects the pair.',
      unmaskedWithHostUsers: 'procMount Unmasked needs the pod in a user namespace of its own (hostUsers: false); the API server rejects it otherwise.',
      escalationWithPrivileged: 'allowPrivilegeEscalation: false cannot go with privileged: true (a privileged process can always escalate); the API server rejects the pair. Drop one of them.',
      escalationWithSysAdmin:
        'allowPrivilegeEscalation: false cannot go with the CAP_SYS_ADMIN capability (with it a process can always escalate); the API server rejects the pair. Drop one of them.',
      osNameEmpty: 'os.name is empty; the API server requires linux or windows.',
      osNameUnsupported: 'os.name "{{value}}" is not linux or windows, which the API server accepts only.',
      windowsOptionsOnLinux: 'windowsOptions cannot be set in a pod whose os.name is linux; the API server rejects it.',
      linuxFieldOnWindows: '{{field}} cannot be set in a pod whose os.name is windows (Windows has no such setting); the API server rejects it.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      PodSpec(podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const { spec, path } = podSpec;
        const securityContext = isPlainObject(spec.securityContext) ? spec.securityContext : undefined;
        const contextPath = [...path, 'securityContext'];
        if (securityContext) {
          checkIds(context, securityContext, contextPath, ['runAsUser', 'runAsGroup', 'fsGroup']);
          if (Array.isArray(securityContext.supplementalGroups)) {
            securityContext.supplementalGroups.forEach((value: unknown, index) => checkId(context, value, [...contextPath, 'supplementalGroups', index], 'supplementalGroups'));
          }
          checkProfiles(context, securityContext, contextPath);
          checkSysctls(context, podSpec, securityContext, contextPath);
        }
        if (spec.shareProcessNamespace === true && spec.hostPID === true) context.report({ path: [...path, 'shareProcessNamespace'], messageId: 'shareProcessWithHostPid' });
        if (spec.hostUsers === false) {
          // hostNetwork is left out: newer servers accept it with a user namespace (UserNamespacesHostNetworkSupport).
          for (const field of ['hostPID', 'hostIPC']) {
            if (spec[field] === true) context.report({ path: [...path, field], messageId: 'hostNamespaceWithUserNamespace', data: { field } });
          }
        }
        checkOperatingSystem(context, podSpec);
      },
      Container(container, podSpec, resource) {
        if (!podTemplateChecked(context, resource)) return;
        const securityContext = container.container.securityContext;
        if (!isPlainObject(securityContext)) return;
        const contextPath = [...container.path, 'securityContext'];
        checkIds(context, securityContext, contextPath, ['runAsUser', 'runAsGroup']);
        checkProfiles(context, securityContext, contextPath);
        if (securityContext.procMount === 'Unmasked' && podSpec.spec.hostUsers !== false) {
          context.report({ path: [...contextPath, 'procMount'], messageId: 'unmaskedWithHostUsers' });
        }
        if (securityContext.allowPrivilegeEscalation === false) checkEscalation(context, securityContext, contextPath);
      },
    };
  },
});

function checkIds(context: RuleContext<MessageId>, securityContext: Record<string, unknown>, contextPath: Path, fields: readonly string[]): void {
  for (const field of fields) checkId(context, securityContext[field], [...contextPath, field], field);
}

function checkId(context: RuleContext<MessageId>, value: unknown, path: Path, field: string): void {
  if (typeof value === 'number' && Number.isInteger(value) && (value < 0 || value > MAX_ID)) {
    context.report({ path, messageId: 'idOutOfRange', data: { field, value: String(value) } });
  }
}

/** seccompProfile and appArmorProfile of a pod's or a container's securityContext (reference K5, K6). */
function checkProfiles(context: RuleContext<MessageId>, securityContext: Record<string, unknown>, contextPath: Path): void {
  for (const profile of ['seccompProfile', 'appArmorProfile'] as const) {
    const value = securityContext[profile];
    if (!isPlainObject(value)) continue;
    const path = [...contextPath, profile];
    const { type, localhostProfile } = value;
    // A missing type is schema-required's, a type outside the enum schema-enum's.
    if (type === '') {
      context.report({ path: [...path, 'type'], messageId: 'profileTypeEmpty', data: { profile } });
      continue;
    }
    const hasProfile = typeof localhostProfile === 'string' && (profile === 'seccompProfile' ? localhostProfile !== '' : localhostProfile.trim() !== '');
    if (type === 'Localhost' && !hasProfile) {
      context.report({ path: [...path, 'type'], messageId: 'localhostWithoutProfile', data: { profile } });
    } else if (typeof type === 'string' && type !== 'Localhost' && localhostProfile !== undefined && localhostProfile !== null) {
      context.report({ path: [...path, 'localhostProfile'], messageId: 'profileWithoutLocalhost', data: { type } });
    } else if (type === 'Localhost' && typeof localhostProfile === 'string') {
      const profilePath = [...path, 'localhostProfile'];
      if (profile === 'seccompProfile') {
        if (localhostProfile.startsWith('/') || localhostProfile.split('/').includes('..')) {
          context.report({ path: profilePath, messageId: 'profileNotRelative', data: { value: localhostProfile } });
        }
      } else if (localhostProfile.trim() !== localhostProfile) {
        context.report({ path: profilePath, messageId: 'profilePadded', data: { value: localhostProfile } });
      } else if (localhostProfile.length > MAX_APPARMOR_PROFILE) {
        context.report({ path: profilePath, messageId: 'profileTooLong', data: { length: String(localhostProfile.length) } });
      }
    }
  }
}

/** A pod's sysctls (reference K3): names, duplicates, and the namespaces the pod shares with the node. */
function checkSysctls(context: RuleContext<MessageId>, podSpec: PodSpecRef, securityContext: Record<string, unknown>, contextPath: Path): void {
  const seen = new Set<string>();
  for (const { item, path } of listItems(securityContext, 'sysctls', contextPath)) {
    const name = item.name;
    if (typeof name !== 'string') continue;
    const namePath = [...path, 'name'];
    if (name === '') {
      context.report({ path: namePath, messageId: 'sysctlNameEmpty' });
      continue;
    }
    if (name.length > MAX_SYSCTL_NAME || !SYSCTL_NAME.test(name)) {
      context.report({ path: namePath, messageId: 'sysctlNameInvalid', data: { value: name } });
      continue;
    }
    if (seen.has(name)) context.report({ path: namePath, messageId: 'sysctlDuplicate', data: { value: name } });
    seen.add(name);
    // Sysctl names are written with dots or slashes (net/ipv4/ip_forward).
    const dotted = name.replace(/\//g, '.');
    if (podSpec.spec.hostNetwork === true && dotted.startsWith('net.')) {
      context.report({ path: namePath, messageId: 'sysctlHostNamespace', data: { value: name, namespace: 'network', hostField: 'hostNetwork' } });
    } else if (podSpec.spec.hostIPC === true && (IPC_SYSCTLS.has(dotted) || dotted.startsWith('fs.mqueue.'))) {
      context.report({ path: namePath, messageId: 'sysctlHostNamespace', data: { value: name, namespace: 'IPC', hostField: 'hostIPC' } });
    }
  }
}

/** allowPrivilegeEscalation: false beside privileged: true or the literal capability CAP_SYS_ADMIN (reference K10). */
function checkEscalation(context: RuleContext<MessageId>, securityContext: Record<string, unknown>, contextPath: Path): void {
  if (securityContext.privileged === true) {
    context.report({ path: [...contextPath, 'allowPrivilegeEscalation'], messageId: 'escalationWithPrivileged' });
    return;
  }
  const capabilities = securityContext.capabilities;
  const added = isPlainObject(capabilities) && Array.isArray(capabilities.add) ? capabilities.add : [];
  // The server compares the text as written: SYS_ADMIN, the usual spelling, passes its check (privilege-escalation says why it still escalates).
  const index = added.indexOf('CAP_SYS_ADMIN');
  if (index !== -1) context.report({ path: [...contextPath, 'capabilities', 'add', index], messageId: 'escalationWithSysAdmin' });
}

/** os.name, and the fields the named operating system does not have (reference K13). */
function checkOperatingSystem(context: RuleContext<MessageId>, podSpec: PodSpecRef): void {
  const { spec, path } = podSpec;
  if (!isPlainObject(spec.os)) return;
  const name = spec.os.name;
  const namePath = [...path, 'os', 'name'];
  if (name === '') context.report({ path: namePath, messageId: 'osNameEmpty' });
  else if (typeof name === 'string' && name !== 'linux' && name !== 'windows') context.report({ path: namePath, messageId: 'osNameUnsupported', data: { value: name } });
  const contexts: { securityContext: Record<string, unknown>; path: Path; fields: readonly string[] }[] = [];
  if (isPlainObject(spec.securityContext)) contexts.push({ securityContext: spec.securityContext, path: [...path, 'securityContext'], fields: LINUX_POD_FIELDS });
  for (const container of podSpec.containers) {
    const securityContext = container.container.securityContext;
    if (isPlainObject(securityContext)) contexts.push({ securityContext, path: [...container.path, 'securityContext'], fields: LINUX_CONTAINER_FIELDS });
  }
  if (name === 'linux') {
    for (const { securityContext, path: contextPath } of contexts) {
      if (securityContext.windowsOptions !== undefined && securityContext.windowsOptions !== null) {
        context.report({ path: [...contextPath, 'windowsOptions'], at: 'key', messageId: 'windowsOptionsOnLinux' });
      }
    }
  } else if (name === 'windows') {
    for (const field of LINUX_SPEC_FIELDS) {
      if (spec[field] !== undefined && spec[field] !== null) context.report({ path: [...path, field], at: 'key', messageId: 'linuxFieldOnWindows', data: { field } });
    }
    for (const { securityContext, path: contextPath, fields } of contexts) {
      for (const field of fields) {
        if (securityContext[field] !== undefined && securityContext[field] !== null) {
          context.report({ path: [...contextPath, field], at: 'key', messageId: 'linuxFieldOnWindows', data: { field } });
        }
      }
    }
  }
}
