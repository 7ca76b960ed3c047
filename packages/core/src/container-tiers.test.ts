// The tier tables on real image references, the order in which they are consulted (user patterns, then
// helpers before data stores), and the evidence a custom image can give (its name, a data store's port).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TierClassifier, imageName } from './container-tiers.js';

const classifier = new TierClassifier();
const tierOf = (image: string) => classifier.classifyImage(image).tier;

describe('image names', () => {
  const cases: [string, string, string][] = [
    ['postgres:16', 'postgres', 'postgres'],
    ['docker.io/library/postgres:16-alpine', 'postgres', 'postgres'],
    ['library/redis', 'redis', 'redis'],
    ['bitnami/postgresql:16.2.0', 'bitnami/postgresql', 'postgresql'],
    ['quay.io/prometheuscommunity/postgres-exporter:v0.15.0', 'prometheuscommunity/postgres-exporter', 'postgres-exporter'],
    ['registry.k8s.io/git-sync/git-sync:v4.2.1', 'git-sync/git-sync', 'git-sync'],
    ['localhost:5000/team/API@sha256:abcd', 'team/api', 'api'],
    ['mcr.microsoft.com/mssql/server:2022-latest', 'mssql/server', 'server'],
  ];
  for (const [image, path, name] of cases) {
    it(image, () => assert.deepEqual([imageName(image).path, imageName(image).name], [path, name]));
  }
});

describe('built-in tiers', () => {
  const cases: [string, string | undefined][] = [
    ['postgres:16', 'data'],
    ['docker.io/library/mysql:8.4', 'data'],
    ['mariadb:11', 'data'],
    ['bitnami/redis:7.2', 'data'],
    ['valkey/valkey:8', 'data'],
    ['memcached:1.6', 'data'],
    ['mongo:7', 'data'],
    ['cassandra:5', 'data'],
    ['docker.elastic.co/elasticsearch/elasticsearch:8.13.0', 'data'],
    ['opensearchproject/opensearch:2', 'data'],
    ['rabbitmq:3-management', 'data'],
    ['confluentinc/cp-kafka:7.6.0', 'data'],
    ['zookeeper:3.9', 'data'],
    ['registry.k8s.io/etcd:3.5.12-0', 'data'],
    ['nats:2.10', 'data'],
    ['clickhouse/clickhouse-server:24', 'data'],
    ['cockroachdb/cockroach:v23.2.0', 'data'],
    ['influxdb:2.7', 'data'],
    ['minio/minio:RELEASE.2024-01-01T00-00-00Z', 'data'],
    ['mcr.microsoft.com/mssql/server:2022-latest', 'data'],
    ['registry.k8s.io/redis:v1', 'data'],
    ['nginx:1.27', 'web'],
    ['nginxinc/nginx-unprivileged:1.27', 'web'],
    ['httpd:2.4', 'web'],
    ['php:8.3-fpm', 'web'],
    ['wordpress:6', 'web'],
    ['node:20-alpine', 'web'],
    ['python:3.12-slim', 'web'],
    ['tomcat:10', 'web'],
    ['jetty:12', 'web'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 'web'],
    ['mongo-express:1.0', 'web'],
    ['redis-commander:latest', 'web'],
    ['rediscommander/redis-commander:latest', 'web'],
    ['fluent/fluentd:v1.16', 'helper'],
    ['fluent/fluent-bit:3.0', 'helper'],
    ['registry.k8s.io/fluentd-gcp:1.30', 'helper'],
    ['quay.io/fluentd_elasticsearch/fluentd:v4', 'helper'],
    ['docker.elastic.co/beats/filebeat:8.13.0', 'helper'],
    ['grafana/promtail:3.0', 'helper'],
    ['timberio/vector:0.37.0-alpine', 'helper'],
    ['envoyproxy/envoy:v1.30.0', 'helper'],
    ['docker.io/istio/proxyv2:1.21.0', 'helper'],
    ['cr.l5d.io/linkerd/proxy:stable-2.14.10', 'helper'],
    ['quay.io/oauth2-proxy/oauth2-proxy:v7.6.0', 'helper'],
    ['gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.10.0', 'helper'],
    ['gcr.io/cloudsql-docker/gce-proxy:1.33.2', 'helper'],
    ['bitnami/pgbouncer:1.22', 'helper'],
    ['quay.io/prometheuscommunity/postgres-exporter:v0.15.0', 'helper'],
    ['oliver006/redis_exporter:v1.58.0', 'helper'],
    ['prom/mysqld-exporter:v0.15.1', 'helper'],
    ['ghcr.io/jimmidyson/configmap-reload:v0.12.0', 'helper'],
    ['registry.k8s.io/git-sync/git-sync:v4.2.1', 'helper'],
    ['hashicorp/vault:1.16', 'helper'],
    ['docker.io/alpine/socat:1.8.0.3', 'helper'],
    ['gcr.io/google-samples/xtrabackup:1.0', 'helper'],
    ['busybox:1.36', undefined],
    ['registry.k8s.io/pause:3.9', undefined],
    ['mycompany/orders-api:2.3.1', undefined],
    ['postgres-operator:1.0', undefined],
  ];
  for (const [image, tier] of cases) it(`${image} -> ${tier ?? 'unknown'}`, () => assert.equal(tierOf(image), tier));
});

