// Which containers are known to start slowly: JVM processes (class loading and JIT warm-up routinely take
// tens of seconds) and the JVM-based servers people run from public images. Only these are judged by the
// start-up allowance of liveness-probe-aggressive, because for them the default allowance (about 30 s) is
// known to be too short; for anything else podlint cannot tell how long a start takes.
import { isPlainObject, type ContainerRef } from '@podlint/core';
import { helperKindOfImage, imageName } from '../probe-utils.js';

/** Image names (the last path segment, or its prefix before a `-`) of slow starters. */
export const SLOW_START_IMAGES: readonly string[] = [
  // JVM runtimes
  'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava', 'ibm-semeru-runtimes', 'adoptopenjdk', 'zulu-openjdk', 'sapmachine',
  // Servlet and application servers
  'tomcat', 'jetty', 'wildfly', 'payara', 'open-liberty', 'websphere-liberty',
  // JVM-based servers
  'elasticsearch', 'opensearch', 'logstash', 'kafka', 'cp-kafka', 'zookeeper', 'cp-zookeeper', 'cassandra', 'solr', 'keycloak',
  'jenkins', 'sonarqube', 'nexus3', 'neo4j', 'flink', 'spark', 'trino', 'nifi', 'activemq',
];

/** Environment variables only the JVM (or a JVM launcher script) reads. */
const JVM_ENV = new Set(['JAVA_OPTS', 'JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'CATALINA_OPTS', 'ES_JAVA_OPTS', 'KAFKA_HEAP_OPTS']);

/** Why the container counts as a slow starter (for the message), or undefined. */
export function slowStartReason(container: ContainerRef, extraImages: readonly string[]): string | undefined {
  const name = imageName(container.container.image);
  // `kafka-exporter` or `elasticsearch-exporter` is a small helper beside the server, not the server.
  if (name !== undefined && helperKindOfImage(name) === undefined) {
    const known = [...SLOW_START_IMAGES, ...extraImages].some((pattern) => name === pattern.toLowerCase() || name.startsWith(`${pattern.toLowerCase()}-`));
    if (known) return `the image ${name} is one`;
  }
  const command = container.container.command;
  const first = Array.isArray(command) ? command[0] : undefined;
  if (typeof first === 'string' && /(^|\/)java$/.test(first)) return 'its command starts a JVM';
  const env = container.container.env;
  if (Array.isArray(env) && env.some((entry) => isPlainObject(entry) && typeof entry.name === 'string' && JVM_ENV.has(entry.name))) return 'its environment configures a JVM';
  return undefined;
}
