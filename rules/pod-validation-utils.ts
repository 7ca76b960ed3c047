// Shared by the rules that reproduce the API server's pod-spec checks (RULES.md section 3): the probes,
// lifecycle hooks and their handlers of a container.
import { isPlainObject, type ContainerRef, type Path, type Resource } from '@podlint/core';

export const PROBE_FIELDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
export type ProbeField = (typeof PROBE_FIELDS)[number];

export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export const HOOK_FIELDS = ['postStart', 'preStop'] as const;
export const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

export interface HandlerOwner {
  kind: 'probe' | 'hook';
  /** `livenessProbe`, `postStart`... */
  field: string;
  path: Path;
  value: Record<string, unknown>;
  /** The handler fields it may hold. */
  handlers: readonly string[];
}

/**
 * The server validates probes and hooks of main containers and native sidecars only: an init container that
 * runs to completion may not have them at all, and an ephemeral container may not either (other rules say so).
 */
export function probesValidated(container: ContainerRef): boolean {
  return container.role === 'main' || container.role === 'sidecar';
}

export function containerProbes(container: ContainerRef): HandlerOwner[] {
  const owners: HandlerOwner[] = [];
  for (const field of PROBE_FIELDS) {
    const value = container.container[field];
    if (isPlainObject(value)) owners.push({ kind: 'probe', field, path: [...container.path, field], value, handlers: PROBE_HANDLERS });
  }
  return owners;
}

export function containerHooks(container: ContainerRef): HandlerOwner[] {
  const lifecycle = container.container.lifecycle;
  if (!isPlainObject(lifecycle)) return [];
  const owners: HandlerOwner[] = [];
  for (const field of HOOK_FIELDS) {
    const value = lifecycle[field];
    if (isPlainObject(value)) owners.push({ kind: 'hook', field, path: [...container.path, 'lifecycle', field], value, handlers: HOOK_HANDLERS });
  }
  return owners;
}

/** The handler fields an owner sets (present and not null), in the order written. */
export function presentHandlers(owner: HandlerOwner): string[] {
  return Object.keys(owner.value).filter((key) => owner.handlers.includes(key) && owner.value[key] !== null && owner.value[key] !== undefined);
}

/** A YAML value as a message shows it: strings quoted, everything else as JSON. */
export function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

export interface HandlerProblem {
  problem: 'execCommand' | 'scheme' | 'headerName';
  path: Path;
  at: 'key' | 'value';
  /** The offending value, as a message shows it. */
  value: string;
}

const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

/**
 * What the server rejects inside an exec or httpGet handler (reference H2, H3): an exec without a command, a
 * scheme other than HTTP/HTTPS, a header name that is not a token. Ports are port-invalid's.
 */
export function handlerProblems(owner: HandlerOwner): HandlerProblem[] {
  const problems: HandlerProblem[] = [];
  const { exec, httpGet } = owner.value;
  if (isPlainObject(exec) && !(Array.isArray(exec.command) && exec.command.length > 0)) {
    problems.push({ problem: 'execCommand', path: [...owner.path, 'exec'], at: 'key', value: '' });
  }
  if (isPlainObject(httpGet)) {
    const scheme = httpGet.scheme;
    // An empty scheme is defaulted to HTTP.
    if (typeof scheme === 'string' && scheme !== '' && scheme !== 'HTTP' && scheme !== 'HTTPS') {
      problems.push({ problem: 'scheme', path: [...owner.path, 'httpGet', 'scheme'], at: 'value', value: scheme });
    }
    const headers = Array.isArray(httpGet.httpHeaders) ? httpGet.httpHeaders : [];
    headers.forEach((header: unknown, index) => {
      const name = isPlainObject(header) ? header.name : undefined;
      if (typeof name === 'string' && !HTTP_HEADER_NAME.test(name)) {
        problems.push({ problem: 'headerName', path: [...owner.path, 'httpGet', 'httpHeaders', index, 'name'], at: 'value', value: name });
      }
    });
  }
  return problems;
}

/** The value among `allowed` that `value` spells in another case ("always" for Always), if any. */
export function caseCorrected(value: string, allowed: readonly string[]): string | undefined {
  return allowed.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
}
