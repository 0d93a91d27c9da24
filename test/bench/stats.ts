export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function fmt(n: number, digits = 2): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export const mb = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MB`;

export async function timeIt(fn: () => Promise<void> | void): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export type SideBySide = { rawMs: number; coreMs: number; ratio: number; sales: number; rssMb: number };

/**
 * Times `core` against `raw` (each one whole sale) in interleaved rounds after a warm-up, so both
 * sides see the same machine state; the figures are medians of the per-round means. A `core` that
 * returns a number has timed itself (the part that compares with `raw`; the rest is not counted).
 */
export async function sideBySide(raw: (i: number) => Promise<void>, core: () => Promise<number | void>, sales: number, rounds = 5, warmUp = 10): Promise<SideBySide> {
  for (let i = 0; i < warmUp; i++) {
    await raw(-i - 1);
    await core();
  }
  const per = Math.max(1, Math.floor(sales / rounds));
  const rawTimes: number[] = [];
  const coreTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    rawTimes.push((await timeIt(async () => {
      for (let i = 0; i < per; i++) await raw(r * per + i);
    })) / per);
    let total = 0;
    for (let i = 0; i < per; i++) {
      let own: number | void = undefined;
      const measured = await timeIt(async () => {
        own = await core();
      });
      total += typeof own === 'number' ? own : measured;
    }
    coreTimes.push(total / per);
  }
  const rawMs = median(rawTimes);
  const coreMs = median(coreTimes);
  return { rawMs, coreMs, ratio: coreMs / rawMs, sales: per * rounds, rssMb: process.memoryUsage().rss / 1024 / 1024 };
}
