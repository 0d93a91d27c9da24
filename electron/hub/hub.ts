// Loket Pusat's rules, engine-free (issue 18): counters are enrolled with a one-time code and then
// authenticate with the credential they got; a counter's batch is taken once and in order; the
// owner reads the day across outlets. Secrets (codes, credentials) are kept only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { ulid } from '../../shared/domain/ids';
import {
  HubFlags,
  bodyDigestInput,
  type Attestation,
  type CounterRules,
  type EnrollAnswer,
  type HubBooks,
  type HubPriceRule,
  type HubShifts,
  type HubSummary,
  type HubUnresolved,
  type ReplicateAnswer,
  type ReplicateBatch,
} from '../../shared/hub-contract';
import { appError, err, ok, type Result } from '../../shared/domain/errors';
import type { HubDb } from './db/connection';
import { prepareBatch } from './projections';
import {
  allFlags,
  dayByMethod,
  figuresEnv,
  booksOfDay,
  changeHubRule,
  counterByCredential,
  counterRulesSince,
  daySummary,
  enrollCounter,
  flagsOf,
  hubRules,
  ingestBatch,
  issueCounterCode,
  ownerToken,
  shiftClosesOfDay,
  takeAttestation,
  unresolvedSales,
} from './db/queries';
import { consolidateBooks } from './books';
import { renderHubDayReportPdf } from './day-report-pdf';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** A code a person types at the counter: 10 characters without look-alikes, in two groups. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_TTL_MS = 7 * 24 * 3_600_000;

function newCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Codes are typed: case, spaces and dashes do not matter. */
const normalCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export type Hub = {
  ownerToken: string;
  newCounter(outlet: string, counter: string): Promise<Result<{ code: string; expiresAt: number }>>;
  enroll(code: string): Promise<Result<EnrollAnswer>>;
  /** The counter the credential belongs to, or null. */
  counterOf(credential: string): Promise<string | null>;
  replicate(counterId: string, batch: ReplicateBatch): Promise<Result<ReplicateAnswer>>;
  summary(date: string): Promise<HubSummary>;
  unresolved(): Promise<HubUnresolved>;
  shifts(date: string): Promise<HubShifts>;
  setRule(rule: HubPriceRule): Promise<Result<void>>;
  removeRule(rule: Pick<HubPriceRule, 'outlet' | 'scope' | 'key'>): Promise<Result<void>>;
  rules(): ReturnType<typeof hubRules>;
  /** What a counter takes on its next contact: its outlet's rules changed since `since`, each as it now stands for it. */
  rulesFor(counterId: string, since: number): Promise<CounterRules>;
  flags(counterId: string): ReturnType<typeof flagsOf>;
  /** A counter's word on what the hub holds: every row that differs is flagged. */
  attest(counterId: string, a: Attestation): Promise<{ checked: number; differing: number }>;
  /** Every flag across outlets, the row named, newest first. */
  allFlags(): Promise<HubFlags>;
  /** The day's books per outlet and in total, and the deposits (production's, or training's while there are none). */
  books(date: string, env?: 'training' | 'production'): Promise<HubBooks>;
  /** The day's report across outlets as a PDF. */
  dayReportPdf(date: string): Promise<Uint8Array>;
};

