// The Service rules across files, which fixtures (one file each) cannot show: a Service is matched against the pod
// templates of every file of the run, reported in its own file, and judged only when its directory (or its
// namespace, written out on both) holds workloads. service-target-port-missing resolves ports across files too.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintRun } from './lint-run-utils.js';

const deployment = (name: string, labels: string, namespace?: string, ports = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    `  selector: {matchLabels: ${labels}}`,
    '  template:',
    `    metadata: {labels: ${labels}}`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: ${name}:1.0`,
    ...(ports ? [`          ports: ${ports}`] : []),
    '',
  ].join('\n');

const service = (name: string, selector: string, namespace?: string, ports = '[{port: 80, targetPort: http}]') =>
  [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    `  selector: ${selector}`,
    `  ports: ${ports}`,
    '',
  ].join('\n');

describe('service rules across files', () => {
  it('lists five selected workloads and counts the rest, however many Services select them', () => {
    const files = [
      ...Array.from({ length: 40 }, (_, index) => ({ path: `/repo/web/deployment-${index}.yaml`, text: deployment(`web-${index}`, '{app: web}', 'shop', '[{name: http, containerPort: 8080}]') })),
      ...Array.from({ length: 3 }, (_, index) => ({ path: `/repo/web/service-${index}.yaml`, text: service(`web-${index}`, '{app: web}', undefined, '[{port: 80, targetPort: 9090}]') })),
      { path: '/repo/web/moved.yaml', text: service('moved', '{app: web}', 'elsewhere') },
    ];
    const targets = lintRun(files, 'service-target-port-missing');
    for (let index = 0; index < 3; index += 1) {
      assert.deepEqual(targets.get(`/repo/web/service-${index}.yaml`), [
        '7:34 No container of the pods this Service selects (Deployment "web-0", Deployment "web-1", Deployment "web-2", Deployment "web-3", Deployment "web-4" and 35 more) declares port 9090/TCP: the traffic goes to a port nothing says it listens on. Target one of the declared ports (8080/TCP) or declare 9090 on the container.',
      ]);
    }
    const selectors = lintRun(files, 'service-selector-no-match');
    assert.equal(selectors.get('/repo/web/moved.yaml')!.length, 1);
    assert.match(selectors.get('/repo/web/moved.yaml')![0]!, /^7:3 The pods of Deployment "web-0", .*Deployment "web-4" and 35 more have the labels/);
  });

  it('lists five declared ports and names and counts the rest; a name declared for another protocol is named', () => {
    const ports = `[${Array.from({ length: 8 }, (_, index) => `{name: p${index}, containerPort: ${8000 + index}}`).join(', ')}, {name: dns, containerPort: 53, protocol: UDP}]`;
    const files = [
      { path: '/repo/app/deployment.yaml', text: deployment('app', '{app: a}', undefined, ports) },
      { path: '/repo/app/service.yaml', text: service('app', '{app: a}', undefined, '[{port: 80, targetPort: 9090}, {port: 81, targetPort: web}, {port: 53, targetPort: dns}, {port: 82, targetPort: p7}]') },
    ];
    assert.deepEqual(lintRun(files, 'service-target-port-missing').get('/repo/app/service.yaml'), [
      '7:34 No container of the pods this Service selects (Deployment "app") declares port 9090/TCP: the traffic goes to a port nothing says it listens on. Target one of the declared ports (8000/TCP, 8001/TCP, 8002/TCP, 8003/TCP, 8004/TCP and 4 more) or declare 9090 on the container.',
      '7:64 No container of the pods this Service selects (Deployment "app") declares a TCP port named "web", so the Service has no endpoint for it and its traffic fails. Name the container port "web", or target a declared name ("p0", "p1", "p2", "p3", "p4" and 3 more).',
      '7:93 The selected pods (Deployment "app") declare the port named "dns" as UDP, but this Service port is TCP: a named targetPort must match both, so the Service has no endpoint for it. Make the protocols agree.',
    ]);
  });

  it('matches a Service against the pod templates of other files', () => {
    const result = lintRun(
      [
        { path: '/repo/web/service.yaml', text: service('web', '{app: web}') },
        { path: '/repo/web/deployment.yaml', text: deployment('web', '{app: web}', undefined, '[{name: http, containerPort: 8080}]') },
      ],
      'service-selector-no-match',
    );
    assert.deepEqual([...result.values()].flat(), []);
  });

  it('reports the Service in its own file when its directory holds other workloads', () => {
    const result = lintRun(
      [
        { path: '/repo/web/deployment.yaml', text: deployment('web', '{app: web}') },
        { path: '/repo/web/service.yaml', text: service('web', '{app: frontend}') },
      ],
      'service-selector-no-match',
    );
    assert.deepEqual(result.get('/repo/web/deployment.yaml'), []);
    assert.equal(result.get('/repo/web/service.yaml')!.length, 1);
    assert.match(result.get('/repo/web/service.yaml')![0]!, /^6:3 No pod template/);
  });

  it('stays quiet for a Service whose directory and namespace hold no workload of the run', () => {
    const result = lintRun(
      [
        { path: '/repo/apps/web/deployment.yaml', text: deployment('web', '{app: web}') },
        { path: '/repo/monitoring/exporter-service.yaml', text: service('exporter', '{app: exporter}', 'monitoring') },
      ],
      'service-selector-no-match',
    );
    assert.deepEqual([...result.values()].flat(), []);
  });

  it('judges a Service by the workloads of its namespace in other directories', () => {
    const result = lintRun(
      [
        { path: '/repo/workloads/web.yaml', text: deployment('web', '{app: web}', 'shop') },
        { path: '/repo/services/web.yaml', text: service('web', '{app: wbe}', 'shop') },
      ],
      'service-selector-no-match',
    );
    assert.equal(result.get('/repo/services/web.yaml')!.length, 1);
  });

  it('names the namespace when the matching pods are in another one', () => {
    const result = lintRun(
      [
        { path: '/repo/workloads/web.yaml', text: deployment('web', '{app: web}', 'shop') },
        { path: '/repo/services/web.yaml', text: service('web', '{app: web}', 'default') },
      ],
      'service-selector-no-match',
    );
    assert.deepEqual(result.get('/repo/services/web.yaml'), [
      '7:3 The pods of Deployment "web" have the labels app=web, but they are in namespace "shop" and a Service selects pods only in its own namespace ("default"). Put the Service in the namespace of its pods.',
    ]);
  });

  it('selects, in each namespace, the templates without a namespace and those of its own, however many namespaces share one selection', () => {
    // Namespaces that no template names share one selection (the templates without a namespace): the first Service
    // to ask must not decide what the others see.
    const ports = '[{port: 80, targetPort: metrics}, {port: 81, targetPort: nope}]';
    const files = [
      { path: '/repo/web/other-1.yaml', text: service('other-1', '{app: web}', 'other-1', ports) },
      { path: '/repo/web/any.yaml', text: deployment('any', '{app: web}', undefined, '[{name: http, containerPort: 8080}]') },
      { path: '/repo/web/shop.yaml', text: deployment('shop', '{app: web}', 'shop', '[{name: metrics, containerPort: 9090}]') },
      { path: '/repo/web/in-shop.yaml', text: service('in-shop', '{app: web}', 'shop', ports) },
      { path: '/repo/web/other-2.yaml', text: service('other-2', '{app: web}', 'other-2', ports) },
      { path: '/repo/web/anywhere.yaml', text: service('anywhere', '{app: web}', undefined, ports) },
    ];
    const result = lintRun(files, 'service-target-port-missing');
    const missing = (port: string, workloads: string, names: string) =>
      `No container of the pods this Service selects (${workloads}) declares a TCP port named "${port}", so the Service has no endpoint for it and its traffic fails. Name the container port "${port}", or target a declared name (${names}).`;
    for (const path of ['/repo/web/other-1.yaml', '/repo/web/other-2.yaml']) {
      assert.deepEqual(result.get(path), [`8:34 ${missing('metrics', 'Deployment "any"', '"http"')}`, `8:67 ${missing('nope', 'Deployment "any"', '"http"')}`]);
    }
    for (const path of ['/repo/web/in-shop.yaml', '/repo/web/anywhere.yaml']) {
      const line = path.endsWith('anywhere.yaml') ? 7 : 8;
      assert.deepEqual(result.get(path), [`${line}:67 ${missing('nope', 'Deployment "any", Deployment "shop"', '"http", "metrics"')}`]);
    }
  });

  it('resolves targetPorts against the containers of the selected workloads in other files', () => {
    const files = [
      { path: '/repo/web/deployment.yaml', text: deployment('web', '{app: web}', undefined, '[{name: http, containerPort: 8080}]') },
      { path: '/repo/web/service.yaml', text: service('web', '{app: web}', undefined, '[{port: 80, targetPort: http}, {port: 81, targetPort: metrics}]') },
    ];
    const result = lintRun(files, 'service-target-port-missing');
    assert.deepEqual(result.get('/repo/web/deployment.yaml'), []);
    assert.equal(result.get('/repo/web/service.yaml')!.length, 1);
    assert.match(result.get('/repo/web/service.yaml')![0]!, /^7:64 .*port named "metrics"/);
  });
});
