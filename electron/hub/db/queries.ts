// Every SQL statement of Loket Pusat (issue 18): the owner's token, outlets and counters with their
// enrollment, the ingest of a counter's batch (once, in order, in one transaction), and the day's
// summary. Both engines run exactly these statements.
import type { HubDb, Queryable } from './connection';
import type { HubJournalBody, HubSaleBody, HubShiftBody, HubStream, ReplicatedRow } from '../../../shared/hub-contract';

export async function ownerToken(db: HubDb, fresh: () => string): Promise<string> {
  await db.query("INSERT INTO hub_meta (key, value) VALUES ('owner_token', $1) ON CONFLICT (key) DO NOTHING", [fresh()]);
  const r = await db.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'owner_token'");
  return r[0]!.value;
}

export type CounterCode = { counterId: string; expiresAt: number };

/**
 * A counter of an outlet (both made when new) gets a fresh one-time code. A counter already
 * enrolled is refused: its place is taken, and a second PC under its name would mix two ledgers.
 */
export async function issueCounterCode(
  db: HubDb,
  ids: { outlet: string; counter: string },
  names: { outlet: string; counter: string },
  codeHash: string,
  expiresAt: number,
): Promise<CounterCode | 'already_enrolled'> {
  return db.tx(async (q) => {
    await q.query('INSERT INTO outlets (id, name) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [ids.outlet, names.outlet]);
    const outlet = (await q.query<{ id: string }>('SELECT id FROM outlets WHERE name = $1', [names.outlet]))[0]!;
    const existing = (await q.query<{ id: string; enrolled_at: Date | null }>('SELECT id, enrolled_at FROM counters WHERE outlet_id = $1 AND name = $2 FOR UPDATE', [outlet.id, names.counter]))[0];
    if (existing?.enrolled_at) return 'already_enrolled' as const;
    const id = existing?.id ?? ids.counter;
    await q.query(
      `INSERT INTO counters (id, outlet_id, name, code_hash, code_expires_at) VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0))
       ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, code_expires_at = excluded.code_expires_at`,
      [id, outlet.id, names.counter, codeHash, expiresAt],
    );
    return { counterId: id, expiresAt };
  });
}

export type EnrolledCounter = { counterId: string; outlet: string; counter: string };

/** Spends a code: once, before it expires. The counter's credential is kept only as its hash. */
export async function enrollCounter(db: HubDb, codeHash: string, credentialHash: string, now: number): Promise<EnrolledCounter | null> {
  const r = await db.query<{ id: string; name: string; outlet: string }>(
    `UPDATE counters c SET code_hash = NULL, code_expires_at = NULL, credential_hash = $2, enrolled_at = to_timestamp($3 / 1000.0)
     FROM outlets o
     WHERE c.code_hash = $1 AND c.code_expires_at > to_timestamp($3 / 1000.0) AND o.id = c.outlet_id
     RETURNING c.id, c.name, o.name AS outlet`,
    [codeHash, credentialHash, now],
  );
  const c = r[0];
  return c ? { counterId: c.id, outlet: c.outlet, counter: c.name } : null;
}

export async function counterByCredential(db: HubDb, credentialHash: string): Promise<{ id: string } | null> {
  const r = await db.query<{ id: string }>('SELECT id FROM counters WHERE credential_hash = $1', [credentialHash]);
  return r[0] ?? null;
}

/** Months whose partition this process has already made, per database (DDL is not free per batch). */
const madePartitions = new WeakMap<HubDb, Set<string>>();

/**
 * Monthly partitions for the months these rows fall in (UTC months; names from integers only).
 * Returns the months it made sure of: the caller remembers them once its transaction committed.
 */
async function ensurePartitions(db: HubDb, q: Queryable, rows: readonly ReplicatedRow[]): Promise<string[]> {
  const made = madePartitions.get(db);
  const months = [...new Set(rows.map((r) => new Date(r.at).toISOString().slice(0, 7)))].filter((m) => !made?.has(m));
  // Counters' batches arrive at once on a server: one transaction at a time makes a month's partition
  // (a second waits for the first to commit, then finds it), instead of both failing on its name.
  if (months.length > 0) await q.query("SELECT pg_advisory_xact_lock(hashtext('loket_pusat.replicated_partitions'))");
  for (const m of months) {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    await q.query(`CREATE TABLE IF NOT EXISTS replicated_y${y}m${String(mo).padStart(2, '0')} PARTITION OF replicated FOR VALUES FROM ('${m}-01') TO ('${next}-01')`);
  }
  return months;
}

export type IngestResult =
  | { kind: 'ok'; accepted: number; skipped: number; lastSeq: number }
  | { kind: 'gap'; expected: number; got: number; lastSeq: number };

/**
 * A counter's batch, in one transaction: rows the hub already has are skipped (a replay) — but one
 * whose content differs from what arrived before is flagged, named by its key; the next new row
 * must be exactly last_seq + 1; new rows are kept, the chain hash and the cursor move on, and the
 * stream's own tables (a sale's latest state, the books, the audit chain's head) follow.
 */
export async function ingestBatch(
  db: HubDb,
  counterId: string,
  stream: HubStream,
  rows: readonly ReplicatedRow[],
  chain: (previous: string, digest: string) => string,
  /** The stream's own tables, from its new rows, in the same transaction (see the project* functions). */
  project: (q: Queryable, fresh: readonly ReplicatedRow[]) => Promise<void>,
  now: number,
  backlog?: { rows: number; oldestAt: number | null },
): Promise<IngestResult> {
  let months: string[] = [];
  const result = await db.tx(async (q) => {
    await q.query('INSERT INTO stream_cursors (counter_id, stream) VALUES ($1, $2) ON CONFLICT DO NOTHING', [counterId, stream]);
    const cursor = (await q.query<{ last_seq: string; last_hash: string }>('SELECT last_seq, last_hash FROM stream_cursors WHERE counter_id = $1 AND stream = $2 FOR UPDATE', [counterId, stream]))[0]!;
    let lastSeq = Number(cursor.last_seq);
    let hash = cursor.last_hash;
    const sorted = [...rows].sort((a, b) => a.seq - b.seq);
    const old = sorted.filter((r) => r.seq <= lastSeq);
    const fresh = sorted.filter((r) => r.seq > lastSeq);
    if (old.length > 0) {
      // Rows the hub already holds: the same content is a replay; other content is flagged.
      const had = await q.query<{ seq: string; digest: string }>('SELECT seq, digest FROM replicated WHERE counter_id = $1 AND stream = $2 AND seq = ANY($3::bigint[])', [counterId, stream, old.map((r) => r.seq)]);
      const byseq = new Map(had.map((h) => [Number(h.seq), h.digest]));
      const changed = old.filter((r) => byseq.has(r.seq) && byseq.get(r.seq) !== r.digest);
      await insertFlags(q, counterId, stream, changed.map((r) => ({ seq: r.seq, key: r.key, problem: 'changed_after_replication' })));
    }
    if (fresh.length > 0 && fresh[0]!.seq !== lastSeq + 1) return { kind: 'gap' as const, expected: lastSeq + 1, got: fresh[0]!.seq, lastSeq };
    for (let i = 1; i < fresh.length; i++) {
      if (fresh[i]!.seq !== fresh[i - 1]!.seq + 1) return { kind: 'gap' as const, expected: fresh[i - 1]!.seq + 1, got: fresh[i]!.seq, lastSeq };
    }
    if (fresh.length > 0) {
      months = await ensurePartitions(db, q, fresh);
      // The batch in one statement each: its rows, then each sale's latest state in it.
      await q.query(
        `INSERT INTO replicated (counter_id, stream, seq, at, key, body, digest)
         SELECT $1, $2, r.seq, to_timestamp(r.at / 1000.0), r.key, r.body, r.digest
         FROM jsonb_to_recordset($3::jsonb) AS r(seq bigint, at bigint, key text, body jsonb, digest text)`,
        [counterId, stream, JSON.stringify(fresh.map((r) => ({ seq: r.seq, at: r.at, key: r.key, body: r.body, digest: r.digest })))],
      );
      for (const r of fresh) hash = chain(hash, r.digest);
      lastSeq = fresh[fresh.length - 1]!.seq;
      await project(q, fresh);
    }
    await q.query('UPDATE stream_cursors SET last_seq = $3, last_hash = $4, updated_at = to_timestamp($5 / 1000.0) WHERE counter_id = $1 AND stream = $2', [counterId, stream, lastSeq, hash, now]);
    await q.query('UPDATE counters SET last_contact_at = to_timestamp($2 / 1000.0) WHERE id = $1', [counterId, now]);
    if (backlog) await noteBacklog(q, counterId, backlog);
    return { kind: 'ok' as const, accepted: fresh.length, skipped: old.length, lastSeq };
  });
  // Committed: those partitions exist (a rolled-back transaction made none, so nothing is remembered then).
  const made = madePartitions.get(db) ?? new Set<string>();
  for (const m of months) made.add(m);
  madePartitions.set(db, made);
  return result;
}

/** Each sale's latest state in the batch (the hub keeps a sale as it last stood; an older row never overwrites a newer). */
export async function projectSales(q: Queryable, counterId: string, latest: readonly (HubSaleBody & { seq: number; attestDigest: string })[]): Promise<void> {
  if (latest.length === 0) return;
  await q.query(
    `INSERT INTO hub_sales (counter_id, sale_id, env, receipt_no, business_date, state, product_name, method, total, margin, created_at, updated_at, seq, attest_digest)
     SELECT $1, s.id, coalesce(s.env, 'production'), s."receiptNo", s."businessDate"::date, s.state, s."productName", s.method, s.total, s.margin,
            to_timestamp(s."createdAt" / 1000.0), to_timestamp(s."updatedAt" / 1000.0), s.seq, s."attestDigest"
     FROM jsonb_to_recordset($2::jsonb) AS s(id text, env text, "receiptNo" text, "businessDate" text, state text, "productName" text, method text,
                                             total bigint, margin bigint, "createdAt" bigint, "updatedAt" bigint, seq bigint, "attestDigest" text)
     ON CONFLICT (counter_id, sale_id) DO UPDATE SET env = excluded.env, receipt_no = excluded.receipt_no, business_date = excluded.business_date, state = excluded.state,
       product_name = excluded.product_name, method = excluded.method, total = excluded.total, margin = excluded.margin,
       updated_at = excluded.updated_at, seq = excluded.seq, attest_digest = excluded.attest_digest
     WHERE hub_sales.seq < excluded.seq`,
    [counterId, JSON.stringify(latest)],
  );
}

/** Shift closes: a closed shift never changes at its counter, so the first arrival stands. */
export async function projectShifts(q: Queryable, counterId: string, closes: readonly HubShiftBody[]): Promise<void> {
  if (closes.length === 0) return;
  await q.query(
    `INSERT INTO hub_shifts (counter_id, shift_id, cashier, closed_by, opened_at, closed_at, opening_float, expected_cash, counted_cash, variance, reason)
     SELECT $1, s.id, s.cashier, s."closedBy", to_timestamp(s."openedAt" / 1000.0), to_timestamp(s."closedAt" / 1000.0), s."openingFloat",
            s."expectedCash", s."countedCash", s.variance, s.reason
     FROM jsonb_to_recordset($2::jsonb) AS s(id text, cashier text, "closedBy" text, "openedAt" bigint, "closedAt" bigint, "openingFloat" bigint,
                                             "expectedCash" bigint, "countedCash" bigint, variance bigint, reason text)
     ON CONFLICT (counter_id, shift_id) DO NOTHING`,
    [counterId, JSON.stringify(closes)],
  );
}

/**
 * Journal entries: each kept once, and its lines added to the counter's balances and to the day's
 * movement of each account, in one statement. An entry without a business date (older ledgers)
 * falls on the day of its time in the outlet's zone.
 */
export async function projectJournal(q: Queryable, counterId: string, entries: readonly (HubJournalBody & { seq: number; attestDigest: string })[]): Promise<void> {
  if (entries.length === 0) return;
  const lines = entries.flatMap((e) => e.lines.map((l) => ({ entry: e.id, ...l })));
  await q.query(
    `WITH zone AS (SELECT o.time_zone FROM counters c JOIN outlets o ON o.id = c.outlet_id WHERE c.id = $1),
     ins AS (
       INSERT INTO hub_journal (counter_id, entry_id, env, business_date, at, memo, attest_digest, seq)
       SELECT $1, e.id, e.env, coalesce(e."businessDate"::date, (to_timestamp(e.at / 1000.0) AT TIME ZONE (SELECT time_zone FROM zone))::date),
              to_timestamp(e.at / 1000.0), e.memo, e."attestDigest", e.seq
       FROM jsonb_to_recordset($2::jsonb) AS e(id bigint, env text, "businessDate" text, at bigint, memo text, "attestDigest" text, seq bigint)
       ON CONFLICT (counter_id, entry_id) DO NOTHING
       RETURNING entry_id, env, business_date
     ),
     l AS (
       SELECT ins.env, ins.business_date, x.account, x.name, x.kind, x.deposit, x.amount
       FROM ins JOIN jsonb_to_recordset($3::jsonb) AS x(entry bigint, account text, name text, kind text, deposit boolean, amount bigint) ON x.entry = ins.entry_id
     ),
     acc AS (
       INSERT INTO hub_accounts (counter_id, env, account, name, kind, deposit, balance)
       SELECT $1, env, account, max(name), max(kind), bool_or(deposit), sum(amount) FROM l GROUP BY env, account
       ON CONFLICT (counter_id, env, account) DO UPDATE SET balance = hub_accounts.balance + excluded.balance, name = excluded.name, kind = excluded.kind, deposit = excluded.deposit
       RETURNING 1
     )
     INSERT INTO hub_account_days (counter_id, env, business_date, account, debit, credit)
     SELECT $1, env, business_date, account, sum(greatest(amount, 0)), sum(greatest(-amount, 0)) FROM l GROUP BY env, business_date, account
     ON CONFLICT (counter_id, env, business_date, account) DO UPDATE SET debit = hub_account_days.debit + excluded.debit, credit = hub_account_days.credit + excluded.credit`,
    [counterId, JSON.stringify(entries.map(({ lines: _lines, ...e }) => e)), JSON.stringify(lines)],
  );
}

export type AuditHead = { seq: number; hash: string };
export type AuditProblem = { seq: number; key: string; problem: 'audit_chain_broken' | 'audit_hash_wrong' };

/**
 * Audit entries: the counter's chain head is read (locked), `verify` walks the new entries from it
 * and names any that does not link; the head moves on and the problems are flagged, together.
 */
export async function projectAudit(q: Queryable, counterId: string, verify: (head: AuditHead | null) => { head: AuditHead | null; problems: AuditProblem[] }): Promise<void> {
  const had = (await q.query<{ seq: string; hash: string }>('SELECT seq, hash FROM hub_audit_heads WHERE counter_id = $1 FOR UPDATE', [counterId]))[0];
  const { head, problems } = verify(had ? { seq: Number(had.seq), hash: had.hash } : null);
  if (head) {
    await q.query('INSERT INTO hub_audit_heads (counter_id, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (counter_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash', [counterId, head.seq, head.hash]);
  }
  await insertFlags(q, counterId, 'audit', problems);
}

async function insertFlags(q: Queryable, counterId: string, stream: string, flags: readonly { seq: number; key: string; problem: string }[]): Promise<void> {
  if (flags.length === 0) return;
  await q.query(
    `INSERT INTO hub_flags (counter_id, stream, seq, key, problem)
     SELECT $1, $2, f.seq, f.key, f.problem FROM jsonb_to_recordset($3::jsonb) AS f(seq bigint, key text, problem text)
     ON CONFLICT DO NOTHING`,
    [counterId, stream, JSON.stringify(flags)],
  );
}

/**
 * A counter's attestation: each row's digest against the one the hub holds (rows it does not hold
 * are not judged), the chain head against the hub's, the deposit readings kept. Every difference
 * is flagged with the row's key. Returns how many rows were compared and how many differ.
 */
export async function takeAttestation(
  db: HubDb,
  counterId: string,
  a: {
    auditHead: AuditHead | null;
    rows: readonly { stream: 'sales' | 'journal'; key: string; digest: string }[];
    deposits: readonly { env: string; account: string; name: string; reported: number; checkedAt: number }[];
    backlog?: { rows: number; oldestAt: number | null } | undefined;
  },
  now: number,
): Promise<{ checked: number; differing: number }> {
  return db.tx(async (q) => {
    const sales = a.rows.filter((r) => r.stream === 'sales');
    const entries = a.rows.filter((r) => r.stream === 'journal');
    const salesDiff = await q.query<{ seq: string; key: string }>(
      `SELECT s.seq, s.sale_id AS key FROM jsonb_to_recordset($2::jsonb) AS r(key text, digest text)
       -- '': kept before the hub computed attest digests (schema 3): not judged rather than all flagged.
       JOIN hub_sales s ON s.counter_id = $1 AND s.sale_id = r.key WHERE s.attest_digest <> '' AND s.attest_digest <> r.digest`,
      [counterId, JSON.stringify(sales)],
    );
    const journalDiff = await q.query<{ seq: string; key: string }>(
      `SELECT j.seq, j.entry_id::text AS key FROM jsonb_to_recordset($2::jsonb) AS r(key text, digest text)
       JOIN hub_journal j ON j.counter_id = $1 AND j.entry_id = r.key::bigint WHERE j.attest_digest <> r.digest`,
      [counterId, JSON.stringify(entries)],
    );
    const checked = await q.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM jsonb_to_recordset($2::jsonb) AS r(key text) JOIN hub_sales s ON s.counter_id = $1 AND s.sale_id = r.key AND s.attest_digest <> '')
            + (SELECT count(*) FROM jsonb_to_recordset($3::jsonb) AS r(key text) JOIN hub_journal j ON j.counter_id = $1 AND j.entry_id = r.key::bigint) AS n`,
      [counterId, JSON.stringify(sales), JSON.stringify(entries)],
    );
    const problem = 'changed_after_replication';
    await insertFlags(q, counterId, 'sales', salesDiff.map((d) => ({ seq: Number(d.seq), key: d.key, problem })));
    await insertFlags(q, counterId, 'journal', journalDiff.map((d) => ({ seq: Number(d.seq), key: d.key, problem })));
    let headDiffers = 0;
    if (a.auditHead) {
      const head = (await q.query<{ seq: string; hash: string }>('SELECT seq, hash FROM hub_audit_heads WHERE counter_id = $1', [counterId]))[0];
      if (head && (Number(head.seq) !== a.auditHead.seq || head.hash !== a.auditHead.hash)) {
        headDiffers = 1;
        await insertFlags(q, counterId, 'audit', [{ seq: a.auditHead.seq, key: String(a.auditHead.seq), problem: 'audit_head_differs' }]);
      }
    }
    if (a.deposits.length > 0) {
      await q.query(
        `INSERT INTO hub_deposit_readings (counter_id, env, account, name, reported, checked_at)
         SELECT $1, d.env, d.account, d.name, d.reported, to_timestamp(d."checkedAt" / 1000.0)
         FROM jsonb_to_recordset($2::jsonb) AS d(env text, account text, name text, reported bigint, "checkedAt" bigint)
         ON CONFLICT (counter_id, env, account) DO UPDATE SET name = excluded.name, reported = excluded.reported, checked_at = excluded.checked_at`,
        [counterId, JSON.stringify(a.deposits)],
      );
    }
    await q.query('UPDATE counters SET last_contact_at = to_timestamp($2 / 1000.0) WHERE id = $1', [counterId, now]);
    if (a.backlog) await noteBacklog(q, counterId, a.backlog);
    return { checked: Number(checked[0]!.n), differing: salesDiff.length + journalDiff.length + headDiffers };
  });
}

/** Every flag with where it was raised and the row it names: a sale by receipt number, an entry by memo. */
export async function allFlags(db: HubDb): Promise<{ outlet: string; counter: string; stream: string; key: string; label: string | null; problem: string; at_ms: string }[]> {
  return db.query(
    `SELECT o.name AS outlet, c.name AS counter, f.stream, f.key, coalesce(s.receipt_no, j.memo) AS label, f.problem, (extract(epoch FROM f.at) * 1000)::bigint AS at_ms
     FROM hub_flags f JOIN counters c ON c.id = f.counter_id JOIN outlets o ON o.id = c.outlet_id
     LEFT JOIN hub_sales s ON f.stream = 'sales' AND s.counter_id = f.counter_id AND s.sale_id = f.key
     LEFT JOIN hub_journal j ON f.stream = 'journal' AND j.counter_id = f.counter_id AND j.entry_id::text = f.key
     ORDER BY f.at DESC, f.id DESC LIMIT 500`,
  );
}

export type BookRow = {
  outlet: string;
  counter: string;
  account: string;
  name: string;
  kind: string;
  deposit: boolean;
  /** false: a deposit the provider reported that this counter's books have never touched. */
  booked: boolean;
  balance: string;
  /** The balance now (what a provider's latest reading is compared with). */
  current: string;
  debit: string;
  credit: string;
  reported: string | null;
  checked_ms: string | null;
};

/**
 * Each counter's accounts on a business day: the day's debits and credits, and the balance at the
 * day's end (today's balance less what moved on later days) — from the balances and day movements,
 * never a year of lines; with the provider's last deposit reading beside a deposit account.
 */
export async function booksOfDay(db: HubDb, date: string, env: string): Promise<BookRow[]> {
  return db.query<BookRow>(
    `WITH later AS (
       SELECT counter_id, account, sum(debit - credit) AS net FROM hub_account_days WHERE env = $2 AND business_date > $1::date GROUP BY counter_id, account
     )
     SELECT o.name AS outlet, c.name AS counter, b.account, b.name, b.kind, b.deposit, true AS booked, b.balance - coalesce(l.net, 0) AS balance, b.balance AS current,
            coalesce(d.debit, 0) AS debit, coalesce(d.credit, 0) AS credit, r.reported, (extract(epoch FROM r.checked_at) * 1000)::bigint AS checked_ms
     FROM hub_accounts b JOIN counters c ON c.id = b.counter_id JOIN outlets o ON o.id = c.outlet_id
     LEFT JOIN later l ON l.counter_id = b.counter_id AND l.account = b.account
     LEFT JOIN hub_account_days d ON d.counter_id = b.counter_id AND d.env = b.env AND d.account = b.account AND d.business_date = $1::date
     LEFT JOIN hub_deposit_readings r ON b.deposit AND r.counter_id = b.counter_id AND r.env = b.env AND r.account = b.account
     WHERE b.env = $2
     UNION ALL
     SELECT o.name, c.name, r.account, r.name, 'asset', true, false, 0, 0, 0, 0, r.reported, (extract(epoch FROM r.checked_at) * 1000)::bigint
     FROM hub_deposit_readings r JOIN counters c ON c.id = r.counter_id JOIN outlets o ON o.id = c.outlet_id
     WHERE r.env = $2 AND NOT EXISTS (SELECT 1 FROM hub_accounts b WHERE b.counter_id = r.counter_id AND b.env = r.env AND b.account = r.account)
     ORDER BY 1, 2, 3`,
    [date, env],
  );
}

export type SummaryRow = {
  outlet: string;
  time_zone: string;
  counter: string;
  last_contact_ms: string | null;
  backlog_rows: number;
  backlog_oldest_ms: string | null;
  sales: string;
  total: string;
  admin: string;
  refunds: string;
};

/** The environment whose figures the owner reads: production once any counter sold in it. */
export async function figuresEnv(db: HubDb): Promise<'training' | 'production'> {
  const r = await db.query<{ p: boolean }>("SELECT EXISTS (SELECT 1 FROM hub_sales WHERE env = 'production') OR EXISTS (SELECT 1 FROM hub_accounts WHERE env = 'production') AS p");
  return r[0]?.p ? 'production' : 'training';
}

/**
 * Every counter of every outlet (none left out for having sold nothing) with its succeeded sales of
 * the day, the money given back that day (its journal's refund account, 4201), its last contact and
 * what was still waiting there.
 */
export async function daySummary(db: HubDb, date: string, env: string): Promise<SummaryRow[]> {
  return db.query<SummaryRow>(
    `SELECT o.name AS outlet, o.time_zone, c.name AS counter,
            (extract(epoch FROM c.last_contact_at) * 1000)::bigint AS last_contact_ms,
            c.backlog_rows, (extract(epoch FROM c.backlog_oldest_at) * 1000)::bigint AS backlog_oldest_ms,
            count(s.sale_id) AS sales, coalesce(sum(s.total), 0) AS total, coalesce(sum(s.margin), 0) AS admin,
            coalesce((SELECT d.debit - d.credit FROM hub_account_days d WHERE d.counter_id = c.id AND d.env = $2 AND d.business_date = $1::date AND d.account = '4201'), 0) AS refunds
     FROM counters c JOIN outlets o ON o.id = c.outlet_id
     LEFT JOIN hub_sales s ON s.counter_id = c.id AND s.business_date = $1::date AND s.state = 'succeeded' AND s.env = $2
     GROUP BY o.name, o.time_zone, c.id, c.name, c.last_contact_at, c.backlog_rows, c.backlog_oldest_at
     ORDER BY o.name, c.name`,
    [date, env],
  );
}

/** The day's succeeded sales per outlet and payment method. */
export async function dayByMethod(db: HubDb, date: string, env: string): Promise<{ outlet: string; method: string; sales: string; total: string }[]> {
  return db.query(
    `SELECT o.name AS outlet, s.method, count(*) AS sales, sum(s.total) AS total
     FROM hub_sales s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id
     WHERE s.business_date = $1::date AND s.state = 'succeeded' AND s.env = $2
     GROUP BY o.name, s.method ORDER BY o.name, sum(s.total) DESC`,
    [date, env],
  );
}

/** What a counter said is still waiting there (with each batch and attestation). */
export async function noteBacklog(q: Queryable, counterId: string, backlog: { rows: number; oldestAt: number | null }): Promise<void> {
  await q.query('UPDATE counters SET backlog_rows = $2, backlog_oldest_at = to_timestamp($3 / 1000.0) WHERE id = $1', [counterId, backlog.rows, backlog.oldestAt]);
}

/** Every sale still open at its counter, oldest first (the states a counter has not finished with). */
export async function unresolvedSales(db: HubDb): Promise<{ outlet: string; counter: string; receipt_no: string; product_name: string; total: string; state: string; created_ms: string }[]> {
  return db.query(
    `SELECT o.name AS outlet, c.name AS counter, s.receipt_no, s.product_name, s.total, s.state, (extract(epoch FROM s.created_at) * 1000)::bigint AS created_ms
     FROM hub_sales s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id
     WHERE s.state IN ('awaiting_payment', 'paid', 'sending', 'pending', 'review')
     ORDER BY s.created_at, o.name, c.name
     LIMIT 500`,
  );
}

/** The shift closes of a business day, each read in its outlet's own zone. */
export async function shiftClosesOfDay(db: HubDb, date: string): Promise<
  { outlet: string; counter: string; cashier: string; closed_ms: string; expected_cash: string; counted_cash: string; variance: string; reason: string | null }[]
> {
  return db.query(
    `SELECT o.name AS outlet, c.name AS counter, s.cashier, (extract(epoch FROM s.closed_at) * 1000)::bigint AS closed_ms,
            s.expected_cash, s.counted_cash, s.variance, s.reason
     FROM hub_shifts s JOIN counters c ON c.id = s.counter_id JOIN outlets o ON o.id = c.outlet_id
     -- The range first (a zone is at most a day from UTC, so the index narrows a year to three days), then each outlet's own day.
     WHERE s.closed_at >= $1::date - 1 AND s.closed_at < $1::date + 2 AND (s.closed_at AT TIME ZONE o.time_zone)::date = $1::date
     ORDER BY s.closed_at, o.name, c.name`,
    [date],
  );
}

export async function flagsOf(db: HubDb, counterId: string): Promise<{ stream: string; seq: number; key: string; problem: string }[]> {
  const r = await db.query<{ stream: string; seq: string; key: string; problem: string }>('SELECT stream, seq, key, problem FROM hub_flags WHERE counter_id = $1 ORDER BY seq', [counterId]);
  return r.map((f) => ({ ...f, seq: Number(f.seq) }));
}

export type RuleRow = { outlet: string | null; scope: 'product' | 'category'; key: string; mode: 'markup' | 'fixed'; amount: number; version: number };

/**
 * A price rule set (or removed) at the hub: the hub-wide version moves on, the rule carries it, and
 * the change is written to the hub's audit in the same transaction. 'no_outlet': the outlet named
 * does not exist.
 */
export async function changeHubRule(
  db: HubDb,
  rule: { outlet: string | null; scope: string; key: string; mode: string; amount: number; removed: boolean },
  actor: string,
): Promise<'ok' | 'no_outlet'> {
  return db.tx(async (q) => {
    let outletId: string | null = null;
    if (rule.outlet !== null) {
      const o = await q.query<{ id: string }>('SELECT id FROM outlets WHERE name = $1', [rule.outlet]);
      if (!o[0]) return 'no_outlet' as const;
      outletId = o[0].id;
    }
    const v = await q.query<{ value: string }>("UPDATE hub_meta SET value = (value::bigint + 1)::text WHERE key = 'rules_version' RETURNING value");
    const version = Number(v[0]!.value);
    await q.query(
      `INSERT INTO hub_price_rules (outlet_id, scope, key, mode, amount, removed, version) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (coalesce(outlet_id, ''), scope, key) DO UPDATE SET mode = excluded.mode, amount = excluded.amount, removed = excluded.removed,
         version = excluded.version, updated_at = now()`,
      [outletId, rule.scope, rule.key, rule.mode, rule.amount, rule.removed, version],
    );
    await q.query('INSERT INTO hub_audit (actor, action, detail) VALUES ($1, $2, $3)', [actor, rule.removed ? 'price_rule.remove' : 'price_rule.set', JSON.stringify({ ...rule, version })]);
    return 'ok' as const;
  });
}

export async function hubRules(db: HubDb): Promise<RuleRow[]> {
  const r = await db.query<{ outlet: string | null; scope: 'product' | 'category'; key: string; mode: 'markup' | 'fixed'; amount: string; version: string }>(
    `SELECT o.name AS outlet, r.scope, r.key, r.mode, r.amount, r.version FROM hub_price_rules r LEFT JOIN outlets o ON o.id = r.outlet_id
     WHERE NOT r.removed ORDER BY o.name NULLS FIRST, r.scope, r.key`,
  );
  return r.map((x) => ({ ...x, amount: Number(x.amount), version: Number(x.version) }));
}

export type CounterRuleRow = {
  scope: 'product' | 'category';
  key: string;
  o_mode: 'markup' | 'fixed' | null;
  o_amount: string | null;
  o_removed: boolean | null;
  g_mode: 'markup' | 'fixed' | null;
  g_amount: string | null;
  g_removed: boolean | null;
};

/** The rules of a counter's outlet touched since `since`: its own and the all-outlets one, side by side, and the hub's version. */
export async function counterRulesSince(db: HubDb, counterId: string, since: number): Promise<{ version: number; rows: CounterRuleRow[] }> {
  return db.tx(async (q) => {
    const outlet = (await q.query<{ outlet_id: string }>('SELECT outlet_id FROM counters WHERE id = $1', [counterId]))[0]!.outlet_id;
    const version = Number((await q.query<{ value: string }>("SELECT value FROM hub_meta WHERE key = 'rules_version'"))[0]!.value);
    const rows = await q.query<CounterRuleRow>(
      `WITH touched AS (
         SELECT DISTINCT scope, key FROM hub_price_rules WHERE (outlet_id IS NULL OR outlet_id = $1) AND version > $2
       )
       SELECT t.scope, t.key, o.mode AS o_mode, o.amount AS o_amount, o.removed AS o_removed, g.mode AS g_mode, g.amount AS g_amount, g.removed AS g_removed
       FROM touched t
       LEFT JOIN hub_price_rules o ON o.outlet_id = $1 AND o.scope = t.scope AND o.key = t.key
       LEFT JOIN hub_price_rules g ON g.outlet_id IS NULL AND g.scope = t.scope AND g.key = t.key
       ORDER BY t.scope, t.key`,
      [outlet, since],
    );
    return { version, rows };
  });
}
