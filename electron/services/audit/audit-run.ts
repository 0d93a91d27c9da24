// The owner's "Periksa sekarang": one audit check at a time, its progress for the screen, the
// result noted in the chain itself, and — when every row proved — the buckets just checked row by
// row sealed as wholes, so the next check reads them at once.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { Auditor } from '../../db/audit';
import type { AuditReport } from '../../db/audit-verify';
import { verifyAuditInWorkers } from './verify-in-workers';

export type AuditRun = {
  verify(): Promise<Result<AuditReport>>;
  progress(): { running: boolean; done: number; total: number };
};

export function createAuditRun(opts: { file: string; key: Buffer | null; auditor: Auditor; nativeBinding?: string }): AuditRun {
  let progress: { done: number; total: number } | null = null;
  return {
    async verify() {
      if (progress) return err(appError('backup_busy', 'Pemeriksaan audit sedang berjalan.'));
      progress = { done: 0, total: 0 };
      let report: AuditReport;
      try {
        report = await verifyAuditInWorkers(opts.file, opts.key, {
          ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
          onProgress: (done, total) => void (progress = { done, total }),
        });
      } finally {
        progress = null;
      }
      opts.auditor.note('audit.verify', report.findings.length === 0 ? 'intact' : `${report.findings.length} findings`);
      if (report.findings.length === 0 && report.checkpoints.length > 0) opts.auditor.checkpoint(report.checkpoints);
      return ok(report);
    },
    progress: () => (progress ? { running: true, ...progress } : { running: false, done: 0, total: 0 }),
  };
}
