// Which tier a container belongs to, read from its image (and, for custom images, its ports and name): data
// stores and queues, web/app servers, helpers that serve a main container (log shippers, proxies, exporters),
// or other. The pod-design rules (split-tiers, loosely-coupled-containers, job-sidecar-blocks-completion)
// share it. The tables are data: rules document them and let users extend or override them through options.
import { parseImageReference } from './images.js';
import { isPlainObject } from './kubernetes.js';

export type ContainerTier = 'data' | 'web' | 'helper' | 'other';

/** Image patterns per tier, as users write them in a rule's `tiers` option. */
export type TierPatterns = Partial<Record<ContainerTier, readonly string[]>>;

export interface TierClassification {
  tier: ContainerTier | undefined;
  /** What decided: the image, a data store's default port, the container's name, or a data image running a client tool. */
  reason: 'image' | 'port' | 'name' | 'client' | 'none';
  /** The image's short name (`postgres` for `docker.io/library/postgres:16`), or the container name for 'name'. */
  subject: string;
  /** The pattern, port or tool that matched. */
  evidence?: string;
}

/**
 * The built-in tables. A pattern without `/` is matched against the image's last path segment; one with `/`
 * against the end of its path (the registry, `docker.io/library/` and a tag or digest are ignored), or against
 * the whole reference when it starts with a registry host. `*` matches within one segment. Helpers are looked
 * up first, because many carry a data store's name (`postgres-exporter`, `fluentd-elasticsearch`).
 */
export const DEFAULT_TIER_PATTERNS: Readonly<Record<Exclude<ContainerTier, 'other'>, readonly string[]>> = {
  helper: [
    // Log shippers and telemetry agents.
    'fluentd', 'fluentd-*', 'fluent-bit', 'fluent-bit-*', 'filebeat', 'metricbeat', 'promtail', 'vector', 'logstash',
    'opentelemetry-collector', 'opentelemetry-collector-contrib', 'otelcol', 'otelcol-contrib', 'jaeger-agent',
    'telegraf', 'datadog/agent', 'datadoghq/agent', 'splunk/universalforwarder', 'logrotate', 'log-shipper', 'logshipper',
    // Proxies and ambassadors.
    'envoy', 'envoy-*', 'proxyv2', 'linkerd/proxy', 'linkerd2-proxy', 'oauth2-proxy', 'kube-rbac-proxy', 'cloud-sql-proxy',
    'cloudsql-proxy', 'gce-proxy', 'alloydb-auth-proxy', 'pgbouncer', 'pgpool', 'proxysql', 'twemproxy', 'socat',
    'cloudflared', 'ghostunnel', 'stunnel', 'daprd', 'consul-dataplane', 'kuma-dp', 'aws-appmesh-envoy',
    // Exporters, config reloaders, secret and repository syncers, backup agents.
    '*-exporter', '*_exporter', 'configmap-reload', 'config-reloader', 'prometheus-config-reloader', 'k8s-sidecar',
    'git-sync', 'vault', 'vault-agent', 'vault-k8s', 'consul-template', 'envconsul', 'spiffe-helper', 'spire-agent',
    'xtrabackup', 'wal-g', 'pgbackrest', 'litestream',
  ],
  data: [
    'postgres', 'postgresql', 'postgresql-repmgr', 'postgis', 'timescaledb', 'timescaledb-ha', 'spilo-*', 'mysql', 'mysql-server',
    'percona', 'percona-server', 'percona-xtradb-cluster', 'mariadb', 'mariadb-galera', 'mysql-galera', 'mongo', 'mongodb',
    'mongodb-community-server', 'mongodb-enterprise-server', 'redis', 'redis-stack', 'redis-stack-server', 'redis-sentinel',
    'redis-cluster', 'valkey', 'valkey-cluster', 'keydb', 'dragonfly', 'memcached', 'cassandra', 'scylla', 'elasticsearch',
    'opensearch', 'solr', 'rabbitmq', 'kafka', 'cp-kafka', 'cp-server', 'zookeeper', 'cp-zookeeper', 'kubernetes-zookeeper',
    'etcd', 'nats', 'nats-streaming', 'clickhouse', 'clickhouse-server', 'cockroach', 'influxdb', 'minio', 'couchdb',
    'couchbase', 'couchbase-server', 'neo4j', 'arangodb', 'rethinkdb', 'hazelcast', 'ignite', 'mssql/server', 'pulsar',
    'activemq', 'activemq-artemis', 'artemis', 'emqx', 'eclipse-mosquitto', 'nsqd', 'redpanda', 'questdb', 'typesense',
    'meilisearch', 'qdrant', 'weaviate', 'milvus', 'dgraph', 'tidb', 'tikv', 'yugabyte',
  ],
  web: [
    'nginx', 'nginx-unprivileged', 'openresty', 'httpd', 'apache', 'apache2', 'php', 'php-fpm', 'wordpress', 'drupal',
    'joomla', 'ghost', 'node', 'python', 'ruby', 'tomcat', 'jetty', 'wildfly', 'payara', 'open-liberty',
    'websphere-liberty', 'caddy', 'gunicorn', 'uwsgi', 'django', 'rails', 'aspnet', 'nextcloud', 'gitea', 'grafana',
    'kibana', 'jenkins', 'keycloak', 'mediawiki', 'phpmyadmin', 'pgadmin4', 'adminer', 'mongo-express',
    'redis-commander', 'kafka-ui', 'metabase', 'superset', 'gb-frontend', 'http-echo',
  ],
};

