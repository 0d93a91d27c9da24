// When to ask the provider again about an uncertain purchase (vsi.md §1.6): +5 s, +30 s, +60 s
// after the PAY, then every 2 min up to 30 min, every 15 min up to 24 h, then daily.
// `scale` shrinks the whole ladder for tests and demos (LOKET_TIME_SCALE); 1 in production.
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

function ladderOffsets(): number[] {
  const offsets = [5 * SECOND, 30 * SECOND, 60 * SECOND];
  for (let m = 2; m <= 30; m += 2) offsets.push(m * MINUTE);
  for (let m = 45; m <= 24 * 60; m += 15) offsets.push(m * MINUTE);
  return offsets;
}

const OFFSETS = ladderOffsets();

export type AdviceTiming = {
  scale: number;
  /** NOT-FOUND answers needed before Loket suggests the purchase failed (vsi.md §1.5). */
  notFoundCount: number;
  /** …and the minimum time since the PAY over which they must be spread. */
  notFoundWindowMs: number;
};

export const DEFAULT_ADVICE_TIMING: AdviceTiming = { scale: 1, notFoundCount: 3, notFoundWindowMs: 10 * MINUTE };

/** The next ladder point strictly after `now` for a PAY sent at `paySentAt`. */
export function nextAdviceAt(paySentAt: number, now: number, scale: number): number {
  for (const offset of OFFSETS) {
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
