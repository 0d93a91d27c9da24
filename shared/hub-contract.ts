// What a counter and the owner's tools send to Loket Pusat and get back (issue 18), as zod schemas:
// the hub parses every body with them, and the counter's sender builds its batches from them.
import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What is still waiting at the counter beyond this batch: the owner sees each counter's lag. */
export const Backlog = z.object({ rows: z.number().int().nonnegative(), oldestAt: z.number().int().nullable() });
export type Backlog = z.infer<typeof Backlog>;

/** The streams a counter replicates, each its own ordered sequence. */
export const HubStream = z.enum(['sales', 'shifts', 'journal', 'audit', 'records']);
export type HubStream = z.infer<typeof HubStream>;

/** A sale as it stands at its counter, sent again whenever it changes (the hub keeps the latest). */
export const HubSaleBody = z.object({
  id: z.string().min(1).max(64),
  /** Training sales are kept apart from production's (absent from counters before it was sent: production). */
  env: z.enum(['training', 'production']).optional(),
  receiptNo: z.string().min(1).max(20),
  businessDate: Day,
  state: z.string().min(1).max(32),
  productName: z.string().max(200),
  method: z.string().min(1).max(32),
  total: z.number().int().nonnegative(),
  margin: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type HubSaleBody = z.infer<typeof HubSaleBody>;

/** A shift as it closed: who, the drawer counted against the books, and the reason for a difference. */
export const HubShiftBody = z.object({
  id: z.string().min(1).max(64),
  cashier: z.string().max(80),
  closedBy: z.string().max(80).nullable(),
  openedAt: z.number().int(),
  closedAt: z.number().int(),
  openingFloat: z.number().int(),
  expectedCash: z.number().int(),
  countedCash: z.number().int(),
  variance: z.number().int(),
  reason: z.string().max(200).nullable(),
});
export type HubShiftBody = z.infer<typeof HubShiftBody>;

/** The tables whose rows the `records` stream carries as they stand: a sale's events, payments, refunds, the drawer's movements. */
export const RECORD_TABLES = ['sale_events', 'payments', 'payment_refunds', 'cash_movements'] as const;
/** A row of one of those tables, every column (BLOBs as base64), kept at the hub as it arrived. */
export const HubRecordBody = z.object({
  table: z.enum(RECORD_TABLES),
  rowid: z.number().int().positive(),
  row: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type HubRecordBody = z.infer<typeof HubRecordBody>;

/** A journal entry with its lines (+ debit, − credit), each account named; a provider's deposit account marked. */
export const HubJournalBody = z.object({
  id: z.number().int().positive(),
  key: z.string().min(1).max(200),
  env: z.enum(['training', 'production']),
  businessDate: Day.nullable(),
  saleId: z.string().max(64).nullable(),
  at: z.number().int(),
  memo: z.string().max(500),
  lines: z
    .array(z.object({ account: z.string().min(1).max(16), name: z.string().max(120), kind: z.enum(['asset', 'liability', 'equity', 'income', 'expense']), deposit: z.boolean(), amount: z.number().int() }))
    .min(1)
    .max(50),
});
export type HubJournalBody = z.infer<typeof HubJournalBody>;

const Hex32 = z.string().regex(/^[0-9a-f]{64}$/);
/** An audit chain entry as sealed at its counter: the hub checks that each links to the one before. */
export const HubAuditBody = z.object({
  seq: z.number().int().positive(),
  at: z.number().int(),
  actor: z.string().max(200),
  kind: z.string().max(64),
  subject: z.string().max(500),
  /** Keyed entries are HMACs the hub cannot recompute (the key never leaves the counter); plain ones it recomputes. */
  keyed: z.boolean(),
  rowsHash: Hex32,
  hash: Hex32,
  /** The hash of the entry before (zeros before the first). */
  prev: Hex32,
  rows: z.number().int().nonnegative(),
});
export type HubAuditBody = z.infer<typeof HubAuditBody>;

/**
 * The counter's word on what the hub holds: the digest of each row's body as the ledger gives it
 * now (a rolling slice, leaving out rows with a change still to send), and the audit chain's head
 * (null while part of it waits): any difference is a change made behind Loket's back.
 */
export const Attestation = z.object({
  backlog: Backlog.optional(),
  auditHead: z.object({ seq: z.number().int().positive(), hash: Hex32 }).nullable(),
  rows: z.array(z.object({ stream: z.enum(['sales', 'journal']), key: z.string().min(1).max(100), digest: Hex32 })).max(5000),
  /** What each provider last said the deposit holds (a reading, not the books): the hub shows the drift. */
  deposits: z.array(z.object({ env: z.enum(['training', 'production']), account: z.string().min(1).max(16), name: z.string().max(120), reported: z.number().int(), checkedAt: z.number().int() })).max(50),
});
export type Attestation = z.infer<typeof Attestation>;
/**
 * The text a row is attested by (SHA-256 on each side): the fields only Loket changes, and every
 * change of them is queued — not a sale's bookkeeping times or its payment's method, which can move
 * without a new row to send. Both sides build it with this one function.
 */
export const attestSaleText = (s: HubSaleBody): string => JSON.stringify([s.id, s.receiptNo, s.businessDate, s.state, s.productName, s.total, s.margin, s.createdAt]);
export const attestJournalText = (j: HubJournalBody): string => JSON.stringify([j.id, j.key, j.env, j.at, j.lines.map((l) => [l.account, l.amount])]);
export const AttestAnswer = z.object({ checked: z.number().int(), differing: z.number().int() });

/** What the hub noticed about counters' histories, newest first, with the row named. */
export const HubFlags = z.object({
  flags: z.array(
    z.object({
      outlet: z.string(),
      counter: z.string(),
      stream: z.string(),
      key: z.string(),
      /** The receipt number when the row is a sale; the memo when a journal entry. */
      label: z.string().nullable(),
      problem: z.enum(['changed_after_replication', 'audit_chain_broken', 'audit_hash_wrong', 'audit_head_differs']),
      at: z.number().int(),
    }),
  ),
});
export type HubFlags = z.infer<typeof HubFlags>;

const AccountLine = z.object({ account: z.string(), name: z.string(), kind: z.string(), debit: z.number().int(), credit: z.number().int(), balance: z.number().int() });
/**
 * The books of each outlet (all its counters) and of all outlets together: each account's movement on
 * the day (debits, credits) and its balance at the day's end, from the journal; deposits listed apart.
 */
export const HubBooks = z.object({
  date: Day,
  env: z.enum(['training', 'production']),
  outlets: z.array(z.object({ name: z.string(), accounts: z.array(AccountLine), balanced: z.boolean() })),
  total: z.array(AccountLine),
  /** Per counter: the deposit in its books at the day's end, what the provider last reported, and the difference (null: no reading yet). */
  deposits: z.array(
    z.object({
      outlet: z.string(),
      counter: z.string(),
      account: z.string(),
      name: z.string(),
      balance: z.number().int(),
      movedToday: z.number().int(),
      reported: z.number().int().nullable(),
      checkedAt: z.number().int().nullable(),
      drift: z.number().int().nullable(),
    }),
  ),
});
export type HubBooks = z.infer<typeof HubBooks>;

/** The day's shift closes across outlets (the day of each close in its outlet's zone). */
export const HubShifts = z.object({
  closes: z.array(
    z.object({ outlet: z.string(), counter: z.string(), cashier: z.string(), closedAt: z.number().int(), expectedCash: z.number().int(), countedCash: z.number().int(), variance: z.number().int(), reason: z.string().nullable() }),
  ),
});
export type HubShifts = z.infer<typeof HubShifts>;

/** One appended row: its place in the stream, when it happened, its id at the counter, and a SHA-256 of the body's JSON. */
export const ReplicatedRow = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  key: z.string().min(1).max(100),
  body: z.record(z.string(), z.unknown()),
  digest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ReplicatedRow = z.infer<typeof ReplicatedRow>;

export const ReplicateBatch = z.object({ stream: HubStream, rows: z.array(ReplicatedRow).min(1).max(1000), backlog: Backlog.optional() });
export type ReplicateBatch = z.infer<typeof ReplicateBatch>;

/** accepted: new rows kept; skipped: rows the hub already had (a replay); lastSeq: where the stream now stands. */
export const ReplicateAnswer = z.object({ stream: HubStream, accepted: z.number().int(), skipped: z.number().int(), lastSeq: z.number().int() });
export type ReplicateAnswer = z.infer<typeof ReplicateAnswer>;

export const NewCounterRequest = z.object({ outlet: z.string().trim().min(1).max(80), counter: z.string().trim().min(1).max(80) });
export const NewCounterAnswer = z.object({ code: z.string(), expiresAt: z.number().int() });

export const EnrollRequest = z.object({ code: z.string().trim().min(1).max(40) });
export const EnrollAnswer = z.object({ counterId: z.string(), credential: z.string(), outlet: z.string(), counter: z.string() });
export type EnrollAnswer = z.infer<typeof EnrollAnswer>;

/** sales, total, admin: succeeded sales of the day; refunds: money given back that day, from the journal (account 4201). */
const Figures = { sales: z.number().int(), total: z.number().int(), admin: z.number().int(), refunds: z.number().int() };
export const HubSummary = z.object({
  date: Day,
  /** Production's figures once any counter sells in production; training's until then. */
  env: z.enum(['training', 'production']),
  outlets: z.array(
    z.object({
      name: z.string(),
      timeZone: z.string(),
      ...Figures,
      byMethod: z.array(z.object({ method: z.string(), sales: z.number().int(), total: z.number().int() })),
      counters: z.array(
        z.object({
          name: z.string(),
          ...Figures,
          lastContactAt: z.number().int().nullable(),
          /** Rows still waiting at the counter at its last contact, and since when. */
          backlog: Backlog,
        }),
      ),
    }),
  ),
});
export type HubSummary = z.infer<typeof HubSummary>;

/** Sales not finished anywhere: where, what, since when, and the state that says what its counter is doing. */
export const HubUnresolved = z.object({
  sales: z.array(
    z.object({
      outlet: z.string(),
      counter: z.string(),
      receiptNo: z.string(),
      productName: z.string(),
      total: z.number().int(),
      state: z.string(),
      createdAt: z.number().int(),
    }),
  ),
});
export type HubUnresolved = z.infer<typeof HubUnresolved>;

/** A price rule set at the hub: for every outlet (outlet null) or one, by outlet name. */
export const HubPriceRule = z.object({
  outlet: z.string().trim().min(1).max(80).nullable(),
  scope: z.enum(['product', 'category']),
  key: z.string().trim().min(1).max(80),
  mode: z.enum(['markup', 'fixed']),
  amount: z.number().int().nonnegative().max(100_000_000),
});
export type HubPriceRule = z.infer<typeof HubPriceRule>;
export const HubPriceRules = z.object({ rules: z.array(HubPriceRule.extend({ version: z.number().int() })) });
export const HubRuleKey = HubPriceRule.pick({ outlet: true, scope: true, key: true });

/** What a counter takes: the rules for its outlet changed since `since` (removed ones too). */
export const CounterRules = z.object({
  version: z.number().int(),
  rules: z.array(z.object({ scope: z.enum(['product', 'category']), key: z.string(), mode: z.enum(['markup', 'fixed']), amount: z.number().int(), removed: z.boolean() })),
});
export type CounterRules = z.infer<typeof CounterRules>;

/** The digest a row carries: SHA-256 (hex) of its body's JSON text, computed by whoever holds the body. */
export const bodyDigestInput = (body: Record<string, unknown>): string => JSON.stringify(body);
