// Backups while Loket runs: the owner's folders and schedule, one run at a time on a worker thread
// (the counter keeps selling), every run recorded per folder, and the top bar's word on how old the
// last proven backup is. Runs at every shift close and every N hours while Loket is open; a failed
// run is tried again after 30 minutes. Also stages a restore on a worker (first start).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { DEFAULT_BACKUP, BackupSettings, type BackupBadge, type BackupStatus, type BackupRunView } from '../../../shared/backup';
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { Ledger } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/settings';
import { abandonRunningBackups, finishBackupRun, lastVerifiedBackup, recentBackupRuns, startBackupRuns, type BackupTrigger } from '../../db/queries/backups';
import type { KeySource } from '../../secrets/key-source';
import type { Logger } from '../../log/logger';
import { readJson } from '../settings/stored';
import type { BackupProgress } from './make-backup';
import { runBackupInWorker, runRestoreInWorker } from './run-in-worker';
import { RECOVERY_CONFIRMED } from './recovery-state';
import type { StagedWithKey } from './backup-jobs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RETRY_MS = 30 * 60_000;
export { RECOVERY_CONFIRMED };

export type BackupServiceDeps = {
  db: Ledger;
  dataDir: string;
  keySource: KeySource;
  now: () => number;
  log: Logger;
  appVersion: string;
  outlet: () => string;
  nativeBinding?: string;
  /** How often the schedule is looked at (tests shorten it). */
  tickMs?: number;
  /** Whether the vault has a key (else there is no recovery key to confirm). */
  hasKey: boolean;
};

export type BackupService = {
  settings(): BackupSettings;
  saveSettings(s: BackupSettings): Result<BackupStatus>;
  status(): BackupStatus;
  badge(): BackupBadge;
  /** Starts a run unless one is running or no folder is set; resolves when it has finished. */
  run(trigger: BackupTrigger): { started: true; done: Promise<void> } | { started: false; busy: boolean; reason: string };
  /** A restore staged on a worker: a backup file with its key, or a plain ledger with its key or without (then `owner` gets a new PIN). */
  stageRestore(file: string, vaultKey: Buffer | null, plain: boolean, owner: { name: string; pin: string } | null): Promise<StagedWithKey>;
  start(): void;
  stop(): Promise<void>;
};

function view(r: ReturnType<typeof recentBackupRuns>[number]): BackupRunView {
  return { folder: r.folder, trigger: r.trigger, state: r.state, startedAt: r.started_at, finishedAt: r.finished_at, file: r.file, bytes: r.bytes, sales: r.sales, problem: r.problem };
}

/** A failed run's reason, short enough for the top bar. */
const SHORT_REASON: Record<string, string> = {
  disk_full: 'disk penuh',
  folder_missing: 'folder tidak ada',
  no_permission: 'tanpa izin tulis',
  write_failed: 'gagal menulis',
  integrity: 'salinan rusak',
  books: 'salinan rusak',
  audit: 'salinan rusak',
  no_key: 'tanpa kunci',
  interrupted: 'terputus',
  crashed: 'kesalahan Loket',
  copy_failed: 'buku tak tersalin',
};

