// What podlint knows about Kubernetes objects, so that rules don't have to (STYLE.md point 2): which
// documents are objects, List items, where each kind keeps its pod spec, and every container with its role.
import type { SourceDocument } from './source.js';
import type { ObjectRef, Path } from './types.js';

export type KubeObject = Record<string, unknown> & { apiVersion: string; kind: string };

export type ContainerRole = 'main' | 'init' | 'sidecar' | 'ephemeral';
export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  /** main: spec.containers; init: a regular init container; sidecar: an init container with restartPolicy Always. */
  role: ContainerRole;
  list: ContainerList;
  index: number;
  /** Path of the container inside the document. */
  path: Path;
  container: Record<string, unknown>;
  name: string | undefined;
}

export interface ContainerPort {
  index: number;
  path: Path;
  containerPort: unknown;
  hostPort: unknown;
  /** As written, or TCP (the server's default). */
  protocol: string;
  name: string | undefined;
  hostIP: string | undefined;
}

export interface PodSpecRef {
  /** Path of the pod spec inside the document. */
  path: Path;
  spec: Record<string, unknown>;
  /** Path of the metadata that goes with this pod spec (the object's for a Pod, the template's otherwise). */
  metadataPath: Path;
  metadata: Record<string, unknown> | undefined;
  containers: ContainerRef[];
  /** True for Jobs and CronJobs, whose pods are meant to finish. */
  runsToCompletion: boolean;
}

interface PodSpecLocation {
  groups: readonly string[];
  path: Path;
}

const TEMPLATE_SPEC: Path = ['spec', 'template', 'spec'];