/**
 * Default ports of data stores: a custom image that serves one, and whose name names a data store, is taken
 * for that store (unless its name says helper). Only ports that nothing else commonly uses: 9000 (ClickHouse, but also PHP-FPM and MinIO) is not here.
 */
export const DATA_STORE_PORTS: Readonly<Record<number, string>> = {
  5432: 'PostgreSQL', 3306: 'MySQL', 27017: 'MongoDB', 6379: 'Redis', 11211: 'memcached', 9042: 'Cassandra',
  9200: 'Elasticsearch', 5672: 'RabbitMQ', 9092: 'Kafka', 2181: 'ZooKeeper', 2379: 'etcd', 4222: 'NATS',
  26257: 'CockroachDB', 8086: 'InfluxDB', 7687: 'Neo4j', 28015: 'RethinkDB', 1433: 'SQL Server',
};

/** Words in a container's or image's name that mark a helper: the sidecar, ambassador and adapter patterns. */
const HELPER_NAME = /(^|[-_.])(sidecar|ambassador|adapter|proxy|relay|tunnel|forwarder|pooler|bouncer|router|exporter|log-?shipper|log-?forwarder|logging-agent|fluentd|fluent-bit|envoy|reloader|git-sync|vault-agent)([-_.]|$)/;

/** Words in a custom container's or image's name that back up a data store's port (ambassadors listen on them too). */
const DATA_NAME = /(^|[-_.])(db|database|sql|mysql|mariadb|postgres|postgresql|pg|mongo|mongodb|redis|valkey|cache|memcache|memcached|queue|mq|rabbitmq|kafka|broker|elastic|elasticsearch|search|store|storage|etcd|zk|zookeeper|cassandra|influx|influxdb|neo4j|cockroach|cockroachdb|nats|mssql)([-_.\d]|$)/;

/** Client tools shipped in data-store images: a container that runs one is a task or helper, not the store. */
const DATA_CLIENT_TOOLS = new Set([
  'psql', 'pg_dump', 'pg_dumpall', 'pg_restore', 'pg_basebackup', 'pg_isready', 'redis-cli', 'mysql', 'mysqldump',
  'mysqladmin', 'mysqlsh', 'mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'cqlsh',
  'nodetool', 'rabbitmqctl', 'rabbitmqadmin', 'etcdctl', 'clickhouse-client', 'influx', 'mc', 'kafka-topics',
  'kafka-topics.sh', 'kafka-console-consumer', 'kafka-console-consumer.sh', 'kafka-console-producer',
  'kafka-console-producer.sh', 'zkcli.sh', 'zkCli.sh', 'curl', 'wget',
]);

