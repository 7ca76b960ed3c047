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

  it('names the closest template the plain definition names, in generated runs', () => {
    // The rule looks only at the templates that share a selector label, through an index, and stops early; the plain
    // definition compares the Service with each template of its evidence. Both must say the same.
    let state = 7;
    const next = (limit: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return (state >>> 12) % limit;
    };
    const pick = <T>(items: readonly T[]): T => items[next(items.length)]!;
    const someLabels = (atLeast: number): Record<string, string> => {
      const labels: Record<string, string> = {};
      for (const key of ['app', 'tier', 'env', 'team']) if (next(3) > 0) labels[key] = pick(['a', 'b', 'c']);
      if (Object.keys(labels).length < atLeast) labels.app = pick(['a', 'b', 'c']);
      return labels;
    };
    const flow = (labels: Record<string, string>) => `{${Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ')}}`;
    const job = (name: string, labels: string, namespace?: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata: {name: ${name}${namespace ? `, namespace: ${namespace}` : ''}}\nspec:\n  template:\n    metadata: {labels: ${labels}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox:1.36}]\n`;
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 150; round += 1) {
      const templates = Array.from({ length: 1 + next(10) }, (_, index) => ({
        name: `t${index}`,
        kind: next(6) === 0 ? 'Job' : 'Deployment',
        labels: someLabels(0),
        namespace: pick([undefined, 'shop', 'bank']),
        directory: pick(['/r/1', '/r/2', '/r/3']),
      }));
      const services = Array.from({ length: 8 }, (_, index) => ({
        name: `s${index}`,
        selector: someLabels(1),
        namespace: pick([undefined, 'shop', 'bank']),
        directory: pick(['/r/1', '/r/2', '/r/3']),
      }));
      const files = [
        ...templates.map((template) => ({
          path: `${template.directory}/${template.name}.yaml`,
          text: (template.kind === 'Job' ? job : deployment)(template.name, flow(template.labels), template.namespace),
        })),
        ...services.map((item) => ({ path: `${item.directory}/${item.name}.yaml`, text: service(item.name, flow(item.selector), item.namespace) })),
      ];
      // Templates and Services in a random order of files: run order is what breaks ties.
      const order = files.map((file) => ({ file, key: next(1000) })).sort((a, b) => a.key - b.key);
      const runOrder = (path: string) => order.findIndex(({ file }) => file.path === path);
      const result = lintRun(
        order.map(({ file }) => file),
        'service-selector-no-match',
      );
      for (const item of services) {
        const overlap = (namespace: string | undefined) => namespace === undefined || item.namespace === undefined || namespace === item.namespace;
        const shared = (labels: Record<string, string>) => Object.entries(item.selector).filter(([key, value]) => labels[key] === value).length;
        const matching = templates.filter((template) => shared(template.labels) === Object.keys(item.selector).length);
        let expected: string;
        if (matching.some((template) => overlap(template.namespace))) expected = 'selects';
        else if (matching.length > 0) expected = 'another namespace';
        else {
          const evidence = templates
            .filter((template) => template.kind !== 'Job' && overlap(template.namespace))
            .filter((template) => template.directory === item.directory || (item.namespace !== undefined && template.namespace === item.namespace))
            .sort((a, b) => runOrder(`${a.directory}/${a.name}.yaml`) - runOrder(`${b.directory}/${b.name}.yaml`));
          let closest: (typeof templates)[number] | undefined;
          for (const template of evidence) if (shared(template.labels) > (closest ? shared(closest.labels) : 0)) closest = template;
          if (evidence.length === 0) expected = 'no evidence';
          else expected = closest ? `closest ${closest.name}` : 'none close';
        }
        const messages = result.get(`${item.directory}/${item.name}.yaml`)!;
        const said = messages.map((message) => {
          if (/^\d+:\d+ The pods of /.test(message)) return 'another namespace';
          const closest = /the closest, Deployment "(\w+)", has/.exec(message);
          return closest ? `closest ${closest[1]}` : 'none close';
        });
        const silent = expected === 'selects' || expected === 'no evidence';
        assert.deepEqual(said, silent ? [] : [expected], `${item.name} ${flow(item.selector)} in ${item.namespace ?? 'no namespace'}, ${item.directory}`);
        outcomes.set(expected, (outcomes.get(expected) ?? 0) + 1);
      }
    }
    // Each outcome happens often enough to have been compared.
    for (const outcome of ['selects', 'another namespace', 'no evidence', 'none close']) assert.ok((outcomes.get(outcome) ?? 0) > 20, `${outcome}: ${outcomes.get(outcome)}`);
    assert.ok([...outcomes].filter(([outcome]) => outcome.startsWith('closest')).reduce((sum, [, count]) => sum + count, 0) > 100);
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
