// Hashing without loading node:crypto up front: imported at the top of a module, it loaded with every run of the
// command (2-4 ms of its start-up), while only runs with CRDs (custom-schemas.ts) or a baseline hash anything.
import type { Hash } from 'node:crypto';

/** A new SHA-256 hash; node:crypto loads on the first call. */
export function sha256(): Hash {
  return process.getBuiltinModule('node:crypto').createHash('sha256');
}
