// Asks the provider about every uncertain sale when its ladder says so. The schedule lives in
// the ledger (next_advice_at), so a restart loses nothing; advice for different sales runs
// concurrently, and a sale already being asked about is never asked twice at once.
import type { Ledger } from '../../db/connection';
import { upcomingAdvice } from '../../db/queries/sales';
import type { Logger } from '../../log/logger';

export type AdviceScheduler = { start(): void; wake(): void; stop(): void };

const MAX_SLEEP_MS = 60_000;
const MIN_SLEEP_MS = 20;

export function createAdviceScheduler(opts: {
  db: Ledger;
  now: () => number;
  log: Logger;
  advise: (saleId: string) => Promise<void>;
}): AdviceScheduler {
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  const inFlight = new Set<string>();
  // A sale whose advice crashed (a bug, a locked database) rests a while instead of spinning.
  const resting = new Map<string, number>();
  const RETRY_AFTER_ERROR_MS = 30_000;
  const skip = (id: string, now: number): boolean => inFlight.has(id) || (resting.get(id) ?? 0) > now;

  function arm(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const now = opts.now();
    const next = upcomingAdvice(opts.db).find((u) => !skip(u.id, now));
    const delay = next === undefined ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, next.at - opts.now()));
    timer = setTimeout(tick, delay);
  }

  function tick(): void {
    if (stopped) return;
    const now = opts.now();
    try {
      for (const u of upcomingAdvice(opts.db)) {
        if (u.at > now) break;
        if (skip(u.id, now)) continue;
        inFlight.add(u.id);
        opts
          .advise(u.id)
          .catch((e: unknown) => {
            resting.set(u.id, opts.now() + RETRY_AFTER_ERROR_MS);
            opts.log.error('advice.failed', { saleId: u.id, error: String(e) });
          })
          .finally(() => {
            inFlight.delete(u.id);
            arm();
          });
      }
    } catch (e) {
      opts.log.error('advice.scheduler_failed', { error: String(e) });
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
