import { describe, expect, it } from 'vitest';
import { backupFileName, backupTime, backupsToDelete } from '../../electron/services/backup/rotation';

const HOUR = 3_600_000;
const now = Date.parse('2026-12-03T08:00:00Z');

describe('backup rotation (14 daily, 8 weekly, 12 monthly)', () => {
  it('names carry their time and read back', () => {
    expect(backupFileName(now)).toBe('loket-20261203T080000Z.loketbak');
    expect(backupTime('loket-20261203T080000Z-3.loketbak')).toBe(now);
    expect(backupTime('notes.txt')).toBeNull();
    expect(backupTime('.loket-loket-20261203T080000Z.loketbak.12-abcd0123.tmp')).toBeNull();
  });

  it('a year of backups every 4 hours keeps at most 14 + 8 + 12 + 1, the newest of each bucket, never foreign files', () => {
    const names: string[] = ['catatan.txt'];
    for (let t = now - 400 * 24 * HOUR; t <= now; t += 4 * HOUR) names.push(backupFileName(t));
    const gone = new Set(backupsToDelete(names, now));
    const kept = names.filter((n) => !gone.has(n) && n !== 'catatan.txt');
    expect(gone.has('catatan.txt')).toBe(false);
    expect(kept.length).toBeLessThanOrEqual(35);
    expect(kept.length).toBeGreaterThanOrEqual(26);
    expect(kept).toContain(backupFileName(now));
    // Each of the last 14 days (Jakarta time) keeps its newest backup.
    const jakartaDay = (n: string): string => new Date(backupTime(n)! + 7 * HOUR).toISOString().slice(0, 10);
    const days = [...new Set(names.filter((n) => backupTime(n) !== null).map(jakartaDay))].sort().slice(-14);
    expect(days).toHaveLength(14);
    for (const day of days) {
      const newest = names.filter((n) => backupTime(n) !== null && jakartaDay(n) === day).sort().at(-1)!;
      expect(kept).toContain(newest);
    }
    // Nothing older than about a year survives.
    expect(kept.every((n) => now - backupTime(n)! < 366 * 24 * HOUR)).toBe(true);
  });

  it('two backups in the same second: the later one counts as the newest, and the one just written is never deleted', () => {
    const a = backupFileName(now);
    const b = a.replace('.loketbak', '-2.loketbak');
    expect(backupsToDelete([a, b], now, { daily: 1, weekly: 0, monthly: 0 })).toEqual([a]);
    expect(backupsToDelete([a, b], now, { daily: 1, weekly: 0, monthly: 0 }, undefined, a)).toEqual([]);
  });
});
