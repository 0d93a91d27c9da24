// Runs work whose time has come, from a schedule kept in the ledger (a sale's next advice, a
// payment's next status call), so a restart loses nothing. Different items run concurrently; one
// item is never run twice at once; an item whose run crashed (a bug, a locked database) rests a
// while instead of spinning.
import type { Logger } from '../../log/logger';
import { asSystem } from '../../db/actor';

export type DueScheduler = { start(): void; wake(): void; stop(): void };

const MAX_SLEEP_MS = 60_000;
const MIN_SLEEP_MS = 20;
const RETRY_AFTER_ERROR_MS = 30_000;

export function createDueScheduler(opts: {
  name: string;
  now: () => number;
  log: Logger;
  /** Items with their due time, earliest first. */
  upcoming: () => { id: string; at: number }[];
  run: (id: string) => Promise<void>;
}): DueScheduler {
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  const inFlight = new Set<string>();
  const resting = new Map<string, number>();
  const skip = (id: string, now: number): boolean => inFlight.has(id) || (resting.get(id) ?? 0) > now;

  function arm(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const now = opts.now();
    const next = opts.upcoming().find((u) => !skip(u.id, now));
    const delay = next === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, next.at - opts.now()));
    // The scheduler's checks are nobody's action, whichever call happened to wake it.
    timer = setTimeout(() => asSystem(tick), delay);
  }

  function tick(): void {
    if (stopped) return;
    const now = opts.now();
    try {
      for (const u of opts.upcoming()) {
        if (u.at > now) break;
        if (skip(u.id, now)) continue;
        inFlight.add(u.id);
        opts
          .run(u.id)
          .catch((e: unknown) => {
            resting.set(u.id, opts.now() + RETRY_AFTER_ERROR_MS);
            opts.log.error(`${opts.name}.failed`, { id: u.id, error: String(e) });
          })
          .finally(() => {
            inFlight.delete(u.id);
            arm();
          });
      }
    } catch (e) {
      opts.log.error(`${opts.name}.scheduler_failed`, { error: String(e) });
    }
    arm();
  }

  return {
    start() {
      stopped = false;
      tick();
    },
    wake: arm,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