export async function createHub(db: HubDb, now: () => number = Date.now): Promise<Hub> {
  const token = await ownerToken(db, () => randomBytes(32).toString('base64url'));
  const hub: Hub = {
    ownerToken: token,
    async newCounter(outlet, counter) {
      const code = newCode();
      const expiresAt = now() + CODE_TTL_MS;
      const r = await issueCounterCode(db, { outlet: ulid(now()), counter: ulid(now()) }, { outlet, counter }, sha256(normalCode(code)), expiresAt);
      if (r === 'already_enrolled') return err(appError('conflict', `Loket "${counter}" di ${outlet} sudah terdaftar.`));
      return ok({ code, expiresAt });
    },
    async enroll(code) {
      const credential = randomBytes(32).toString('base64url');
      const c = await enrollCounter(db, sha256(normalCode(code)), sha256(credential), now());
      if (!c) return err(appError('forbidden', 'Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa. Minta kode baru di Loket Pusat.'));
      return ok({ ...c, credential });
    },
    async counterOf(credential) {
      return (await counterByCredential(db, sha256(credential)))?.id ?? null;
    },
    async replicate(counterId, batch) {
      // Each row's digest is checked over the body as received: a row damaged on the way is refused whole.
      const bad = batch.rows.find((r) => sha256(bodyDigestInput(r.body)) !== r.digest);
      if (bad) return err(appError('invalid_request', `Baris ${batch.stream} #${bad.seq} rusak di jalan (digest tidak cocok).`));
      const prepared = prepareBatch(batch.stream, counterId, batch.rows);
      if (!prepared.ok) return err(appError('invalid_request', `Baris ${batch.stream} #${prepared.malformed.seq} tidak terbaca oleh Loket Pusat (versi berbeda?).`));
      const res = await ingestBatch(db, counterId, batch.stream, batch.rows, (prev, digest) => sha256(`${prev}${digest}`), prepared.project, now(), batch.backlog);
      if (res.kind === 'gap') return err(appError('conflict', `Urutan ${batch.stream} terputus: hub menunggu #${res.expected}, datang #${res.got}.`, `last ${res.lastSeq}`));
      return ok({ stream: batch.stream, accepted: res.accepted, skipped: res.skipped, lastSeq: res.lastSeq });
    },
    async summary(date) {
      const env = await figuresEnv(db);
      const [rows, methods] = await Promise.all([daySummary(db, date, env), dayByMethod(db, date, env)]);
      const outlets = new Map<string, HubSummary['outlets'][number]>();
      for (const r of rows) {
        const o = outlets.get(r.outlet) ?? { name: r.outlet, timeZone: r.time_zone, sales: 0, total: 0, admin: 0, refunds: 0, byMethod: [], counters: [] };
        const c = {
          name: r.counter,
          sales: Number(r.sales),
          total: Number(r.total),
          admin: Number(r.admin),
          refunds: Number(r.refunds),
          lastContactAt: r.last_contact_ms === null ? null : Number(r.last_contact_ms),
          backlog: { rows: Number(r.backlog_rows), oldestAt: r.backlog_oldest_ms === null ? null : Number(r.backlog_oldest_ms) },
        };
        o.counters.push(c);
        o.sales += c.sales;
        o.total += c.total;
        o.admin += c.admin;
        o.refunds += c.refunds;
        outlets.set(r.outlet, o);
      }
      for (const m of methods) outlets.get(m.outlet)?.byMethod.push({ method: m.method, sales: Number(m.sales), total: Number(m.total) });
      return { date, env, outlets: [...outlets.values()] };
    },
    async shifts(date) {
      const rows = await shiftClosesOfDay(db, date);
      return {
        closes: rows.map((r) => ({
          outlet: r.outlet,
          counter: r.counter,
          cashier: r.cashier,
          closedAt: Number(r.closed_ms),
          expectedCash: Number(r.expected_cash),
          countedCash: Number(r.counted_cash),
          variance: Number(r.variance),
          reason: r.reason,
        })),
      };
    },
    async unresolved() {
      const rows = await unresolvedSales(db);
      return {
        sales: rows.map((r) => ({ outlet: r.outlet, counter: r.counter, receiptNo: r.receipt_no, productName: r.product_name, total: Number(r.total), state: r.state, createdAt: Number(r.created_ms) })),
      };
    },
    async setRule(rule) {
      const r = await changeHubRule(db, { ...rule, removed: false }, 'pemilik');
      return r === 'ok' ? ok(undefined) : err(appError('invalid_request', `Outlet "${rule.outlet}" belum ada di Loket Pusat.`));
    },
    async removeRule(rule) {
      const r = await changeHubRule(db, { ...rule, mode: 'markup', amount: 0, removed: true }, 'pemilik');
      return r === 'ok' ? ok(undefined) : err(appError('invalid_request', `Outlet "${rule.outlet}" belum ada di Loket Pusat.`));
    },
    rules: () => hubRules(db),
    async rulesFor(counterId, since) {
      const { version, rows } = await counterRulesSince(db, counterId, since);
      return {
        version,
        // The outlet's own rule over the all-outlets one; neither standing: removed.
        rules: rows.map((r) =>
          r.o_mode !== null && r.o_removed === false
            ? { scope: r.scope, key: r.key, mode: r.o_mode, amount: Number(r.o_amount), removed: false }
            : r.g_mode !== null && r.g_removed === false
              ? { scope: r.scope, key: r.key, mode: r.g_mode, amount: Number(r.g_amount), removed: false }
              : { scope: r.scope, key: r.key, mode: 'markup' as const, amount: 0, removed: true },
        ),
      };
    },
    flags: (counterId) => flagsOf(db, counterId),
    attest: (counterId, a) => takeAttestation(db, counterId, a, now()),
    async allFlags() {
      const rows = await allFlags(db);
      return HubFlags.parse({ flags: rows.map((r) => ({ outlet: r.outlet, counter: r.counter, stream: r.stream, key: r.key, label: r.label, problem: r.problem, at: Number(r.at_ms) })) });
    },
    async books(date, env) {
      const e = env ?? (await figuresEnv(db));
      return consolidateBooks(date, e, await booksOfDay(db, date, e));
    },
    async dayReportPdf(date) {
      const [summary, flags, unresolved, shifts, books] = await Promise.all([hub.summary(date), hub.allFlags(), hub.unresolved(), hub.shifts(date), hub.books(date)]);
      const pdf = await renderHubDayReportPdf({ date, printedAt: now(), summary, flags: flags.flags, unresolved: unresolved.sales, shifts: shifts.closes, books });
      return pdf.bytes;
    },
  };
  return hub;
}
