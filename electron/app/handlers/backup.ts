// The calls of backups, the recovery key and the first start's restore. The recovery key is the
// vault key written for a person: shown to the owner only (each showing audited), confirmed by two
// of its groups typed back. A restore is offered only while this Loket holds nothing a person made
// (no account, sale, shift or credential): it can never replace a ledger in use.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { err, ok, appError, type AppError, type Result } from '../../../shared/domain/errors';
import type { BackupFileView, RestoredView } from '../../../shared/backup';
import type { Ledger } from '../../db/connection';
import { inspectLedger, ledgerIsPristine } from '../../db/ledger-inspect';
import { writeSetting } from '../../db/queries/settings';
import type { Auditor } from '../../db/audit';
import type { KeySource } from '../../secrets/key-source';
import { parseMasterKey } from '../../secrets/key-source';
import { groupsToConfirm, normaliseRecoveryText, readRecoveryKey, recoveryGroups, recoveryKeyOf } from '../../secrets/recovery-key';
import { readBackupHeader } from '../../services/backup/backup-file';
import { isPlainLedger } from '../../services/backup/restore-ledger';
import { RECOVERY_CONFIRMED, type BackupService } from '../../services/backup/backup-service';
import type { SettingsService } from '../../services/settings/settings-service';
import { renderRecoveryKeyPdf } from '../../receipts/recovery-key-pdf';
import type { HandlerTable } from '../invoke';

type BackupCalls = 'backup.status' | 'backup.saveSettings' | 'backup.run' | 'recoveryKey.show' | 'recoveryKey.confirm' | 'recoveryKey.pdf' | 'setup.findBackups' | 'setup.restore';

export type BackupHandlerDeps = {
  db: Ledger;
  keySource: KeySource;
  backups: BackupService;
  settings: SettingsService;
  auditor: Auditor;
  now: () => number;
  who: (session: string) => string;
  /** The host puts a staged, proven ledger in place and reopens Loket on it (loket-runtime.ts). */
  replaceLedger?: (staged: string, vaultKey: Buffer) => Promise<void>;
};

async function recoveryGroupsOf(keySource: KeySource): Promise<Result<string[]>> {
  const key = await keySource.getKey();
  if (!key.ok) return err(appError('vault_locked', 'Loket tidak punya kunci brankas, jadi tidak ada kunci pemulihan untuk ditampilkan.', key.reason));
  return ok(recoveryGroups(recoveryKeyOf(key.key)));
}

function backupView(file: string, h: { createdAt: number; outlet: string; sales: number; lastSaleAt: number | null; appVersion: string; schema: number }): BackupFileView {
  return { file, kind: 'backup', createdAt: h.createdAt, outlet: h.outlet, sales: h.sales, lastSaleAt: h.lastSaleAt, appVersion: h.appVersion, schema: h.schema, bytes: statSync(file).size };
}

/** A plain ledger (loket.db) as the restore screen lists it; null when it cannot be read. */
function ledgerView(file: string): BackupFileView | null {
  try {
    const f = inspectLedger(file, { integrity: 'skip' });
    return { file, kind: 'ledger', createdAt: Math.floor(statSync(file).mtimeMs), outlet: 'loket.db', sales: f.sales, lastSaleAt: f.lastSale?.at ?? null, appVersion: '', schema: f.schema, bytes: statSync(file).size };
  } catch {
    return null;
  }
}

