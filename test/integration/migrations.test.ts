import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/db/connection';
import { getSale, saleEvents } from '../../electron/db/queries/sales';
import { MIGRATIONS, migrate, schemaVersion } from '../../electron/db/migrate';
import { tempDir } from './harness';
import { installAuditor } from '../../electron/db/audit';
import { auditKey } from '../../electron/db/audit-digest';
import { verifyAudit } from '../../electron/db/audit-verify';
import { backfillJournal, ensureAccounts, journalProblems, trialBalance } from '../../electron/db/queries/journal';
import { seedSales } from '../../electron/db/queries/seed';

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

  it('a ledger written by the Foundation (schema 1) is brought forward without losing a row', () => {
    const file = path.join(tempDir(), 'loket.db');
    const old = new Database(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    old.exec(`INSERT INTO inquiries (id, env, provider, created_at, expires_at, customer_number, meter_number, idpel, customer_name,
        tariff_power, provider_admin, unsold_tokens, inquiry_ref)
      VALUES ('i1', 'production', 'vsi', 1, 2, '14233784991', '14233784991', '514233784991', 'SITI', 'R1/1300 VA', 1600, 0, 'ABC')`);
    const insertSale = (id: string, seq: number, state: string, token: string | null): void => {
      old.prepare(`INSERT INTO sales (id, seq, client_request_id, product, provider, env, state, business_date, created_at, updated_at,
          cashier, inquiry_id, customer_number, meter_number, idpel, customer_name, tariff_power, denomination, provider_admin,
          counter_fee, total, trxid, token, kwh, next_advice_at)
        VALUES (?, ?, ?, 'pln_prepaid', 'vsi', 'production', ?, '2026-11-22', 10, 11, 'Sari', ?, '14233784991', '14233784991',
          '514233784991', 'SITI', 'R1/1300 VA', 100000, 1600, 500, 102100, ?, ?, ?, ?)`).run(
        id, seq, `c-${id}`, state, seq === 1 ? 'i1' : null, `LKT-${id}`, token, token ? '70.1' : null, state === 'pending' ? 99 : null,
      );
      old.prepare(`INSERT INTO payments (id, sale_id, method, amount, tendered, change, state, created_at, updated_at)
        VALUES (?, ?, 'cash', 102100, 110000, 7900, 'settled', 10, 10)`).run(`p-${id}`, id);
      old.prepare(`INSERT INTO sale_events (sale_id, at, type, to_state) VALUES (?, 10, 'created', 'paid')`).run(id);
    };
    insertSale('s1', 1, 'succeeded', '12345678901234567890');
    insertSale('s2', 2, 'pending', null);
    old.close();

    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const s1 = getSale(db, 's1')!;
    expect(s1).toMatchObject({
      product_kind: 'pln_prepaid',
      product_code: 'pln-token-100000',
      provider: 'vsi',
      state: 'succeeded',
      face_value: 100_000,
      provider_admin: 1600,
      provider_cost: 101_600,
      margin: 500,
      total: 102_100,
      provider_ref: 'LKT-s1',
      token: '12345678901234567890',
      cashier: 'Sari',
      payment_tendered: 110_000,
      payment_state: 'settled',
      payment_method: 'cash',
      inquiry_id: 'i1',
    });
    expect(getSale(db, 's2')).toMatchObject({ state: 'pending', next_advice_at: 99, provider_ref: 'LKT-s2' });
    expect(saleEvents(db, 's1')).toHaveLength(1);
    // The search-by-method index is built from the rows that were there.
    expect(db.prepare('SELECT method, seq FROM sales_by_method ORDER BY seq').all()).toEqual([{ method: 'cash', seq: 1 }, { method: 'cash', seq: 2 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.exec("DELETE FROM sales WHERE id = 's1'")).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE sales SET state = 'pending' WHERE id = 's1'")).toThrow(/illegal sale state transition/);
    // The first start seals the old rows as the audit's baseline and posts them to the books.
    const key = auditKey(Buffer.alloc(32, 7));
    installAuditor(db, key, Date.now);
    expect(backfillJournal(db, Date.now())).toBeGreaterThan(0);
    expect(journalProblems(db)).toEqual([]);
    const balance = (code: string): number => trialBalance(db, 'production').find((a) => a.code === code)!.balance;
    expect(balance('1101')).toBe(2 * 102_100);
    expect(balance('2101')).toBe(-102_100); // the pending sale's cash is still the customer's
    expect(balance('4102')).toBe(-500);
    db.close();
    expect(verifyAudit(file, key).findings).toEqual([]);
  });

  it('schema 14 turns the provider and method enums into reference tables: every row and every audit seal of a schema-13 ledger survive', () => {
    const file = path.join(tempDir(), 'loket.db');
    const key = auditKey(Buffer.alloc(32, 9));
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, 13));
    installAuditor(old, key, Date.now);
    ensureAccounts(old);
    const methods = ['cash', 'qris', 'card', 'bitcoin'] as const;
    seedSales(
      old,
      Array.from({ length: 40 }, (_, i) => ({
        id: `S${String(i).padStart(3, '0')}`,
        seq: i + 1,
        businessDate: '2026-12-01',
        createdAt: 1_000 + i,
        state: i % 7 === 3 ? ('failed' as const) : i % 11 === 5 ? ('pending' as const) : ('succeeded' as const),
        customerNumber: `1423378${String(4000 + i)}`,
        denomination: 20_000 * (1 + (i % 5)),
        providerAdmin: 2_500,
        token: i % 7 === 3 || i % 11 === 5 ? null : String(10n ** 19n + BigInt(i)),
        method: methods[i % 4],
        booked: true,
      })),
    );
    const before = old.prepare('SELECT rowid, * FROM sales ORDER BY rowid').all();
    const paymentsBefore = old.prepare('SELECT rowid, * FROM payments ORDER BY rowid').all();
    old.close();
    expect(verifyAudit(file, key).findings).toEqual([]);

    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    // The same rows; later migrations only append columns (0016's provider_fields, NULL for every old sale).
    expect(db.prepare('SELECT rowid, * FROM sales ORDER BY rowid').all()).toEqual((before as Record<string, unknown>[]).map((r) => ({ ...r, provider_fields: null })));
    expect(db.prepare('SELECT rowid, * FROM payments ORDER BY rowid').all()).toEqual(paymentsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The rebuilt tables keep their rules: the triggers came back with them.
    expect(() => db.exec("DELETE FROM sales WHERE id = 'S000'")).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE sales SET state = 'pending' WHERE id = 'S000'")).toThrow(/illegal sale state transition/);
    // A registered provider is a row: Digiflazz is accepted, a name no one registered is refused.
    expect(() => db.exec("UPDATE sales SET provider = 'digiflazz' WHERE id = 'S001'")).not.toThrow();
    expect(() => db.exec("UPDATE sales SET provider = 'nobody' WHERE id = 'S002'")).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("UPDATE payments SET method = 'cheque' WHERE sale_id = 'S001'")).toThrow(/FOREIGN KEY/);
    db.exec("UPDATE sales SET provider = 'vsi' WHERE id = 'S001'");
    db.close();
    // Every seal made under schema 13 still matches its row.
    expect(verifyAudit(file, key).findings).toEqual([]);
  });

  it('schema 15 dates disputes and chargebacks of paid bitcoin orders: sealed orders of a schema-14 ledger keep their seals', () => {
    const file = path.join(tempDir(), 'loket.db');
    const key = auditKey(Buffer.alloc(32, 5));
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, 14));
    installAuditor(old, key, Date.now);
    ensureAccounts(old);
    const insert = old.prepare(
      `INSERT INTO bitcoin_orders (id, sale_id, env, label, cashier, fiat_amount, state, status, order_uuid, satoshi, created_at, updated_at)
       VALUES (?, NULL, 'production', 'Kaos', 'Sari', ?, ?, ?, ?, 6000, 1000, 1000)`,
    );
    // Written in a transaction of the sealed connection: sealed as Loket seals them.
    old.transaction(() => {
      insert.run('LKT-BTC-1', 90_000, 'paid', 'paid', '6f1d0c4e-3b1a-4c1e-9a55-0d6b1b6f6a01');
      insert.run('LKT-BTC-2', 15_000, 'expired', 'expired', '6f1d0c4e-3b1a-4c1e-9a55-0d6b1b6f6a02');
    })();
    const before = old.prepare('SELECT rowid, * FROM bitcoin_orders ORDER BY rowid').all() as Record<string, unknown>[];
    old.close();
    expect(verifyAudit(file, key).findings).toEqual([]);

    const db = openLedger(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const after = db.prepare('SELECT rowid, * FROM bitcoin_orders ORDER BY rowid').all() as Record<string, unknown>[];
    expect(after).toEqual(before.map((r) => ({ ...r, watch_until: null, dispute_at: null, chargeback_at: null })));
    db.close();
    expect(verifyAudit(file, key).findings).toEqual([]);
  });

  it('schema 18: a counter enrolled in Loket Pusat at schema 17 has its journal and audit chain queued in order, and no permanent outbox trigger is left', () => {
    const file = path.join(tempDir(), 'loket.db');
    const key = auditKey(Buffer.alloc(32, 6));
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS.slice(0, 17));
    installAuditor(old, key, Date.now);
    ensureAccounts(old);
    old.transaction(() => {
      // Enrolled as schema 17 enrolled: the link and its two streams.
      old.prepare("INSERT INTO hub_link (id, url, counter_id, outlet, counter, enrolled_at) VALUES (1, 'https://pusat.example', 'C1', 'Loket Sari', 'Kasir 1', 1000)").run();
      old.prepare("INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('sales', 0, 0), ('shifts', 0, 0)").run();
      for (const n of [1, 2]) {
        const e = old.prepare("INSERT INTO journal_entries (env, key, at, memo) VALUES ('production', ?, ?, 'Setoran deposit')").run(`deposit:${n}`, 1000 + n);
        old.prepare("INSERT INTO journal_lines (entry_id, account, amount) VALUES (?, '1301', 500000), (?, '3101', -500000)").run(e.lastInsertRowid, e.lastInsertRowid);
      }
    })();
    const audit = (old.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    old.close();

    const db = openLedger(file);
    const queued = (stream: string) => db.prepare('SELECT key FROM hub_outbox WHERE stream = ? ORDER BY seq').all(stream).map((r) => (r as { key: string }).key);
    const ids = (db.prepare('SELECT id FROM journal_entries ORDER BY id').all() as { id: number }[]).map((r) => String(r.id));
    expect(queued('journal')).toEqual(ids);
    expect(queued('audit')).toEqual(Array.from({ length: audit }, (_, i) => String(i + 1)));
    const streams = db.prepare('SELECT stream, next_seq FROM hub_streams ORDER BY stream').all();
    expect(streams).toEqual([
      { stream: 'audit', next_seq: audit },
      { stream: 'journal', next_seq: 2 },
      { stream: 'records', next_seq: 0 },
      { stream: 'sales', next_seq: 0 },
      { stream: 'shifts', next_seq: 0 },
    ]);
    // The outbox's triggers are Loket's connection's own now: none is stored in the ledger.
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'hub_outbox%'").all()).toEqual([]);
    db.close();
  });

  it('the schema itself refuses illegal states: no deletes, no edits to events, no leaving a final state', () => {
    const db = openLedger(':memory:');
    const insert = (id: string, token: string): void => {
      db.prepare(`INSERT INTO sales (id, seq, client_request_id, product_kind, product_code, provider_product, product_name, provider, env,
          state, business_date, created_at, updated_at, cashier, customer_number, face_value, provider_admin, provider_cost, margin,
          total, provider_ref, token)
        VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sales), ?, 'pln_prepaid', 'pln-token-20000', 'pln-token-20000', 'Token',
          'vsi', 'training', 'succeeded', '2026-11-22', 1, 1, 'K', '1', 20000, 1600, 21600, 0, 21600, ?, ?)`).run(id, `c-${id}`, `r-${id}`, token);
    };
    insert('s1', '12345678901234567890');
    db.exec("INSERT INTO sale_events (sale_id, at, type) VALUES ('s1', 1, 'created')");
    expect(() => db.exec("UPDATE sales SET state = 'pending' WHERE id = 's1'")).toThrow(/illegal sale state transition/);
    expect(() => db.exec("DELETE FROM sales WHERE id = 's1'")).toThrow(/never deleted/);
    expect(() => db.exec("UPDATE sale_events SET type = 'x'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM sale_events')).toThrow(/append-only/);
    expect(() => db.exec("UPDATE sales SET total = 1 WHERE id = 's1'")).toThrow(/CHECK/);
    expect(() => insert('s2', '12345678901234567890')).toThrow(/UNIQUE/);
    db.close();
  });
});
