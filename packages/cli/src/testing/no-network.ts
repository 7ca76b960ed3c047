// Preloaded (`--import`) by the security tests: every way Node has to reach the network records the attempt in
// the file named by PODLINT_NETWORK_LOG and throws. Pipes on stdio (the language server's transport) and worker
// threads' message ports are not network access and keep working.
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.PODLINT_NETWORK_LOG;

function forbid(name: string): () => never {
  return () => {
    if (log) appendFileSync(log, `${name}\n`);
    throw new Error(`network access attempted: ${name}`);
  };
}

const targets: [Record<string, unknown>, string, string[]][] = [
  [net as unknown as Record<string, unknown>, 'net', ['connect', 'createConnection', 'createServer']],
  [net.Socket.prototype as unknown as Record<string, unknown>, 'net.Socket.prototype', ['connect']],
  [tls as unknown as Record<string, unknown>, 'tls', ['connect', 'createServer']],
  [http as unknown as Record<string, unknown>, 'http', ['request', 'get', 'createServer']],
  [https as unknown as Record<string, unknown>, 'https', ['request', 'get', 'createServer']],
  [http2 as unknown as Record<string, unknown>, 'http2', ['connect', 'createServer', 'createSecureServer']],
  [dgram as unknown as Record<string, unknown>, 'dgram', ['createSocket']],
  [dns as unknown as Record<string, unknown>, 'dns', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']],
  [dns.promises as unknown as Record<string, unknown>, 'dns.promises', ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse']],
  [globalThis as unknown as Record<string, unknown>, 'globalThis', ['fetch', 'WebSocket', 'EventSource']],
];
for (const [object, owner, names] of targets) {
  for (const name of names) {
    if (name in object) Object.defineProperty(object, name, { value: forbid(`${owner}.${name}`), writable: true, configurable: true });
  }
}
// `import { connect } from 'node:net'` sees the replacements too.
syncBuiltinESMExports();
// A test can check that the guard was really in place (NODE_OPTIONS reaches the process it meant to reach).
if (process.env.PODLINT_NETWORK_GUARD_LOADED) appendFileSync(process.env.PODLINT_NETWORK_GUARD_LOADED, `${process.pid}\n`);
