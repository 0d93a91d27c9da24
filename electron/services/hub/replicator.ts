// The counter's side of Loket Pusat (issue 18): enrollment with the owner's one-time code, then a
// sender that replicates the outbox in order, in gzip'd batches, at least once (the hub takes each
// row once), backing off while the hub is away and resuming where it stopped after a crash or a
// week offline. It never blocks a sale: sales only append to the outbox (a trigger), this sends.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { appError, err, ok, type Result } from '../../../shared/domain/errors';
import { AttestAnswer, CounterRules, EnrollAnswer, HubStream, attestJournalText, attestSaleText, type Attestation, ReplicateAnswer, HubRecordBody, type HubAuditBody, type HubJournalBody, type HubSaleBody, type HubShiftBody, type ReplicateBatch, type ReplicatedRow } from '../../../shared/hub-contract';
import { GENESIS } from '../../db/audit-digest';
import { auditHead } from '../../db/audit';
import type { PriceRule } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { ackOutbox, attestCursor, outboxBacklog, attestSlice, auditEntryForHub, closeHubLink, depositReadingsForHub, outboxPendingOf, setAttestCursor, freezeOutboxBody, hubLink, hubLinkFailed, hubRulesVersion, journalEntryForHub, openHubLink, recordForHub, outboxSize, pendingOutbox, saleForHub, setHubRulesVersion, shiftForHub } from '../../db/queries/hub-outbox';
import { actingAs } from '../../db/actor';
import { receiptNo } from '../sales/sale-view';
import type { Logger } from '../../log/logger';
import type { Vault } from '../../secrets/vault';

const CREDENTIAL = 'hub.credential';
const BATCH = 500;
const IDLE_MS = 2_000;
const BACKOFF_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000];
/** A slice of history compared with the hub once a minute: a year of sales goes round in hours. */
const ATTEST_EVERY_MS = 60_000;
const ATTEST_SLICE = 1_000;

export type HubStatus = {
  linked: boolean;
  url: string | null;
  outlet: string | null;
  counter: string | null;
  pending: number;
  lastOkAt: number | null;
  lastError: string | null;
  nextTryAt: number | null;
};

export type HubReplicator = {
  enroll(url: string, code: string): Promise<Result<HubStatus>>;
  unlink(): HubStatus;
  status(): HubStatus;
  /** Sends what is due now; resolves when this round is done (tests, "Kirim sekarang"). */
  flush(): Promise<void>;
  start(): void;
  stop(): void;
};

/** HTTPS, or plain HTTP to this machine only (issue 18: credentials never cross a network in clear). */
export function checkHubUrl(raw: string): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return err(appError('settings_invalid', 'Alamat Loket Pusat tidak valid. Contoh: https://pusat.tokoku.id'));
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return err(appError('settings_invalid', 'Loket Pusat harus lewat https:// (http:// hanya untuk komputer ini sendiri).'));
  }
  return ok(url);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const AccountKind = z.enum(['asset', 'liability', 'equity', 'income', 'expense']);

/** The hub's price rules land in the counter's own (audited) rules, under the name "Loket Pusat". */
export type RuleSink = { set(rule: PriceRule): void; remove(scope: PriceRule['scope'], key: string): void };
const HUB_ACTOR = 'Loket Pusat';

