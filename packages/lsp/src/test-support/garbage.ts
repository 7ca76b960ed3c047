// A full garbage collection for tests that check what the editor lets go (schemas of a CRD's earlier texts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/** Collects garbage in full, then lets finalizers run (tasks of their own, after the collection). */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    // node gives gc to contexts made after the flag is set.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  // What a WeakRef gave in the current task is kept until the task ends: collect in the next one.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
}
