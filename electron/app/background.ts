// Work the core starts without anyone awaiting it (catalogue sync, balance refresh, callback
// listener): tracked so `stop()` lets it finish before the ledger closes, and caught so a failure
// (or the ledger closing under it after the grace period) is logged, never an unhandled rejection.
import type { Logger } from '../log/logger';
import { asSystem } from '../db/actor';

export type Background = {
  run(name: string, task: () => Promise<unknown>): void;
  /** Resolves when every task has settled, or after `graceMs`. */
  idle(graceMs: number): Promise<void>;
};

export function createBackground(log: Logger): Background {
  const running = new Set<Promise<unknown>>();
  return {
    run(name, task) {
      const p = asSystem(task)
        .catch((e: unknown) => log.warn('background.failed', { task: name, error: e instanceof Error ? e.message : String(e) }))
        .finally(() => running.delete(p));
      running.add(p);
    },
    async idle(graceMs) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      const settled = (async () => {
        while (running.size > 0) await Promise.allSettled([...running]);
      })();
      await Promise.race([settled, grace]);
      clearTimeout(timer);
    },
  };
}