export function createHubReplicator(deps: { db: Ledger; vault: Vault; now: () => number; log: Logger; rules?: RuleSink; timeoutMs?: number }): HubReplicator {
  const { db, vault, log } = deps;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  function status(): HubStatus {
    const l = hubLink(db);
    return {
      linked: l !== null,
      url: l?.url ?? null,
      outlet: l?.outlet ?? null,
      counter: l?.counter ?? null,
      pending: l ? outboxSize(db) : 0,
      lastOkAt: l?.last_ok_at ?? null,
      lastError: l?.last_error ?? null,
      nextTryAt: l?.next_try_at ?? null,
    };
  }

  /** Each stream's body, from the ledger as it stands (then frozen in the outbox). */
  const BODIES: {
    sales: (key: string) => HubSaleBody | null;
    shifts: (key: string) => HubShiftBody | null;
    journal: (key: string) => HubJournalBody | null;
    audit: (key: string) => HubAuditBody | null;
    records: (key: string) => HubRecordBody | null;
  } = {
    sales(key) {
      const s = saleForHub(db, key);
      return s
        ? { id: s.id, env: s.env === 'production' ? 'production' : 'training', receiptNo: receiptNo(s.seq), businessDate: s.business_date, state: s.state, productName: s.product_name, method: s.method, total: s.total, margin: s.margin, createdAt: s.created_at, updatedAt: s.updated_at }
        : null;
    },
    shifts(key) {
      const s = shiftForHub(db, key);
      return s
        ? { id: s.id, cashier: s.cashier, closedBy: s.closed_by, openedAt: s.opened_at, closedAt: s.closed_at, openingFloat: s.opening_float, expectedCash: s.expected_cash, countedCash: s.counted_cash, variance: s.variance, reason: s.variance_reason }
        : null;
    },
    journal(key) {
      const e = journalEntryForHub(db, Number(key));
      if (!e) return null;
      const env = e.env === 'production' ? 'production' : 'training';
      return {
        id: e.id,
        key: e.key,
        env,
        businessDate: e.business_date,
        saleId: e.sale_id,
        at: e.at,
        memo: e.memo,
        lines: e.lines.map((l) => ({ account: l.account, name: l.name, kind: AccountKind.parse(l.kind), deposit: l.deposit === 1, amount: l.amount })),
      };
    },
    records(key) {
      const [table, rowid] = key.split(':');
      const t = HubRecordBody.shape.table.safeParse(table);
      if (!t.success) return null;
      const row = recordForHub(db, t.data, Number(rowid));
      return row ? { table: t.data, rowid: Number(rowid), row } : null;
    },
    audit(key) {
      const a = auditEntryForHub(db, Number(key));
      return a
        ? { seq: a.seq, at: a.at, actor: a.actor, kind: a.kind, subject: a.subject, keyed: a.keyed === 1, rowsHash: a.rows_hash.toString('hex'), hash: a.hash.toString('hex'), prev: (a.prev ?? GENESIS).toString('hex'), rows: a.rows }
        : null;
    },
  };

  /** The body a row carries, frozen at its first attempt. */
  function bodyOf(stream: HubStream, seq: number, key: string, frozen: string | null): string | null {
    if (frozen !== null) return frozen;
    const body = BODIES[stream](key);
    if (!body) return null;
    const text = JSON.stringify(body);
    freezeOutboxBody(db, stream, seq, text);
    return text;
  }

  async function sendOnce(stream: HubStream): Promise<'more' | 'idle' | 'failed'> {
    const link = hubLink(db);
    if (!link) return 'idle';
    if (link.next_try_at !== null && link.next_try_at > deps.now()) return 'failed';
    const pending = pendingOutbox(db, stream, BATCH);
    if (pending.length === 0) return 'idle';
    const rows: ReplicatedRow[] = [];
    for (const r of pending) {
      const text = bodyOf(stream, r.seq, r.key, r.body);
      if (text === null) continue;
      const body = JSON.parse(text) as Record<string, unknown>;
      rows.push({ seq: r.seq, at: r.at, key: r.key, body, digest: sha256(JSON.stringify(body)) });
    }
    const fail = (why: string): 'failed' => {
      const l = hubLink(db);
      const wait = BACKOFF_MS[Math.min(l?.failures ?? 0, BACKOFF_MS.length - 1)]!;
      hubLinkFailed(db, why, deps.now() + wait);
      log.warn('hub.send_failed', { error: why, retryInMs: wait });
      return 'failed';
    };
    const credential = await vault.reveal(CREDENTIAL, new URL(link.url).origin);
    if (!credential.ok || credential.value === null) return fail('kredensial Loket Pusat tidak terbuka');
    let res: Response;
    try {
      res = await fetch(new URL('/api/v1/replicate', link.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${credential.value}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(Buffer.from(JSON.stringify({ stream, rows, backlog: outboxBacklog(db, stream, pending[pending.length - 1]!.seq) } satisfies ReplicateBatch))),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      return fail(`Loket Pusat tidak bisa dihubungi (${(e as Error).message})`);
    }
    const text = await res.text().catch(() => '');
    if (res.status === 200) {
      const a = ReplicateAnswer.safeParse(JSON.parse(text || 'null'));
      if (!a.success) return fail(`jawaban Loket Pusat tidak terbaca (HTTP ${res.status})`);
      ackOutbox(db, stream, a.data.lastSeq, deps.now());
      return pending.length === BATCH ? 'more' : 'idle';
    }
    if (res.status === 401) return fail('Loket Pusat tidak mengenal loket ini lagi (daftar ulang di Pengaturan → Pusat)');
    return fail(`Loket Pusat menolak kiriman (HTTP ${res.status}): ${text.slice(0, 160)}`);
  }

  /**
   * The price rules the owner set at the hub for this outlet, changed since the version applied
   * here; each applied in the counter's own rules (audited, by "Loket Pusat"). The counter still
   * refuses a price below cost when it quotes, whoever set the rule.
   */
  async function takeRules(): Promise<void> {
    const link = hubLink(db);
    if (!link || !deps.rules) return;
    const credential = await vault.reveal(CREDENTIAL, new URL(link.url).origin);
    if (!credential.ok || credential.value === null) return;
    const since = hubRulesVersion(db);
    let res: Response;
    try {
      res = await fetch(new URL(`/api/v1/counter/rules?since=${since}`, link.url), { headers: { authorization: `Bearer ${credential.value}` }, signal: AbortSignal.timeout(timeoutMs) });
    } catch {
      return;
    }
    if (res.status !== 200) return;
    const r = CounterRules.safeParse(await res.json().catch(() => null));
    if (!r.success || r.data.version <= since) return;
    const sink = deps.rules;
    actingAs(HUB_ACTOR, () => {
      for (const rule of r.data.rules) {
        if (rule.removed) sink.remove(rule.scope, rule.key);
        else sink.set({ scope: rule.scope, key: rule.key, mode: rule.mode, amount: rule.amount });
      }
    });
    setHubRulesVersion(db, r.data.version);
    log.info('hub.rules_applied', { version: r.data.version, changed: r.data.rules.length });
  }

  /**
   * The counter's word on what the hub holds, once everything is sent: the next slice of sales and
   * journal entries as the ledger gives them now, the audit chain's head and the providers' deposit
   * readings. The hub compares and names any row that differs from what it was sent — a ledger
   * changed behind Loket's back (whose change no trigger here queued). Built in one synchronous step
   * with the check of what still waits in the outbox, so no change of Loket's can fall between the
   * two: a row with a change still to send is left out, the rest is exactly what the hub holds.
   */
  async function attest(force: boolean): Promise<void> {
    const link = hubLink(db);
    const cursor = attestCursor(db);
    if (!link || !cursor) return;
    if (link.next_try_at !== null && link.next_try_at > deps.now()) return;
    if (!force && cursor.lastAt !== null && deps.now() - cursor.lastAt < ATTEST_EVERY_MS) return;
    const slice = attestSlice(db, cursor.salesAfter, cursor.journalAfter, ATTEST_SLICE);
    const rows: Attestation['rows'] = [];
    // A row still waiting to be sent is not what the hub holds yet: it is left for a later round.
    for (const s of slice.sales) {
      const body = s.pending ? null : BODIES.sales(s.id);
      if (body) rows.push({ stream: 'sales', key: s.id, digest: sha256(attestSaleText(body)) });
    }
    for (const e of slice.journal) {
      const body = e.pending ? null : BODIES.journal(String(e.id));
      if (body) rows.push({ stream: 'journal', key: String(e.id), digest: sha256(attestJournalText(body)) });
    }
    // The chain's head only when the hub has all of it (a busy counter seals entries all the time).
    const head = outboxPendingOf(db, 'audit') === 0 ? auditHead(db) : null;
    const attestation: Attestation = { auditHead: head, rows, deposits: depositReadingsForHub(db), backlog: outboxBacklog(db, '', 0) };
    // A slice shorter than asked reached the end: the next one starts from the beginning again.
    const nextSales = slice.sales.length < ATTEST_SLICE ? 0 : slice.sales[slice.sales.length - 1]!.seq;
    const nextJournal = slice.journal.length < ATTEST_SLICE ? 0 : slice.journal[slice.journal.length - 1]!.id;
    const credential = await vault.reveal(CREDENTIAL, new URL(link.url).origin);
    if (!credential.ok || credential.value === null) return;
    try {
      const res = await fetch(new URL('/api/v1/attest', link.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${credential.value}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: gzipSync(Buffer.from(JSON.stringify(attestation))),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const a = AttestAnswer.safeParse(await res.json().catch(() => null));
      if (res.status !== 200 || !a.success) return;
      setAttestCursor(db, nextSales, nextJournal, deps.now());
      if (a.data.differing > 0) log.warn('hub.attest_differs', { checked: a.data.checked, differing: a.data.differing });
    } catch (e) {
      log.warn('hub.attest_failed', { error: (e as Error).message });
    }
  }

  async function round(force: boolean): Promise<void> {
    for (const stream of HubStream.options) {
      for (let i = 0; i < 100; i++) {
        const r = await sendOnce(stream);
        if (r !== 'more') break;
      }
    }
    await attest(force);
    await takeRules().catch((e: unknown) => log.warn('hub.rules_failed', { error: String(e) }));
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const l = hubLink(db);
    const wait = l?.next_try_at ? Math.max(IDLE_MS, l.next_try_at - deps.now()) : IDLE_MS;
    timer = setTimeout(() => void run(false).finally(schedule), wait);
  }

  /** "Kirim sekarang" and tests: everything due, and the attestation at once. */
  const flush = (): Promise<void> => run(true);

  function run(force: boolean): Promise<void> {
    // One round at a time: a second caller waits for the one in flight, then runs its own.
    const go = (): Promise<void> => round(force);
    const next = (running ?? Promise.resolve()).then(go, go);
    running = next.catch((e: unknown) => log.error('hub.round_failed', { error: String(e) }));
    return running;
  }

  return {
    async enroll(rawUrl, code) {
      const url = checkHubUrl(rawUrl);
      if (!url.ok) return url;
      let res: Response;
      try {
        res = await fetch(new URL('/api/v1/enroll', url.value), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        return err(appError('provider_unavailable', 'Loket Pusat tidak bisa dihubungi. Periksa alamat dan koneksi.', (e as Error).message));
      }
      const json: unknown = await res.json().catch(() => null);
      if (res.status !== 200) {
        const message = (json as { error?: { message?: string } } | null)?.error?.message ?? `Loket Pusat menolak (HTTP ${res.status}).`;
        return err(appError(res.status === 403 ? 'forbidden' : 'provider_refused', message));
      }
      const a = EnrollAnswer.safeParse(json);
      if (!a.success) return err(appError('provider_bad_response', 'Jawaban Loket Pusat tidak terbaca.'));
      // The credential opens this hub only (rule 5: bound to the host it was given for).
      const stored = await vault.store(CREDENTIAL, a.data.credential, url.value.origin);
      if (!stored.ok) return err(appError('vault_locked', 'Brankas kredensial terkunci; pendaftaran tidak disimpan.', stored.reason));
      const queued = openHubLink(db, { url: url.value.origin, counterId: a.data.counterId, outlet: a.data.outlet, counter: a.data.counter }, deps.now());
      log.info('hub.enrolled', { outlet: a.data.outlet, counter: a.data.counter, queued });
      void flush();
      return ok(status());
    },
    unlink() {
      closeHubLink(db);
      vault.remove(CREDENTIAL);
      return status();
    },
    status,
    flush,
    start() {
      stopped = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
