// A Service port whose targetPort no container of the selected pods declares. A named targetPort is looked up by
// name and protocol in each pod's containers: when none has it, the endpoints leave that port out and the traffic
// fails. A numbered one reaches the pod whether declared or not, so it is compared only when the selected
// containers declare ports at all: then a number none of them declares is most likely a typo or a stale port.
import {
  containerPorts,
  equalitySelector,
  isPlainObject,
  runsAlongsideMain,
  selectedPodTemplates,
  selectionKey,
  type ContainerPort,
  type ProjectIndex,
} from '@podlint/core';
import { createRule, listForMessage } from './rule-utils.js';

export default createRule({
  name: 'service-target-port-missing',
  meta: {
    type: 'problem',
    severity: 'warning',
    docs: { description: 'A Service targetPort (name or number) that no container of the selected pods declares.', recommended: true },
    messages: {
      namedPort:
        'No container of the pods this Service selects ({{workloads}}) declares a {{protocol}} port named "{{port}}", so the Service has no endpoint for it and its traffic fails. Name the container port "{{port}}"{{alternatives}}.',
      protocolMismatch:
        'The selected pods ({{workloads}}) declare the port named "{{port}}" as {{declaredProtocol}}, but this Service port is {{protocol}}: a named targetPort must match both, so the Service has no endpoint for it. Make the protocols agree.',
      numberedPort:
        'No container of the pods this Service selects ({{workloads}}) declares port {{port}}/{{protocol}}{{defaulted}}: the traffic goes to a port nothing says it listens on. Target one of the declared ports ({{declared}}) or declare {{port}} on the container.',
    },
    scope: 'project',
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Service(service) {
        const spec = service.object.spec;
        if (service.group !== '' || !isPlainObject(spec) || spec.type === 'ExternalName' || !Array.isArray(spec.ports)) return;
        const selector = equalitySelector(spec.selector);
        if (!selector) return;
        const selection = selectionOf(context.project, selector, service.namespace);
        // Nothing selected is service-selector-no-match's finding; a template without a readable pod spec (a custom
        // resource) may declare anything.
        if (!selection) return;
        const { ports, workloads } = selection;
        spec.ports.forEach((port, index) => {
          if (!isPlainObject(port)) return;
          const protocol = typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP';
          const defaulted = port.targetPort === undefined || port.targetPort === null;
          const target = defaulted ? port.port : port.targetPort;
          const path = service.at('spec', 'ports', index, defaulted ? 'port' : 'targetPort');
          const sameProtocol = ports.byProtocol.get(protocol);
          // A quoted number ("8080") or one outside 1-65535 is rejected by the API server: port-invalid reports it.
          if (typeof target === 'string' && !/^\d+$/.test(target)) {
            if (sameProtocol?.names.has(target)) return;
            const otherProtocol = ports.byName.get(target);
            if (otherProtocol) {
              context.report({ path, messageId: 'protocolMismatch', data: { workloads, port: target, protocol, declaredProtocol: otherProtocol.protocol } });
              return;
            }
            const alternatives = sameProtocol && sameProtocol.names.size > 0 ? `, or target a declared name (${sameProtocol.namesListed})` : '';
            context.report({ path, messageId: 'namedPort', data: { workloads, port: target, protocol, alternatives } });
          } else if (typeof target === 'number' && target >= 1 && target <= 65535 && ports.count > 0 && ports.allNumbered) {
            if (sameProtocol?.numbers.has(target)) return;
            context.report({
              path,
              messageId: 'numberedPort',
              data: { workloads, port: target, protocol, declared: ports.numbersListed, defaulted: defaulted ? ' (targetPort defaults to port)' : '' },
            });
          }
        });
      },
    };
  },
});

/**
 * The ports the selected pods' containers declare, indexed: a Service of thousands of ports once compared each
 * with every declared port, and listed all of them in each message.
 */
interface DeclaredPorts {
  count: number;
  /** For each protocol, the names and numbers declared with it, and its names as a message lists them. */
  byProtocol: Map<string, { names: Set<string>; numbers: Set<number>; namesListed: string }>;
  /** The first port declared with each name, whatever its protocol. */
  byName: Map<string, ContainerPort>;
  /** Every declared number with its protocol (`8080/TCP`), as a message lists them. */
  numbersListed: string;
  /**
   * False when a declared port has no containerPort or one that is not a number (`"8080"`): the schema rules report
   * it, and until it is fixed what the pods declare is not known, so numbers are not compared.
   */
  allNumbered: boolean;
}

function indexPorts(declared: readonly ContainerPort[]): DeclaredPorts {
  const byProtocol: DeclaredPorts['byProtocol'] = new Map();
  const byName = new Map<string, ContainerPort>();
  const numbers = new Set<string>();
  let allNumbered = true;
  for (const port of declared) {
    let entry = byProtocol.get(port.protocol);
    if (!entry) {
      entry = { names: new Set(), numbers: new Set(), namesListed: '' };
      byProtocol.set(port.protocol, entry);
    }
    if (port.name) {
      entry.names.add(port.name);
      if (!byName.has(port.name)) byName.set(port.name, port);
    }
    if (typeof port.containerPort !== 'number') {
      allNumbered = false;
      continue;
    }
    entry.numbers.add(port.containerPort);
    numbers.add(`${port.containerPort}/${port.protocol}`);
  }
  for (const entry of byProtocol.values()) entry.namesListed = listForMessage([...entry.names].map((name) => `"${name}"`));
  return { count: declared.length, byProtocol, byName, numbersListed: listForMessage([...numbers]), allNumbered };
}

interface Selection {
  /** The ports the selected pods' containers declare. */
  ports: DeclaredPorts;
  /** The selected workloads, as a message lists them. */
  workloads: string;
}

/**
 * What a selector selects in a namespace, worked out once per run for each selection: Services often share one
 * (a headless and a regular Service of one app), and a run of thousands of them once took minutes. Services in
 * namespaces that no selected template names share one too (selectionKey): keyed by namespace, 2,000 Services in
 * 2,000 namespaces each indexed the ports of the same 2,000 Deployments (22 s).
 */
function selectionOf(project: ProjectIndex, selector: Readonly<Record<string, string>>, namespace: string | undefined): Selection | undefined {
  const key = `service-target-port-missing\u0002${selectionKey(project, selector, namespace)}`;
  return project.memo(key, (run): Selection | undefined => {
    const selected = selectedPodTemplates(run, selector, namespace);
    if (selected.length === 0 || selected.some((template) => !template.podSpec)) return undefined;
    return {
      ports: indexPorts(selected.flatMap((template) => template.podSpec!.containers.filter(runsAlongsideMain).flatMap(containerPorts))),
      workloads: listForMessage([...new Set(selected.map((template) => `${template.resource.kind} "${template.resource.name ?? '(unnamed)'}"`))]),
    };
  });
}