/** Kinds that hold a pod spec, the API groups they have been served from, and where the spec sits. */
const POD_SPEC_LOCATIONS: Readonly<Record<string, PodSpecLocation>> = {
  Pod: { groups: [''], path: ['spec'] },
  PodTemplate: { groups: [''], path: ['template', 'spec'] },
  ReplicationController: { groups: [''], path: TEMPLATE_SPEC },
  Deployment: { groups: ['apps', 'extensions'], path: TEMPLATE_SPEC },
  ReplicaSet: { groups: ['apps', 'extensions'], path: TEMPLATE_SPEC },
  DaemonSet: { groups: ['apps', 'extensions'], path: TEMPLATE_SPEC },
  StatefulSet: { groups: ['apps'], path: TEMPLATE_SPEC },
  Job: { groups: ['batch'], path: TEMPLATE_SPEC },
  CronJob: { groups: ['batch'], path: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
};

/** Built-in cluster-scoped kinds: a namespace written on them is ignored by the server. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PriorityClass', 'IngressClass', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'APIService',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'PodSecurityPolicy',
]);

/** Whether a built-in kind is cluster-scoped: the server ignores a namespace written on it (object identity, name checks). */
export function isClusterScopedKind(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

const RUN_TO_COMPLETION_KINDS = new Set(['Job', 'CronJob']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isKubeObject(value: unknown): value is KubeObject {
  return isPlainObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}

/**
 * A mapping that names an apiVersion or a kind (whatever else it holds) is meant as a Kubernetes object: one that
 * lacks the other, or gives one without a string value, is an object that cannot be linted (schema-required says
 * what is missing), not someone else's YAML. A mapping with neither is not a Kubernetes object at all.
 */
export function namesObjectType(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && ('apiVersion' in value || 'kind' in value) && !isHelmChartMetadata(value);
}

/**
 * A Helm chart's Chart.yaml (apiVersion v1 or v2, a name and a version, no kind): found in any repository of charts,
 * it is not a Kubernetes object, and saying it lacks a kind would be wrong.
 */
function isHelmChartMetadata(value: Record<string, unknown>): boolean {
  return !('kind' in value) && (value.apiVersion === 'v1' || value.apiVersion === 'v2') && typeof value.name === 'string' && 'version' in value;
}

/** Splits `apps/v1` into group `apps` and version `v1`; the core group is ''. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  if (slash === -1) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** An apiVersion and a kind. */
export interface ObjectType {
  apiVersion: string;
  kind: string;
}

/** One Kubernetes object of a document: the document itself, or an item of a List. */
export class Resource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly group: string;
  readonly version: string;
  private podSpecCache: PodSpecRef | null | undefined;

  constructor(
    readonly document: SourceDocument,
    /** Path of the object inside its document: [] or ['items', i]. */
    readonly path: Path,
    /** The object as written: it carries its apiVersion and kind, unless typeFromList gives them. */
    readonly object: Record<string, unknown>,
    /**
     * The type of an item of a typed list (PodList) written without apiVersion and kind: kubectl gives it the
     * list's apiVersion and the kind the list's kind names (Pod).
     */
    readonly typeFromList?: ObjectType,
  ) {
    const type = typeFromList ?? (object as KubeObject);
    this.apiVersion = type.apiVersion;
    this.kind = type.kind;
    ({ group: this.group, version: this.version } = splitApiVersion(type.apiVersion));
  }

  /**
   * The path of the field that gives this object its apiVersion or kind: its own, or the list's for an item typed
   * by its list (whose `kind` names the item's kind: PodList).
   */
  typeFieldPath(field: keyof ObjectType): Path {
    return this.typeFromList ? [field] : this.at(field);
  }

  get metadata(): Record<string, unknown> | undefined {
    return isPlainObject(this.object.metadata) ? this.object.metadata : undefined;
  }

  get name(): string | undefined {
    const name = this.metadata?.name;
    return typeof name === 'string' ? name : undefined;
  }

  get namespace(): string | undefined {
    const namespace = this.metadata?.namespace;
    return typeof namespace === 'string' ? namespace : undefined;
  }

  get ref(): ObjectRef {
    return { apiVersion: this.apiVersion, kind: this.kind, name: this.name, namespace: this.namespace };
  }

  /** The path of something inside this object, as a path of the document. */
  at(...relative: Path): Path {
    return [...this.path, ...relative];
  }

  /** The pod spec of Pods, pod templates and workloads; undefined for other kinds or when it is missing. */
  get podSpec(): PodSpecRef | undefined {
    if (this.podSpecCache === undefined) this.podSpecCache = extractPodSpec(this) ?? null;
    return this.podSpecCache ?? undefined;
  }

  /** True for kinds that hold a pod spec (whether or not this one has it). */
  get holdsPodSpec(): boolean {
    return podSpecLocation(this.kind, this.group) !== undefined;
  }
}

function podSpecLocation(kind: string, group: string): PodSpecLocation | undefined {
  const location = POD_SPEC_LOCATIONS[kind];
  return location && location.groups.includes(group) ? location : undefined;
}

/** Where, inside an object of this kind, the metadata of the pods it creates sits: the object's own for a Pod, the template's otherwise. */
export function podMetadataPath(kind: string, group: string): Path | undefined {
  const location = podSpecLocation(kind, group);
  return location && [...location.path.slice(0, -1), 'metadata'];
}

export function getIn(value: unknown, path: Path): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current)) current = current[String(segment)];
    else return undefined;
  }
  return current;
}

export function extractPodSpec(resource: Resource): PodSpecRef | undefined {
  const location = podSpecLocation(resource.kind, resource.group);
  if (!location) return undefined;
  const spec = getIn(resource.object, location.path);
  if (!isPlainObject(spec)) return undefined;
  const metadataRelative: Path = [...location.path.slice(0, -1), 'metadata'];
  const metadata = getIn(resource.object, metadataRelative);
  const path = resource.at(...location.path);
  return {
    path,
    spec,
    metadataPath: resource.at(...metadataRelative),
    metadata: isPlainObject(metadata) ? metadata : undefined,
    containers: podContainers(spec, path),
    runsToCompletion: RUN_TO_COMPLETION_KINDS.has(resource.kind),
  };
}

const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** Every container of a pod spec with its role, init containers first (the order the kubelet starts them). */
export function podContainers(spec: Record<string, unknown>, specPath: Path): ContainerRef[] {
  const result: ContainerRef[] = [];
  for (const list of CONTAINER_LISTS) {
    const items = spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isPlainObject(container)) return;
      result.push({
        role: containerRole(list, container),
        list,
        index,
        path: [...specPath, list, index],
        container,
        name: typeof container.name === 'string' ? container.name : undefined,
      });
    });
  }
  return result;
}