export function backupHandlers(d: BackupHandlerDeps): Pick<HandlerTable, BackupCalls> {
  /** The two positions asked of each session, so a confirmation answers the question it was given. */
  const asked = new Map<string, [number, number]>();
  const notPristine = (): AppError | null =>
    ledgerIsPristine(d.db) ? null : appError('restore_refused', 'Loket ini sudah berisi data (akun atau penjualan); pemulihan hanya bisa di Loket yang baru dipasang.');

  return {
    'backup.status': () => (ok(d.backups.status())),
    'backup.saveSettings': (req) => d.backups.saveSettings(req),
    'backup.run': () => {
      const r = d.backups.run('manual');
      if (!r.started) return err(appError(r.busy ? 'backup_busy' : 'settings_invalid', r.reason));
      return ok(d.backups.status());
    },
    'recoveryKey.show': async (_req, caller) => {
      const groups = await recoveryGroupsOf(d.keySource);
      if (!groups.ok) return groups;
      const confirm = groupsToConfirm();
      asked.set(caller.session, confirm);
      d.auditor.note('recovery_key.shown', `to ${d.who(caller.session)}`);
      return ok({ groups: groups.value, confirm });
    },
    'recoveryKey.confirm': async (req, caller) => {
      const want = asked.get(caller.session);
      const groups = await recoveryGroupsOf(d.keySource);
      if (!groups.ok) return groups;
      if (!want) return err(appError('recovery_key_invalid', 'Tampilkan kunci pemulihan dulu, lalu ketik dua kelompok yang diminta.'));
      for (const position of want) {
        const answer = req.answers.find((a) => a.position === position);
        if (!answer || normaliseRecoveryText(answer.group) !== groups.value[position - 1]) {
          return err(appError('recovery_key_invalid', `Kelompok ke-${position} tidak cocok. Lihat lagi kertas kunci pemulihan Anda.`));
        }
      }
      asked.delete(caller.session);
      writeSetting(d.db, RECOVERY_CONFIRMED, String(d.now()), d.now());
      d.auditor.note('recovery_key.confirmed', `by ${d.who(caller.session)}`);
      return ok(d.backups.status());
    },
    'recoveryKey.pdf': async (_req, caller) => {
      const groups = await recoveryGroupsOf(d.keySource);
      if (!groups.ok) return groups;
      const outlet = d.settings.outlet();
      const bytes = await renderRecoveryKeyPdf({ groups: groups.value, outlet: outlet.name, timeZone: outlet.timeZone, printedAt: d.now(), printedBy: d.who(caller.session) });
      d.auditor.note('recovery_key.printed', `by ${d.who(caller.session)}`);
      return ok({ pdfBase64: Buffer.from(bytes).toString('base64'), fileName: 'kunci-pemulihan-loket.pdf' });
    },
    'setup.findBackups': async (req) => {
      const refused = notPristine();
      if (refused) return err(refused);
      const p = path.resolve(req.path);
      if (!existsSync(p)) return err(appError('invalid_request', `Tidak ada berkas atau folder ${p}. Colokkan flashdisk-nya, lalu periksa alamatnya.`));
      const files = statSync(p).isDirectory()
        ? readdirSync(p)
            .filter((n) => n.endsWith('.loketbak') || n === 'loket.db')
            .map((n) => path.join(p, n))
        : [p];
      const backups: BackupFileView[] = [];
      for (const f of files) {
        if (isPlainLedger(f)) {
          const v = ledgerView(f);
          if (v) backups.push(v);
          continue;
        }
        const h = await readBackupHeader(f);
        if (h.ok) backups.push(backupView(f, h.header));
        else if (files.length === 1) return err(appError('restore_refused', h.error.message, h.error.detail));
      }
      if (backups.length === 0) return err(appError('restore_refused', `Tidak ada berkas cadangan Loket (.loketbak) di ${p}.`));
      return ok({ backups: backups.sort((a, b) => b.createdAt - a.createdAt) });
    },
    'setup.restore': async (req) => {
      const refused = notPristine();
      if (refused) return err(refused);
      if (!d.replaceLedger) return err(appError('restore_refused', 'Pemulihan dari layar ini tidak tersedia di sini; pakai npm run restore.'));
      const file = path.resolve(req.file);
      const plain = isPlainLedger(file);
      // The recovery key as printed; web mode's LOKET_MASTER_KEY (64 hex) serves too. None at all is
      // only for a plain ledger whose key went with the old PC.
      let key: Buffer | null = null;
      if (req.recoveryKey.trim() !== '') {
        const master = parseMasterKey(req.recoveryKey);
        const read = master ? ({ ok: true, key: master } as const) : readRecoveryKey(req.recoveryKey);
        if (!read.ok) return err(appError('recovery_key_invalid', read.message));
        key = read.key;
      } else if (!plain) {
        return err(appError('recovery_key_invalid', 'Cadangan terenkripsi hanya bisa dibuka dengan kunci pemulihannya. Ketik kuncinya.'));
      } else if (!req.owner) {
        return err(appError('recovery_key_invalid', 'Tanpa kunci pemulihan: ketik nama pemilik dan PIN baru untuknya.'));
      }
      const { staged, key: openWith } = await d.backups.stageRestore(file, key, plain, req.owner ?? null);
      if (!staged.ok) {
        const code = staged.problem.code === 'wrong_key' ? 'recovery_key_invalid' : 'restore_refused';
        return err(appError(code, staged.problem.message, staged.problem.detail));
      }
      if (!openWith) return err(appError('restore_refused', 'Pemulihan tidak menghasilkan kunci.'));
      await d.replaceLedger(staged.staged, openWith);
      const f = staged.facts;
      const value: RestoredView = {
        file,
        keyless: f.keyless,
        secretsForgotten: f.secretsForgotten,
        unverifiableBefore: f.unverifiableBefore,
        sales: f.sales,
        users: f.users,
        schemaFrom: f.schemaFrom,
        schemaTo: f.schemaTo,
        auditEntries: f.auditEntries,
        auditRows: f.auditRows,
        lastSale: f.lastSale ? { at: f.lastSale.at, productName: f.lastSale.productName, total: f.lastSale.total, state: f.lastSale.state } : null,
        lastShift: f.lastShift ? { openedAt: f.lastShift.openedAt, closedAt: f.lastShift.closedAt, cashier: f.lastShift.cashier } : null,
      };
      return { ok: true, value };
    },
  };
}