describe('containers', () => {
  it('a data image running its client tool is not the data store', () => {
    const result = classifier.classify({ name: 'backup', image: 'postgres:16', command: ['sh', '-c', 'pg_dump -h db app > /backup/app.sql'] });
    assert.deepEqual([result.tier, result.reason, result.evidence], ['other', 'client', 'pg_dump']);
  });
  it('a data image whose command starts its server still is', () => {
    assert.equal(classifier.classify({ name: 'cache', image: 'redis:7', command: ['redis-server', '/etc/redis/redis.conf'] }).tier, 'data');
    assert.equal(classifier.classify({ name: 'zk', image: 'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10', command: ['sh', '-c', 'start-zookeeper --servers=3'] }).tier, 'data');
    assert.equal(classifier.classify({ name: 'db', image: 'mongo:7', args: ['--bind_ip', '0.0.0.0'] }).tier, 'data');
  });
  it('a custom image that serves a data store port is a data store', () => {
    const result = classifier.classify({ name: 'db', image: 'registry.example.com/team/db-image:3', ports: [{ containerPort: 5432 }] });
    assert.deepEqual([result.tier, result.reason, result.evidence], ['data', 'port', '5432 (PostgreSQL)']);
  });
  it('but not when nothing in its names speaks of a data store', () => {
    assert.equal(classifier.classify({ name: 'api', image: 'team/api:1', ports: [{ containerPort: 5432 }] }).tier, undefined);
    assert.equal(classifier.classify({ name: 'orders', image: 'team/orders-db:1', ports: [{ containerPort: 5432 }] }).tier, 'data');
  });
  it('unless its name says it is a helper (an ambassador listening on the same port)', () => {
    assert.equal(classifier.classify({ name: 'db-relay', image: 'team/tcp-relay:1', ports: [{ containerPort: 5432 }] }).tier, 'helper');
    assert.equal(classifier.classify({ name: 'db-ambassador', image: 'team/tcp-relay:1', ports: [{ containerPort: 5432 }] }).tier, 'helper');
    assert.equal(classifier.classify({ name: 'relay', image: 'team/db-proxy:1', ports: [{ containerPort: 5432 }] }).tier, 'helper');
  });
  it('a custom image named as a helper is one', () => {
    for (const name of ['log-shipper', 'logshipper', 'istio-proxy', 'metrics-exporter', 'config-reloader', 'app-sidecar', 'ambassador']) {
      assert.equal(classifier.classify({ name, image: 'team/thing:1' }).tier, 'helper', name);
    }
  });
  it('a custom image without evidence stays unclassified', () => {
    const result = classifier.classify({ name: 'api', image: 'team/api:1', ports: [{ containerPort: 8080 }] });
    assert.deepEqual([result.tier, result.reason], [undefined, 'none']);
  });
});

describe('user patterns', () => {
  it('come before the built-in tables', () => {
    const custom = new TierClassifier({ helper: ['postgres'], data: ['team/ledger-*'], web: ['*-frontend'], other: ['nginx'] });
    assert.equal(custom.classifyImage('postgres:16').tier, 'helper');
    assert.equal(custom.classifyImage('registry.example.com/team/ledger-store:2').tier, 'data');
    assert.equal(custom.classifyImage('team/shop-frontend:1').tier, 'web');
    assert.equal(custom.classifyImage('nginx:1.27').tier, 'other');
    assert.equal(custom.classifyImage('mysql:8').tier, 'data');
  });
  it('can name a registry', () => {
    const custom = new TierClassifier({ data: ['registry.example.com/db/*'] });
    assert.equal(custom.classifyImage('registry.example.com/db/orders:1').tier, 'data');
    assert.equal(custom.classifyImage('other.example.com/db/orders:1').tier, undefined);
  });
  it('match case-insensitively and treat regex characters literally', () => {
    const custom = new TierClassifier({ data: ['Team/Store.v2'] });
    assert.equal(custom.classifyImage('team/store.v2:1').tier, 'data');
    assert.equal(custom.classifyImage('team/storeXv2:1').tier, undefined);
  });
});