/** Server programs of data-store images: a command that names one still runs the store. */
const DATA_SERVER_PROGRAMS = new Set([
  'postgres', 'postgresql', 'pg_ctl', 'mysqld', 'mysqld_safe', 'mariadbd', 'mongod', 'mongos', 'redis-server', 'redis-sentinel',
  'valkey-server', 'memcached', 'cassandra', 'elasticsearch', 'rabbitmq-server', 'kafka-server-start', 'kafka-server-start.sh',
  'zkServer.sh', 'start-zookeeper', 'etcd', 'nats-server', 'clickhouse-server', 'cockroach', 'influxd', 'minio', 'docker-entrypoint.sh',
]);

interface CompiledPattern {
  source: string;
  regex: RegExp;
  /** Matched against the whole reference (registry included) rather than the path's end. */
  withRegistry: boolean;
  segments: number;
}

export interface ImageName {
  /** Lower-cased path without the registry and `library/`: `bitnami/postgresql`, `postgres`. */
  path: string;
  /** The path's last segment. */
  name: string;
  /** Lower-cased repository with the registry as written. */
  repository: string;
}

export function imageName(image: string): ImageName {
  const repository = parseImageReference(image.trim()).repository.toLowerCase();
  const segments = repository.split('/');
  if (segments.length > 1 && looksLikeRegistry(segments[0]!)) segments.shift();
  if (segments.length > 1 && segments[0] === 'library') segments.shift();
  const path = segments.join('/');
  return { path, name: segments[segments.length - 1] ?? '', repository };
}

function looksLikeRegistry(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost';
}

function compilePattern(source: string): CompiledPattern {
  const lower = source.toLowerCase().trim();
  const body = lower
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  const segments = lower.split('/');
  const withRegistry = segments.length > 1 && looksLikeRegistry(segments[0]!);
  return { source, regex: new RegExp(`^${body}$`), withRegistry, segments: segments.length };
}

function patternMatches(pattern: CompiledPattern, image: ImageName): boolean {
  if (pattern.withRegistry) return pattern.regex.test(image.repository);
  if (pattern.segments === 1) return pattern.regex.test(image.name);
  const parts = image.path.split('/');
  if (parts.length < pattern.segments) return false;
  return pattern.regex.test(parts.slice(parts.length - pattern.segments).join('/'));
}

const LOOKUP_ORDER: readonly ContainerTier[] = ['other', 'helper', 'data', 'web'];

let compiledDefaults: [ContainerTier, CompiledPattern[]][] | undefined;

/** Images classified by the built-in tables alone, shared by every classifier without user patterns (bounded). */
const defaultImageCache = new Map<string, TierClassification>();
const MAX_CACHED_IMAGES = 10_000;

/** Classifies containers by the user's patterns first, then the built-in tables (compiled once per process). */
const classifiers = new WeakMap<TierPatterns, TierClassifier>();
const NO_PATTERNS: TierPatterns = {};

export class TierClassifier {
  private readonly userPatterns: [ContainerTier, CompiledPattern[]][];
  private readonly defaultPatterns: [ContainerTier, CompiledPattern[]][];
  // Rules build a classifier per file and ask about the same images again and again: the answers are kept.
  private readonly imageCache: Map<string, TierClassification>;

  /**
   * The classifier of a rule's `tiers` option. Rules ask for one in every file, with the same option object for all
   * the files of a config, so one classifier (and its cache of images) serves them all instead of one per file.
   */
  static for(userPatterns: TierPatterns = NO_PATTERNS): TierClassifier {
    let classifier = classifiers.get(userPatterns);
    if (!classifier) {
      classifier = new TierClassifier(userPatterns);
      classifiers.set(userPatterns, classifier);
    }
    return classifier;
  }

  constructor(userPatterns: TierPatterns = {}) {
    this.userPatterns = LOOKUP_ORDER.map((tier) => [tier, (userPatterns[tier] ?? []).map(compilePattern)]);
    this.imageCache = this.userPatterns.some(([, patterns]) => patterns.length > 0) ? new Map() : defaultImageCache;
    compiledDefaults ??= (['helper', 'data', 'web'] as const).map((tier) => [tier, DEFAULT_TIER_PATTERNS[tier].map(compilePattern)]);
    this.defaultPatterns = compiledDefaults;
  }

