// A case of a contract suite on a fresh rig (a simulator and its client), closed whatever happens.
import { it } from 'vitest';

export function rigCase<R extends { close(): Promise<void> }>(start: () => Promise<R>, name: string, body: (rig: R) => Promise<void>, skip = false): void {
  (skip ? it.skip : it)(name, async () => {
    const rig = await start();
    try {
      await body(rig);
    } finally {
      await rig.close();
    }
  });
}