function ago(ms: number): string {
  if (ms < 60_000) return 'baru saja';
  if (ms < HOUR) return `${Math.round(ms / 60_000)} menit lalu`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} jam lalu`;
  return `${Math.round(ms / DAY)} hari lalu`;
}

export function createBackupService(d: BackupServiceDeps): BackupService {
  let running: { stage: BackupProgress['stage']; folder: string | null; startedAt: number; done: Promise<void> } | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  // A run a killed Loket left 'running' never finished.
  const abandoned = abandonRunningBackups(d.db, d.now());
  if (abandoned > 0) d.log.warn('backup.abandoned', { runs: abandoned });

  const settings = (): BackupSettings => readJson(d.db, 'backup', BackupSettings, DEFAULT_BACKUP);

  function nextAt(): number | null {
    const s = settings();
    if (s.folders.length === 0 || s.everyHours === 0) return null;
    const last = recentBackupRuns(d.db, 1)[0];
    if (!last) return d.now();
    const failed = last.state === 'failed';
    return (last.finished_at ?? last.started_at) + (failed ? Math.min(RETRY_MS, s.everyHours * HOUR) : s.everyHours * HOUR);
  }

  function badge(): BackupBadge {
    const recoveryKey = !d.hasKey ? 'unavailable' : readSetting(d.db, RECOVERY_CONFIRMED) === null ? 'unconfirmed' : 'confirmed';
    return { ...health(), recoveryKey };
  }

  function health(): Omit<BackupBadge, 'recoveryKey'> {
    const s = settings();
    const verified = lastVerifiedBackup(d.db);
    const last = recentBackupRuns(d.db, 1)[0];
    const isRunning = running !== null;
    if (s.folders.length === 0) {
      return { health: 'unset', lastAt: verified?.finished_at ?? null, message: 'Cadangan belum diatur: pemilik memilih folder cadangan di Pengaturan → Cadangan.', reason: null, running: isRunning };
    }
    if (last && last.state === 'failed') {
      const reason = SHORT_REASON[last.problem_code ?? ''] ?? 'lihat Pengaturan';
      return { health: 'failed', lastAt: verified?.finished_at ?? null, message: `Cadangan terakhir gagal: ${last.problem ?? ''}`.trim(), reason, running: isRunning };
    }
    if (!verified) return { health: 'none', lastAt: null, message: 'Belum ada cadangan yang terverifikasi.', reason: null, running: isRunning };
    const age = d.now() - (verified.finished_at ?? verified.started_at);
    if (age > DAY) return { health: 'old', lastAt: verified.finished_at, message: `Cadangan terakhir ${ago(age)}: lebih dari 24 jam.`, reason: null, running: isRunning };
    return { health: 'ok', lastAt: verified.finished_at, message: `Cadangan terakhir ${ago(age)}, terverifikasi.`, reason: null, running: isRunning };
  }

  function status(): BackupStatus {
    const confirmed = readSetting(d.db, RECOVERY_CONFIRMED);
    return {
      settings: settings(),
      badge: badge(),
      running: running ? { stage: running.stage, folder: running.folder, startedAt: running.startedAt } : null,
      runs: recentBackupRuns(d.db, 12).map(view),
      nextAt: nextAt(),
      recoveryKeyConfirmedAt: confirmed === null ? null : Number(confirmed),
    };
  }

  async function execute(runId: string, folders: string[]): Promise<void> {
    const key = await d.keySource.getKey();
    if (!key.ok) {
      for (const f of folders) finishBackupRun(d.db, runId, f, d.now(), { ok: false, code: 'no_key', problem: `Kunci ledger tidak tersedia (${key.reason}); cadangan dienkripsi dengan kunci itu.` });
      return;
    }
    try {
      const result = await runBackupInWorker(
        {
          kind: 'backup',
          ledgerFile: path.join(d.dataDir, 'loket.db'),
          stagingDir: path.join(d.dataDir, 'backup-staging'),
          folders,
          vaultKey: key.key.toString('hex'),
          appVersion: d.appVersion,
          outlet: d.outlet(),
          ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}),
        },
        (p) => {
          if (running) {
            running.stage = p.stage;
            running.folder = p.folder ?? null;
          }
        },
      );
      for (const r of result.results) {
        finishBackupRun(d.db, runId, r.folder, d.now(), r.ok ? { ok: true, file: r.file, bytes: r.bytes, sales: r.sales } : { ok: false, code: r.problem.code, problem: r.problem.message });
        if (r.ok) d.log.info('backup.verified', { folder: r.folder, bytes: r.bytes, sales: r.sales, rotated: r.deleted.length });
        else d.log.warn('backup.failed', { folder: r.folder, code: r.problem.code, detail: r.problem.detail });
      }
    } catch (e) {
      d.log.error('backup.crashed', { message: (e as Error).message });
      for (const f of folders) finishBackupRun(d.db, runId, f, d.now(), { ok: false, code: 'crashed', problem: 'Pencadangan berhenti karena kesalahan di Loket; lihat log.' });
    }
  }

  function run(trigger: BackupTrigger): ReturnType<BackupService['run']> {
    if (running) return { started: false, busy: true, reason: 'Pencadangan sedang berjalan.' };
    const folders = settings().folders;
    if (folders.length === 0) return { started: false, busy: false, reason: 'Pilih folder cadangan dulu (Pengaturan → Cadangan).' };
    const runId = randomUUID();
    const startedAt = d.now();
    startBackupRuns(d.db, runId, trigger, folders, startedAt);
    const done = execute(runId, [...folders])
      .catch((e: unknown) => {
        // Only when the ledger closed under a finishing run (Loket stopping): the next start records it.
        d.log.warn('backup.unrecorded', { message: (e as Error).message });
      })
      .finally(() => {
        running = null;
      });
    running = { stage: 'copy', folder: null, startedAt, done };
    return { started: true, done };
  }

  return {
    settings,
    status,
    badge,
    run,
    saveSettings(s) {
      for (const f of s.folders) {
        if (!path.isAbsolute(f)) return err(appError('settings_invalid', `Tulis folder cadangan lengkap (mis. /media/usb/cadangan atau E:\\Cadangan): ${f}`));
        if (path.resolve(f) === path.resolve(d.dataDir) || path.resolve(f).startsWith(path.resolve(d.dataDir) + path.sep)) {
          return err(appError('settings_invalid', 'Folder cadangan harus di luar folder data Loket (cadangan di disk yang sama tidak menolong bila disk itu rusak).'));
        }
        try {
          if (!statSync(f).isDirectory()) return err(appError('settings_invalid', `${f} bukan folder.`));
        } catch {
          return err(appError('settings_invalid', `Folder ${f} tidak ditemukan. Colokkan flashdisk/drive-nya atau buat foldernya dulu.`));
        }
      }
      writeSetting(d.db, 'backup', JSON.stringify({ ...s, folders: [...new Set(s.folders.map((f) => path.resolve(f)))] }), d.now());
      return ok(status());
    },
    async stageRestore(file, vaultKey, plain, owner) {
      const bin = d.nativeBinding ? { nativeBinding: d.nativeBinding } : {};
      if (plain) return runRestoreInWorker({ kind: 'restoreLedger', file, dataDir: d.dataDir, vaultKey: vaultKey ? vaultKey.toString('hex') : null, owner, ...bin });
      if (!vaultKey) return { staged: { ok: false, problem: { code: 'wrong_key', message: 'Cadangan terenkripsi hanya bisa dibuka dengan kunci pemulihannya.', detail: 'no key' } }, key: null };
      return runRestoreInWorker({ kind: 'restore', file, dataDir: d.dataDir, vaultKey: vaultKey.toString('hex'), ...bin });
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        const at = nextAt();
        if (at !== null && at <= d.now() && !running) {
          const r = run('schedule');
          if (!r.started) d.log.info('backup.skipped', { reason: r.reason });
        }
      }, d.tickMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      // A run in progress is given a moment; if Loket exits under it, its worker dies with the
      // process — it held only a read-only connection and temp files (swept by the next run) — and
      // its rows, left 'running', are recorded as interrupted at the next start.
      if (running) await Promise.race([running.done, new Promise((r) => setTimeout(r, 5_000).unref())]);
    },
  };
}
