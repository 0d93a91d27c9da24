// The tamper-evident audit: sales made through Loket verify clean; any edit, insertion or deletion
// made behind its back — with a second connection, as the sqlite3 CLI would — is found and named,
// and so is any edit, removal or reordering of the audit entries themselves.
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../electron/db/audit-verify';
import { auditKey } from '../../electron/db/audit-digest';
import { requestId, sellToken, startCore, TEST_KEY, tempDir, waitFor, type Core } from './harness';

const key = auditKey(Buffer.from(TEST_KEY, 'hex'));
const root = fileURLToPath(new URL('../../', import.meta.url));

async function ledgerWithSales(): Promise<{ dir: string; file: string }> {
  const dir = tempDir('loket-audit-');
  const core: Core = await startCore({ dataDir: dir });
  try {
    await sellToken(core, '14233784991', 50_000);
    await sellToken(core, '12345678901', 20_000);
    const inq = await core.call('pln.inquire', { customerNumber: '885555555555' });
    const btc = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'bitcoin' } });
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'pay' });
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'confirm' });
    await waitFor(() => core.call('sale.get', { saleId: btc.id }), (s) => s.state === 'succeeded', 15_000);
    await core.call('settings.saveOutlet', { name: 'Loket Audit', address: 'Jl. Uji 1', cashierName: 'Sari', counterFee: 2_500, timeZone: 'Asia/Jakarta' });
  } finally {
    await core.stop();
  }
  return { dir, file: path.join(dir, 'loket.db') };
}

/** A second program writing to the ledger, as the sqlite3 CLI would (its own triggers still apply). */
function behindTheBack(file: string, sql: string): void {
  const db = new Database(file);
  db.exec(sql);
  db.close();
}

describe('audit verification', () => {
  it('a ledger written only by Loket verifies clean, and restarting it changes nothing', async () => {
    const { dir, file } = await ledgerWithSales();
    const report = verifyAudit(file, key);
    expect(report.findings).toEqual([]);
    expect(report.keyed).toBe(true);
    expect(report.entries).toBeGreaterThan(20);
    expect(report.rows).toBeGreaterThan(20);
    const again = await startCore({ dataDir: dir });
    await again.stop();
    expect(verifyAudit(file, key).findings).toEqual([]);
    // Without the key nothing can be confirmed: every entry is reported.
    expect(verifyAudit(file, null).findings[0]).toMatchObject({ where: 'chain', problem: 'key_mismatch' });
  });

  it('names a row edited, a row added and a row deleted behind the app’s back', async () => {
    const { file } = await ledgerWithSales();
    const db = new Database(file, { readonly: true });
    const sale = db.prepare('SELECT id, rowid AS rid FROM sales WHERE seq = 1').get() as { id: string; rid: number };
    const event = db.prepare('SELECT id FROM sale_events ORDER BY id DESC LIMIT 1').get() as { id: number };
    db.close();
    behindTheBack(file, `UPDATE sales SET customer_name = 'ORANG LAIN' WHERE seq = 1`);
    behindTheBack(file, `DROP TRIGGER sale_events_no_delete; DELETE FROM sale_events WHERE id = ${event.id}`);
    behindTheBack(file, `INSERT INTO settings (key, value, updated_at) VALUES ('sneaky', '1', 0)`);
    const { findings } = verifyAudit(file, key);
    expect(findings).toContainEqual({ where: 'row', table: 'sales', rowid: sale.rid, key: sale.id, problem: 'changed' });
    expect(findings).toContainEqual(expect.objectContaining({ where: 'row', table: 'sale_events', rowid: event.id, problem: 'deleted_outside' }));
    expect(findings).toContainEqual(expect.objectContaining({ where: 'row', table: 'settings', key: 'sneaky', problem: 'added_outside' }));
    expect(findings.filter((f) => f.where === 'chain')).toEqual([]);
  });

  it('names an audit entry edited, removed or moved', async () => {
    const { file } = await ledgerWithSales();
    behindTheBack(file, `DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'owner' WHERE seq = 5`);
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'chain', seq: 5, problem: 'entry_changed' });
    behindTheBack(file, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 9`);
    expect(verifyAudit(file, key).findings).toContainEqual({ where: 'chain', seq: 9, problem: 'entry_missing' });
    // Two entries swapped (their seq exchanged): both no longer chain.
    behindTheBack(file, `UPDATE audit_log SET seq = -12 WHERE seq = 12; UPDATE audit_log SET seq = 12 WHERE seq = 13; UPDATE audit_log SET seq = 13 WHERE seq = -12`);
    const moved = verifyAudit(file, key).findings.filter((f) => f.where === 'chain' && (f.seq === 12 || f.seq === 13));
    expect(moved.length).toBeGreaterThan(0);
  });

  it('npm run audit:verify -- --data <dir> says intact (exit 0) or where it was tampered with (exit 1)', async () => {
    const { dir, file } = await ledgerWithSales();
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'electron/app/audit-cli.ts', '--data', dir], { cwd: root, env: { ...process.env, LOKET_MASTER_KEY: TEST_KEY }, encoding: 'utf8' });
    const clean = run();
    expect(clean.stdout).toContain('UTUH');
    expect(clean.status).toBe(0);
    behindTheBack(file, `UPDATE payments SET tendered = tendered + 50000, change = change + 50000 WHERE method = 'cash'`);
    const tampered = run();
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/payments .* diubah di luar Loket/);
  });
});