function containerRole(list: ContainerList, container: Record<string, unknown>): ContainerRole {
  if (list === 'containers') return 'main';
  if (list === 'ephemeralContainers') return 'ephemeral';
  return container.restartPolicy === 'Always' ? 'sidecar' : 'init';
}

/** True for containers that run for the pod's whole life: main containers and native sidecars. */
export function runsAlongsideMain(container: ContainerRef): boolean {
  return container.role === 'main' || container.role === 'sidecar';
}

/** The ports a container declares, with the server's default protocol (TCP) applied. */
const portsOfContainer = new WeakMap<ContainerRef, readonly ContainerPort[]>();

/**
 * A container's ports, read once per container: eight rules ask for them, and reading them again for each made a
 * list and a path per port every time.
 */
export function containerPorts(container: ContainerRef): readonly ContainerPort[] {
  let ports = portsOfContainer.get(container);
  if (ports === undefined) {
    ports = readContainerPorts(container);
    portsOfContainer.set(container, ports);
  }
  return ports;
}

function readContainerPorts(container: ContainerRef): readonly ContainerPort[] {
  const ports = container.container.ports;
  if (!Array.isArray(ports)) return [];
  const result: ContainerPort[] = [];
  ports.forEach((port, index) => {
    if (!isPlainObject(port)) return;
    result.push({
      index,
      path: [...container.path, 'ports', index],
      containerPort: port.containerPort,
      hostPort: port.hostPort,
      protocol: typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP',
      name: typeof port.name === 'string' ? port.name : undefined,
      hostIP: typeof port.hostIP === 'string' && port.hostIP !== '' ? port.hostIP : undefined,
    });
  });
  return result;
}

/**
 * The Kubernetes objects of one document: the document itself, or the items of a List. An entry of a List that
 * is not an object is not one (schema-type reports it), nor one without a string apiVersion and kind (schema-required
 * reports it), except in a typed list (PodList), which gives an entry with neither its own type (itemTypeOf).
 */
export function documentResources(doc: SourceDocument): Resource[] {
  const value = doc.value;
  if (!isKubeObject(value)) return [];
  if (!isListKind(value)) return [new Resource(doc, [], value)];
  const result: Resource[] = [];
  if (!Array.isArray(value.items)) return result;
  const itemType = itemTypeOf(value);
  value.items.forEach((item, index) => {
    if (isKubeObject(item)) result.push(new Resource(doc, ['items', index], item));
    else if (itemType && isPlainObject(item) && !('apiVersion' in item) && !('kind' in item)) result.push(new Resource(doc, ['items', index], item, itemType));
  });
  return result;
}

/**
 * `kind: List` (kubectl's) and typed lists such as PodList, as `kubectl get -o yaml` and the API write them. A
 * `kind: List` with `items` is one whatever they hold (kubectl reads it as a list, and refuses items that are not a
 * list of objects); another kind ending in List only with a list of items, or `items: null` (an empty list, as
 * older API servers wrote it), since a custom resource may be named FooList.
 */
export function isListKind(value: KubeObject): boolean {
  if (value.kind === 'List') return 'items' in value;
  return value.kind.endsWith('List') && (Array.isArray(value.items) || value.items === null);
}

/**
 * The type kubectl gives the items of a typed list that have neither apiVersion nor kind: the list's apiVersion, and
 * its kind without `List` (PodList: v1 Pod). A `kind: List` has none: its items must name their own.
 */
export function itemTypeOf(list: ObjectType): ObjectType | undefined {
  return list.kind === 'List' ? undefined : { apiVersion: list.apiVersion, kind: list.kind.slice(0, -'List'.length) };
}

/**
 * How a List accounts for its entries: `items` as written, counted as kubectl reads it (one entry when it is not a
 * list at all, none when empty or null). Undefined for a document that is not a List.
 */
export function listEntryCount(value: unknown): number | undefined {
  if (!isKubeObject(value) || !isListKind(value)) return undefined;
  const { items } = value;
  if (Array.isArray(items)) return items.length;
  return items === null ? 0 : 1;
}
