// Backups as the owner sets them and the screens show them (issue 17).
import { z } from 'zod';

export const BackupSettings = z.object({
  /** Folders to write every backup into: a USB drive, a second disk, a network share. */
  folders: z.array(z.string().trim().min(1).max(500)).max(5),
  /** Hours between scheduled backups while Loket runs; 0 = only at shift close and by hand. */
  everyHours: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(4), z.literal(8), z.literal(12), z.literal(24)]),
  atShiftClose: z.boolean(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;
export const DEFAULT_BACKUP: BackupSettings = { folders: [], everyHours: 4, atShiftClose: true };

/** The top bar's word on backups: ok (< 24 h), old, failed (the last run), none (never one), unset (no folder). */
export const BackupHealth = z.enum(['ok', 'old', 'failed', 'none', 'unset']);
export type BackupHealth = z.infer<typeof BackupHealth>;

export const BackupBadge = z.object({
  health: BackupHealth,
  /** When the last proven backup was made (the top bar says how long ago). */
  lastAt: z.number().int().nullable(),
  /** In words, for the badge's title and the settings card. */
  message: z.string(),
  /** A failed run's reason in two or three words, for the badge itself ("disk penuh"). */
  reason: z.string().nullable(),
  running: z.boolean(),
  /** Whether the owner has written down and typed back the recovery key (unavailable: no vault key). */
  recoveryKey: z.enum(['confirmed', 'unconfirmed', 'unavailable']),
});
export type BackupBadge = z.infer<typeof BackupBadge>;

export const BackupStage = z.enum(['copy', 'write', 'verify', 'rotate']);

export const BackupRunView = z.object({
  folder: z.string(),
  trigger: z.enum(['schedule', 'shift_close', 'manual']),
  state: z.enum(['running', 'verified', 'failed']),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
  file: z.string().nullable(),
  bytes: z.number().int().nullable(),
  sales: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type BackupRunView = z.infer<typeof BackupRunView>;

export const BackupStatus = z.object({
  settings: BackupSettings,
  badge: BackupBadge,
  running: z.object({ stage: BackupStage, folder: z.string().nullable(), startedAt: z.number().int() }).nullable(),
  runs: z.array(BackupRunView),
  nextAt: z.number().int().nullable(),
  recoveryKeyConfirmedAt: z.number().int().nullable(),
});
export type BackupStatus = z.infer<typeof BackupStatus>;

/** What a backup file says about itself (readable without the key). */
export const BackupFileView = z.object({
  file: z.string(),
  /** backup: an encrypted .loketbak; ledger: a plain copy of loket.db (from an old disk). */
  kind: z.enum(['backup', 'ledger']),
  createdAt: z.number().int(),
  outlet: z.string(),
  sales: z.number().int(),
  lastSaleAt: z.number().int().nullable(),
  appVersion: z.string(),
  schema: z.number().int(),
  bytes: z.number().int(),
});
export type BackupFileView = z.infer<typeof BackupFileView>;

export const RestoredView = z.object({
  file: z.string(),
  /** Restored without the old key: credentials forgotten, PINs to reset, the chain before re-anchored. */
  keyless: z.boolean(),
  secretsForgotten: z.number().int(),
  /** Audit entries before this one can be read but not re-verified (a restore without the old key). */
  unverifiableBefore: z.number().int().nullable(),
  sales: z.number().int(),
  users: z.number().int(),
  schemaFrom: z.number().int(),
  schemaTo: z.number().int(),
  auditEntries: z.number().int(),
  auditRows: z.number().int(),
  lastSale: z.object({ at: z.number().int(), productName: z.string(), total: z.number().int(), state: z.string() }).nullable(),
  lastShift: z.object({ openedAt: z.number().int(), closedAt: z.number().int().nullable(), cashier: z.string() }).nullable(),
});
export type RestoredView = z.infer<typeof RestoredView>;

export const RecoveryKeyView = z.object({
  groups: z.array(z.string().length(4)),
  /** The two group positions (1-based) the owner types back. */
  confirm: z.tuple([z.number().int(), z.number().int()]),
});
export type RecoveryKeyView = z.infer<typeof RecoveryKeyView>;
