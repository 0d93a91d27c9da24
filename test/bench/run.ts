// `npm run bench`: figures and ratios, measured side by side in one run. Never pass/fail.
//   --quick   fewer sales and a 100,000-sale ledger (a smoke run)
//   --hub     only Loket Pusat's section
import os from 'node:os';
import { benchPipeline } from './pipeline';
import { durableSalesRate, fsyncRate } from './durable';
import { benchTodayList } from './today-list';
import { benchPosting } from './posting';
import { startMidtransSimProcess, startSatSimProcess, startSimProcess } from './sim-process';
import { benchPaymentStep } from './payment-step';
import { benchSatPipeline } from './sat-pipeline';
import { benchSignatures } from './signatures';
import { fmt } from './stats';
import { benchColdStart } from './cold-start';
import { benchPrinting } from './printing';
import { benchExchange } from './exchange';
import { benchHubIngest, benchHubLag, benchHubToday, openBenchEngine } from './hub';
import { existsSync } from 'node:fs';

const quick = process.argv.includes('--quick');
/** --hub: only Loket Pusat's section (its full run takes minutes of its own). */
const hubOnly = process.argv.includes('--hub');
const out = (s = ''): void => void process.stdout.write(`${s}\n`);

async function main(): Promise<void> {
  out(`Loket benchmark — node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB`);
  out(`${new Date().toISOString()}${quick ? '  (quick)' : ''}`);

  out('\n0. Cold start of web mode: process start → token URL printed → sign-in screen ready in Chromium, vs `node -e \'\'` spawned the same way');
  const cold = await benchColdStart(quick ? 3 : 7);
  out(
    `   node -e '' ${fmt(cold.nodeMs, 0)} ms; Loket: line printed ${fmt(cold.lineMs, 0)} ms (${fmt(cold.lineMs / cold.nodeMs, 1)}×; target < 1,500 ms on a built tree), ` +
      `first page interactive ${fmt(cold.interactiveMs, 0)} ms (${fmt(cold.interactiveMs / cold.nodeMs, 1)}×); medians of ${cold.rounds} starts on an existing data folder — ` +
      `the very first start (new ledger and key) printed its line in ${fmt(cold.firstLineMs, 0)} ms`,
  );

  await hubSection();
  if (hubOnly) return;

  out('\n1. Sale pipeline: core (inquiry + PAY + ledger) vs the same raw HTTP request pairs, same simulator process');
  out('   (a real VSI answer takes 100s of ms; 0 ms shows the core\'s own cost: 5 fsynced commits + parsing per sale)');
  for (const [latency, sales] of [[0, quick ? 100 : 400], [20, quick ? 50 : 150], [100, quick ? 20 : 50]] as const) {
    const sim = await startSimProcess(latency);
    try {
      const r = await benchPipeline(sim, sales);
      out(
        `   simulator latency ${String(latency).padStart(2)} ms/answer: raw pair ${fmt(r.rawMs)} ms, core sale ${fmt(r.coreMs)} ms ` +
          `→ ratio ${fmt(r.ratio, 3)}×, +${fmt(r.coreMs - r.rawMs)} ms/sale (target ≤ 1.1×; ${r.sales} sales in 5 interleaved rounds; RSS ${fmt(r.rssMb, 0)} MB)`,
      );
    } finally {
      sim.stop();
    }
  }

  out('\n2. Bill payment through SAT: core (inquiry + signed checkout + signed status + ledger) vs the same raw signed requests');
  out('   (orders fulfilled at once; both sides: cached token, fresh connection per request, PSS sign + verify)');
  for (const [latency, sales] of [[0, quick ? 50 : 200], [20, quick ? 25 : 100]] as const) {
    const sim = await startSatSimProcess(latency);
    try {
      const r = await benchSatPipeline(sim, sales);
      out(
        `   simulator latency ${String(latency).padStart(2)} ms/answer: raw ${fmt(r.rawMs)} ms, core bill payment ${fmt(r.coreMs)} ms ` +
          `→ ratio ${fmt(r.ratio, 3)}×, +${fmt(r.coreMs - r.rawMs)} ms/sale (${r.sales} sales in 5 interleaved rounds; RSS ${fmt(r.rssMb, 0)} MB)`,
      );
    } finally {
      sim.stop();
    }
  }

  out('\n3. SAT signatures: sign (checkout) + verify (status answer), RSA-PSS SHA-256, 2048-bit keys');
  const sig = await benchSignatures(quick ? 200 : 1000);
  out(`   Node crypto alone: ${fmt(sig.nodePerSecond, 0)} pairs/s; Loket signPss + verifyPss: ${fmt(sig.loketPerSecond, 0)} pairs/s → ratio ${fmt(sig.ratio, 3)}× (${sig.pairs} pairs)`);

  out('\n3b. The exchange layer: one POST to a loopback server through ky (fetch over rawRequest) vs rawRequest alone');
  const ex = await benchExchange(quick ? 500 : 3000);
  out(`   rawRequest ${fmt(ex.rawMs * 1000, 0)} µs, ky exchange ${fmt(ex.coreMs * 1000, 0)} µs per request → ratio ${fmt(ex.ratio, 3)}×, +${fmt((ex.coreMs - ex.rawMs) * 1000, 0)} µs (${ex.sales} requests in 5 interleaved rounds; a fresh connection each)`);

  out('\n4. The payment step of a QRIS sale: core (sale + payment recorded, charge, status after the customer pays) vs the same raw calls');
  out('   (both sides: charge, the simulated customer paying, status; the purchase that follows is not timed)');
  for (const [latency, sales] of [[0, quick ? 50 : 200], [20, quick ? 25 : 100]] as const) {
    const [vsi, mt] = await Promise.all([startSimProcess(0), startMidtransSimProcess(latency)]);
    try {
      const r = await benchPaymentStep(vsi, mt, sales);
      out(
        `   Midtrans latency ${String(latency).padStart(2)} ms/answer: raw ${fmt(r.rawMs)} ms, core payment step ${fmt(r.coreMs)} ms ` +
          `→ ratio ${fmt(r.ratio, 3)}×, +${fmt(r.coreMs - r.rawMs)} ms/payment (${r.sales} payments in 5 interleaved rounds; RSS ${fmt(r.rssMb, 0)} MB)`,
      );
    } finally {
      vsi.stop();
      mt.stop();
    }
  }

  out('\n4b. Printing a token struk: "sale done" → last byte at a network printer (127.0.0.1), core vs the same bytes written raw to a fresh socket');
  const pr = await benchPrinting(quick ? 50 : 200);
  out(
    `   raw socket ${fmt(pr.rawMs)} ms, core ${fmt(pr.coreMs)} ms (layout, ESC/POS, the job noted queued → sending → sent, the status question, ${pr.bytes} bytes) ` +
      `→ ${fmt(pr.ratio, 1)}×, +${fmt(pr.coreMs - pr.rawMs)} ms (target < 50 ms; ${pr.sales} struks in 5 interleaved rounds; RSS ${fmt(pr.rssMb, 0)} MB)`,
  );

  out('\n5. Durable sales per second vs the disk’s own fsync rate (same folder)');
  const durable = await durableSalesRate(quick ? 300 : 1500);
  const fsyncs = fsyncRate(durable.dir);
  out(`   disk: ${fmt(fsyncs, 0)} fdatasync/s (4 KiB write + fdatasync)`);
  out(`   core: ${fmt(durable.perSecond, 0)} durable sales/s (inquiry + cash sale + PAY + outcome; 5 fsynced commits each, instant provider)`);
  out(`   → ${fmt(fsyncs / durable.perSecond, 1)} disk syncs' worth of time per sale`);

  const p = benchPosting(5, quick ? 1_000 : 4_000);
  out(`   the books' share of a sale (CPU, batched, no fsync): writing a finished sale's rows ${fmt(p.writeUs, 1)} µs vs posting its journal ${fmt(p.postUs, 1)} µs (${fmt(p.postUs / p.writeUs, 2)}×; ${fmt(p.entries / p.sales, 1)} entries, ${fmt(p.lines / p.sales, 1)} lines per sale; ${p.sales.toLocaleString('en-US')} sales in 5 interleaved rounds) — against ${fmt(1e6 / durable.perSecond, 0)} µs for a whole durable sale above`);

  out('\n6. Today list (first page of 50 + the day’s totals) and the per-sale customer checks on a large ledger');
  const rows = quick ? 100_000 : 1_000_000;
  const t = await benchTodayList(rows, 365);
  out(`   ledger: ${t.rows.toLocaleString('en-US')} sales over 365 days (≈${fmt(t.perDay, 0)}/day), seeded in ${fmt(t.seedSeconds, 1)} s, file ${fmt(t.fileMb, 0)} MB, RSS ${fmt(t.rssMb, 0)} MB`);
  out(`   first query ${fmt(t.firstMs)} ms; median of 50: all ${fmt(t.medianMs.all)} ms, open ${fmt(t.medianMs.open)} ms, failed ${fmt(t.medianMs.failed)} ms, page 2 ${fmt(t.medianMs.page2)} ms (target < 10 ms)`);
  out(`   before every sale, the customer checks (open sale? recent success?): median ${fmt(t.customerCheckMs, 3)} ms (indexed: independent of ledger size)`);

  out(`   transactions beyond today, first page: last 30 days ${fmt(t.search.rangeMs)} ms (target < 50 ms); day report figures (one day's totals per product, provider, method) ${fmt(t.search.dayReportMs)} ms (target < 20 ms); 30 days' totals (loaded after the page) ${fmt(t.search.rangeTotalsMs)} ms; a sale found by customer number ${fmt(t.search.findMs, 3)} ms`);
  out(`   found by part of what the customer remembers (trigram index): a token's last 4 digits ${fmt(t.search.tokenTailMs, 3)} ms (${t.search.tokenTailHits} shown), a name fragment "estar" ${fmt(t.search.nameMs, 3)} ms (${t.search.nameHits} shown) (target < 50 ms)`);
  for (const m of t.byMethod) {
    out(`   30 days' first page, only ${m.method} (${fmt(m.share * 100, 1)}% of sales): ${fmt(m.ms, 3)} ms (target < 50 ms); the query alone ${fmt(m.indexMs, 3)} ms through sales_by_method vs ${fmt(m.walkMs, 3)} ms walking the month's sales (${fmt(m.walkMs / m.indexMs, 1)}×)`);
  }
  const d = t.dayPdf;
  out(`   day report PDF of the last day: ${d.sales.toLocaleString('en-US')} sales, ${d.pages} pages, ${fmt(d.kb, 0)} KB — gathered in ${fmt(d.gatherMs)} ms, rendered in ${fmt(d.renderMs)} ms`);

  out('\n7. The audit chain on that ledger');
  const a = t.audit;
  out(`   one write transaction (CPU, no fsync): ${fmt(a.bareUs, 1)} µs bare vs ${fmt(a.sealedUs, 1)} µs sealed → +${fmt(a.sealedUs - a.bareUs, 1)} µs per transaction (${fmt(a.sealedUs / a.bareUs, 2)}×)`);
  out(`   baseline of a ledger from before the audit: ${a.baselineRows.toLocaleString('en-US')} rows sealed in ${fmt(a.baselineSeconds, 1)} s (${fmt(a.baselineRows / a.baselineSeconds, 0)} rows/s); file now ${fmt(a.fileMb, 0)} MB`);
  const v = a.verifier;
  const rate = (ms: number): string => fmt(v.rows / (ms / 1000), 0);
  out(`   verification of ${v.rows.toLocaleString('en-US')} rows (${v.bucketRows.toLocaleString('en-US')} of them by 64-row bucket checkpoints) + ${v.entries.toLocaleString('en-US')} entries (target ≥ 500,000 rows/s, within 2× of the raw loop):`);
  out(`     raw loop (every row read as the verifier reads it, a bucket's text at a time, the same keyed hashes + the chain's HMACs, one thread): ${fmt(v.rawMs / 1000, 1)} s → ${rate(v.rawMs)} rows/s`);
  out(`     verifier on one thread: ${fmt(v.inlineMs / 1000, 1)} s → ${rate(v.inlineMs)} rows/s (${fmt(v.inlineMs / v.rawMs, 2)}× the raw loop)`);
  out(`     verifier in ${v.workers} worker threads (what the app and backups run): ${fmt(v.workersMs / 1000, 1)} s → ${rate(v.workersMs)} rows/s (${fmt(v.workersMs / v.rawMs, 2)}× the raw loop); ${v.findings} findings`);
  const b = t.backup;
  out('\n8. Backup and restore of that ledger (online copy, gzip + AES-GCM, then proven: integrity check, books, audit chain)');
  out(`   backup: ${fmt(b.backupSeconds, 1)} s for ${fmt(b.ledgerMb, 0)} MB → a ${fmt(b.fileMb, 0)} MB file (copy ${fmt(b.copySeconds, 1)} s, write ${fmt(b.writeSeconds, 1)} s, proof ${fmt(b.verifySeconds, 1)} s)`);
  out(`   restore (decrypt, prove, migrate, prove again): ${fmt(b.restoreSeconds, 1)} s; plain file copy of the same ledger for scale: ${fmt(b.plainCopySeconds, 1)} s`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${String(e instanceof Error ? e.stack : e)}\n`);
    process.exit(1);
  },
);

/**
 * 0b. Loket Pusat (issue 18). The full run uses the engine an owner runs in production — a
 * PostgreSQL server started for the run (Debian's postgresql) — and PGlite beside it for ingest;
 * --quick, or a machine without the server binaries, uses PGlite only, at a smaller scale.
 */
async function hubSection(): Promise<void> {
  const server = !quick && existsSync('/usr/lib/postgresql');
  const kinds = server ? (['postgres', 'pglite'] as const) : (['pglite'] as const);
  out("\n0b. Loket Pusat ingest: the hub's path (batches of 500, one transaction each: cursor, digests, partition, rows, each sale's latest state, the journal's balances) vs raw COPY of the same rows into the same database");
  for (const kind of kinds) {
    const e = await openBenchEngine(kind);
    try {
      const [counters, sales, workers] = quick ? [20, 100, 1] : kind === 'postgres' ? [200, 2_750, 4] : [40, 500, 1];
      const r = await benchHubIngest(e, counters, sales, workers);
      out(
        `   ${r.engine}: ${r.counters} counters × ${fmt(r.sales / r.counters, 0)} sales = ${r.sales.toLocaleString('en-US')} sales with ${r.journalLines.toLocaleString('en-US')} journal lines: ` +
          `hub ${fmt(r.hubRate, 0)} sales/s (${fmt(r.hubSeconds, 1)} s), COPY ${fmt(r.copyRate, 0)} sales/s (${fmt(r.copySeconds, 1)} s) → ${fmt(r.hubRate / r.copyRate, 2)}× (target ≥ 0.5×)`,
      );
    } finally {
      await e.close();
    }
  }
  const kind = kinds[0];
  {
    const e = await openBenchEngine(kind);
    try {
      const [counters, seconds, every] = quick ? [20, 5, 2_000] : [200, 30, 4_000];
      const r = await benchHubLag(e, counters, seconds, every);
      out(
        `   replication lag, ${e.name}, ${r.counters} counters each selling every ${fmt(every / 1000, 0)} s for ${r.seconds} s (${r.sales.toLocaleString('en-US')} sales, ${fmt(r.sales / r.seconds, 0)}/s hub-wide), each sending like the real sender (a round every 2 s, gzip over HTTP): ` +
          `sale → acknowledged p50 ${fmt(r.lagP50, 0)} ms, p99 ${fmt(r.lagP99, 0)} ms (the 2 s round included); the hub's answer to a batch p50 ${fmt(r.answerP50, 1)} ms, p99 ${fmt(r.answerP99, 1)} ms`,
      );
    } finally {
      await e.close();
    }
  }
  {
    const e = await openBenchEngine(kind);
    try {
      const [counters, days, perDay] = quick ? [20, 30, 55] : [200, 365, 55];
      const r = await benchHubToday(e, counters, days, perDay);
      out(
        `   the owner's today screen (summary, open sales, shift closes, warnings, books and deposits — its five calls together), ${e.name}, ${r.counters} counters × ${r.days} days × ${r.perDay} sales: ` +
          `over a quarter (${r.quarter.lines.toLocaleString('en-US')} journal lines) ${fmt(r.quarter.ms, 1)} ms, over all ${r.days} days (${r.year.lines.toLocaleString('en-US')} journal lines) ${fmt(r.year.ms, 1)} ms (target < 100 ms; ` +
          `it reads the day's rows and each counter's balances, not the history; generated in ${fmt(r.generateSeconds, 0)} s)`,
      );
    } finally {
      await e.close();
    }
  }
}
