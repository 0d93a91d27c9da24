// Which backups a folder keeps: the newest of each of the last 14 days, of each of the last 8 weeks
// and of each of the last 12 months (grandfather–father–son), and always the newest of all. Only
// Loket's own finished backups are ever counted or deleted; anything else in the folder is left.
export type RotationPolicy = { daily: number; weekly: number; monthly: number };
export const DEFAULT_ROTATION: RotationPolicy = { daily: 14, weekly: 8, monthly: 12 };

const NAME = /^loket-(\d{8})T(\d{6})Z(?:-(\d+))?\.loketbak$/;

export function backupFileName(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-12-03T15:01:02.345Z
  return `loket-${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 19).replace(/:/g, '')}Z.loketbak`;
}

/** When a backup file was made, from its name; null for a file that is not one of Loket's backups. */
export function backupTime(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  return Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
}

/** The n of a second backup in the same second ("…Z-2.loketbak"): orders files made in one second. */
function sameSecondIndex(name: string): number {
  return Number(NAME.exec(name)?.[3] ?? 1);
}

const DAY = 86_400_000;

/** Day, ISO-like week (Monday start) and month buckets in the outlet's zone offset. */
function buckets(at: number, offsetMs: number): { day: number; week: number; month: number } {
  const local = at + offsetMs;
  const day = Math.floor(local / DAY);
  // 1970-01-01 was a Thursday: +3 makes weeks start on Monday.
  const week = Math.floor((day + 3) / 7);
  const d = new Date(local);
  return { day, week, month: d.getUTCFullYear() * 12 + d.getUTCMonth() };
}

/** The names to delete, given every file name in a folder (`keep`: the one just written, never deleted). */
export function backupsToDelete(names: readonly string[], now: number, policy: RotationPolicy = DEFAULT_ROTATION, offsetMs = 7 * 3_600_000, keepName?: string): string[] {
  const ours = names
    .map((name) => ({ name, at: backupTime(name) }))
    .filter((f): f is { name: string; at: number } => f.at !== null)
    .sort((a, b) => b.at - a.at || sameSecondIndex(b.name) - sameSecondIndex(a.name));
  if (ours.length === 0) return [];
  const keep = new Set<string>([ours[0]!.name, ...(keepName ? [keepName] : [])]);
  const current = buckets(now, offsetMs);
  const seen = { day: new Set<number>(), week: new Set<number>(), month: new Set<number>() };
  for (const f of ours) {
    const b = buckets(f.at, offsetMs);
    for (const kind of ['day', 'week', 'month'] as const) {
      const limit = kind === 'day' ? policy.daily : kind === 'week' ? policy.weekly : policy.monthly;
      if (current[kind] - b[kind] < limit && !seen[kind].has(b[kind])) {
        seen[kind].add(b[kind]);
        keep.add(f.name);
      }
    }
  }
  return ours.filter((f) => !keep.has(f.name)).map((f) => f.name);
}
