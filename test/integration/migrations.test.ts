import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/db/connection';
import { MIGRATIONS, migrate, schemaVersion } from '../../electron/db/migrate';
import { tempDir } from './harness';

describe('ledger migrations', () => {
  it('a new ledger is at the latest schema, in WAL with full fsync', () => {
    const db = openLedger(path.join(tempDir(), 'loket.db'));
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('re-opening applies nothing twice', () => {
    const file = path.join(tempDir(), 'loket.db');
    openLedger(file).close();
    const db = openLedger(file);
    expect(migrate(db)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  it('refuses a ledger written by a newer Loket instead of damaging it', () => {
    const file = path.join(tempDir(), 'loket.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openLedger(file)).toThrow(/newer than this Loket/);
  });

  it('the schema itself refuses illegal states: no deletes, no edits to events, no leaving a final state', () => {
    const db = openLedger(':memory:');
    db.exec(`INSERT INTO sales (id, seq, client_request_id, product, provider, env, state, business_date, created_at, updated_at, cashier,
      customer_number, meter_number, idpel, customer_name, tariff_power, denomination, provider_admin, counter_fee, total, trxid, token)
      VALUES ('s1', 1, 'c1', 'pln_prepaid', 'vsi', 'training', 'succeeded', '2026-11-22', 1, 1, 'K', '1', '1', '1', 'N', 'R1', 20000, 1600, 0, 21600, 't1', '12345678901234567890')`);
    db.exec("INSERT INTO sale_events (sale_id, at, type) VALUES ('s1', 1, 'created')");
    expect(() => db.exec("UPDATE sales SET state = 'pending' WHERE id = 's1'")).toThrow(/illegal sale state transition/);
    expect(() => db.exec("DELETE FROM sales WHERE id = 's1'")).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE sale_events SET type = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM sale_events')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE sales SET total = 1 WHERE id = 's1'")).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO sales (id, seq, client_request_id, product, provider, env, state, business_date, created_at, updated_at, cashier,
        customer_number, meter_number, idpel, customer_name, tariff_power, denomination, provider_admin, counter_fee, total, trxid, token)
        VALUES ('s2', 2, 'c2', 'pln_prepaid', 'vsi', 'training', 'succeeded', '2026-11-22', 1, 1, 'K', '1', '1', '1', 'N', 'R1', 20000, 1600, 0, 21600, 't2', '12345678901234567890')`),
    ).toThrow(/UNIQUE/);
    db.close();
  });
});