  /** The tier of an image by its patterns alone. */
  classifyImage(image: string): TierClassification {
    let classification = this.imageCache.get(image);
    if (!classification) {
      classification = this.classifyImageUncached(image);
      if (this.imageCache.size >= MAX_CACHED_IMAGES) this.imageCache.clear();
      this.imageCache.set(image, classification);
    }
    return classification;
  }

  private classifyImageUncached(image: string): TierClassification {
    const name = imageName(image);
    for (const table of [this.userPatterns, this.defaultPatterns]) {
      for (const [tier, patterns] of table) {
        const pattern = patterns.find((candidate) => patternMatches(candidate, name));
        if (pattern) return { tier, reason: 'image', subject: name.name, evidence: pattern.source };
      }
    }
    return { tier: undefined, reason: 'none', subject: name.name };
  }

  /**
   * The tier of a container: its image first; a data-store image that runs a client tool is 'other'; a custom
   * image is a helper when its name says so, or a data store when it serves a data store's default port and
   * its name says so too (an ambassador listens on the same port).
   */
  classify(container: Record<string, unknown>): TierClassification {
    const image = typeof container.image === 'string' ? container.image : '';
    const containerName = typeof container.name === 'string' ? container.name.toLowerCase() : '';
    const byImage = this.classifyImage(image);
    if (byImage.tier === 'data') {
      const tool = clientToolOf(container);
      return tool ? { tier: 'other', reason: 'client', subject: byImage.subject, evidence: tool } : byImage;
    }
    if (byImage.tier !== undefined) return byImage;
    if (HELPER_NAME.test(containerName)) return { tier: 'helper', reason: 'name', subject: containerName, evidence: containerName };
    if (HELPER_NAME.test(byImage.subject)) return { tier: 'helper', reason: 'name', subject: byImage.subject, evidence: byImage.subject };
    const port = dataStorePort(container);
    if (port !== undefined && (DATA_NAME.test(containerName) || DATA_NAME.test(byImage.subject))) return { tier: 'data', reason: 'port', subject: byImage.subject, evidence: `${port} (${DATA_STORE_PORTS[port]})` };
    return byImage;
  }
}

/** True when the container's name marks it as a helper (`log-shipper`, `cloud-sql-proxy`, `metrics-exporter`). */
export function hasHelperName(container: Record<string, unknown>): boolean {
  return typeof container.name === 'string' && HELPER_NAME.test(container.name.toLowerCase());
}

function dataStorePort(container: Record<string, unknown>): number | undefined {
  const ports = Array.isArray(container.ports) ? container.ports : [];
  for (const port of ports) {
    if (isPlainObject(port) && typeof port.containerPort === 'number' && DATA_STORE_PORTS[port.containerPort]) return port.containerPort;
  }
  return undefined;
}

/** The client tool a data-store image runs instead of its server, if its command names one and no server. */
function clientToolOf(container: Record<string, unknown>): string | undefined {
  if (!Array.isArray(container.command) || container.command.length === 0) return undefined;
  const words = [...container.command, ...(Array.isArray(container.args) ? container.args : [])]
    .filter((word): word is string | number => typeof word === 'string' || typeof word === 'number')
    .flatMap((word) => String(word).split(/[\s;&|()`'"]+/))
    .map((word) => word.slice(word.lastIndexOf('/') + 1))
    .filter((word) => word !== '');
  if (words.some((word) => DATA_SERVER_PROGRAMS.has(word))) return undefined;
  return words.find((word) => DATA_CLIENT_TOOLS.has(word));
}

/** JSON Schema of the `tiers` option the pod-design rules share. */
export const TIER_PATTERNS_SCHEMA = {
  type: 'object',
  description: 'Image patterns per tier, looked up before the built-in tables.',
  properties: {
    data: { type: 'array', items: { type: 'string', minLength: 1 } },
    web: { type: 'array', items: { type: 'string', minLength: 1 } },
    helper: { type: 'array', items: { type: 'string', minLength: 1 } },
    other: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
  additionalProperties: false,
} as const;
