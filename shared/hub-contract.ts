// What a counter and the owner's tools send to Loket Pusat and get back (issue 18), as zod schemas:
// the hub parses every body with them, and the counter's sender builds its batches from them.
import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The streams a counter replicates, each its own ordered sequence. */
export const HubStream = z.enum(['sales', 'shifts']);
export type HubStream = z.infer<typeof HubStream>;

/** A sale as it stands at its counter, sent again whenever it changes (the hub keeps the latest). */
export const HubSaleBody = z.object({
  id: z.string().min(1).max(64),
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

export const ReplicateBatch = z.object({ stream: HubStream, rows: z.array(ReplicatedRow).min(1).max(1000) });
export type ReplicateBatch = z.infer<typeof ReplicateBatch>;

/** accepted: new rows kept; skipped: rows the hub already had (a replay); lastSeq: where the stream now stands. */
export const ReplicateAnswer = z.object({ stream: HubStream, accepted: z.number().int(), skipped: z.number().int(), lastSeq: z.number().int() });
export type ReplicateAnswer = z.infer<typeof ReplicateAnswer>;

export const NewCounterRequest = z.object({ outlet: z.string().trim().min(1).max(80), counter: z.string().trim().min(1).max(80) });
export const NewCounterAnswer = z.object({ code: z.string(), expiresAt: z.number().int() });

export const EnrollRequest = z.object({ code: z.string().trim().min(1).max(40) });
export const EnrollAnswer = z.object({ counterId: z.string(), credential: z.string(), outlet: z.string(), counter: z.string() });
export type EnrollAnswer = z.infer<typeof EnrollAnswer>;

const Figures = { sales: z.number().int(), total: z.number().int(), admin: z.number().int() };
export const HubSummary = z.object({
  date: Day,
  outlets: z.array(
    z.object({
      name: z.string(),
      timeZone: z.string(),
      ...Figures,
      counters: z.array(z.object({ name: z.string(), ...Figures, lastContactAt: z.number().int().nullable() })),
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
