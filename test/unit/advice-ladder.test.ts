import { describe, expect, it } from 'vitest';
import { DAY, isOverdue, nextAdviceAt } from '../../electron/services/sales/advice-ladder';
import { vsiDescriptor } from '../../electron/providers/vsi/descriptor';
import { satDescriptor } from '../../electron/providers/sat/descriptor';

const S = 1000;
const M = 60 * S;

describe('advice ladder (vsi.md §1.6)', () => {
  it('+5 s, +30 s, +60 s, then every 2 min to 30 min, every 15 min to 24 h, then daily', () => {
    const t0 = 1_000_000;
    const walk: number[] = [];
    let now = t0;
    for (let i = 0; i < 22; i++) {
      now = nextAdviceAt(vsiDescriptor.statusLadder, t0, now, 1);
      walk.push(now - t0);
    }
    expect(walk.slice(0, 5)).toEqual([5 * S, 30 * S, 60 * S, 2 * M, 4 * M]);
    expect(walk[17]).toBe(30 * M);
    expect(walk[18]).toBe(45 * M);
    expect(nextAdviceAt(vsiDescriptor.statusLadder, t0, t0 + DAY - 1, 1) - t0).toBe(DAY);
    expect(nextAdviceAt(vsiDescriptor.statusLadder, t0, t0 + DAY, 1) - t0).toBe(2 * DAY);
    expect(nextAdviceAt(vsiDescriptor.statusLadder, t0, t0 + 5 * DAY + 3, 1) - t0).toBe(6 * DAY);
  });
  it('is always strictly in the future', () => {
    for (let now = 0; now < 3 * DAY; now += 7_777_777) expect(nextAdviceAt(vsiDescriptor.statusLadder, 0, now, 1)).toBeGreaterThan(now);
  });
  it('SAT orders are asynchronous by design: asked sooner and more often', () => {
    const t0 = 0;
    const walk: number[] = [];
    let now = t0;
    for (let i = 0; i < 7; i++) {
      now = nextAdviceAt(satDescriptor.statusLadder, t0, now, 1);
      walk.push(now);
    }
    expect(walk).toEqual([2 * S, 5 * S, 10 * S, 30 * S, 60 * S, 2 * M, 3 * M]);
  });

  it('scales for tests and demos', () => {
    expect(nextAdviceAt(vsiDescriptor.statusLadder, 0, 0, 0.01)).toBe(50);
    expect(isOverdue(0, DAY / 100, 0.01)).toBe(true);
    expect(isOverdue(0, DAY - 1, 1)).toBe(false);
  });
});
