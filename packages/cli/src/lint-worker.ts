// A worker thread of `podlint --jobs` where the command runs without its bundle (tests, the library): the bundle
// starts its workers from bin/podlint.js instead, with its code cache (parallel.ts).
import { parentPort } from 'node:worker_threads';
import { serveLintShare } from './lint-share.js';

if (!parentPort) throw new Error('lint-worker.js runs as a worker thread of podlint --jobs');
serveLintShare(parentPort);
