// A verification finding in the owner's words (the CLI and the settings screen say the same).
import type { AuditFinding } from '../db/audit-verify';

const ROW: Record<Extract<AuditFinding, { where: 'row' }>['problem'], string> = {
  changed: 'diubah di luar Loket',
  added_outside: 'ditambahkan di luar Loket',
  deleted_outside: 'dihapus di luar Loket',
};
const CHAIN: Record<Extract<AuditFinding, { where: 'chain' }>['problem'], string> = {
  entry_changed: 'diubah',
  entry_missing: 'hilang (dihapus)',
  rows_changed: 'daftar barisnya diubah',
  key_mismatch: 'tidak bisa dipastikan tanpa kunci brankas yang sama',
};

export function describeFinding(f: AuditFinding): string {
  if (f.where === 'chain') return `entri audit #${f.seq} ${CHAIN[f.problem]}`;
  return `${f.table} baris ${f.rowid}${f.key && f.key !== String(f.rowid) ? ` (${f.key})` : ''} ${ROW[f.problem]}`;
}
