// When to ask a provider again about an uncertain purchase: each provider's descriptor gives its
// ladder (VSI per vsi.md §1.6, SAT denser as its orders are asynchronous, Digiflazz no more than
// once a minute); every ladder then goes every 15 min to 24 h, then daily.
// `scale` shrinks every ladder for tests and demos (LOKET_TIME_SCALE); 1 in production.
import type { StatusLadder } from '../../providers/descriptor';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A descriptor's ladder spelled out: its first offsets, then every `everyMs` to 30 min, every 15 min to 24 h. */
function ladder(l: StatusLadder): number[] {
  const offsets = [...l.first];
  for (let t = (offsets.at(-1) ?? 0) + l.everyMs; t <= 30 * MINUTE; t += l.everyMs) offsets.push(t);
  for (let m = 45; m <= 24 * 60; m += 15) offsets.push(m * MINUTE);
  return offsets;
}

/** Without a descriptor (a provider no longer registered): ask every 2 minutes, as VSI. */
const FALLBACK_LADDER: StatusLadder = { first: [5 * SECOND, 30 * SECOND, 60 * SECOND, 2 * MINUTE], everyMs: 2 * MINUTE };

export function ladderOf(deps: { providers: { describe(name: string): { statusLadder: StatusLadder } | null } }, provider: string): StatusLadder {
  return deps.providers.describe(provider)?.statusLadder ?? FALLBACK_LADDER;
}

export type AdviceTiming = {
  scale: number;
  /** NOT-FOUND answers needed before Loket suggests the purchase failed (vsi.md §1.5). */
  notFoundCount: number;
  /** …and the minimum time since the PAY over which they must be spread. */
  notFoundWindowMs: number;
};

export const DEFAULT_ADVICE_TIMING: AdviceTiming = { scale: 1, notFoundCount: 3, notFoundWindowMs: 10 * MINUTE };

/** The next ladder point strictly after `now` for a purchase sent at `paySentAt`. */
export function nextAdviceAt(l: StatusLadder, paySentAt: number, now: number, scale: number): number {
  for (const offset of ladder(l)) {
    const at = paySentAt + Math.round(offset * scale);
    if (at > now) return at;
  }
  const day = Math.max(1, Math.round(DAY * scale));
  const elapsedDays = Math.floor((now - paySentAt) / day) + 1;
  return paySentAt + elapsedDays * day;
}

/** Past the ladder's last rung: still checked daily, but a person must follow it up. */
export function isOverdue(paySentAt: number, now: number, scale: number): boolean {
  return now - paySentAt >= Math.round(DAY * scale);
}
