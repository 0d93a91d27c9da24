// What the books add to a sale: writing a finished sale's rows (sale, payment) against posting its
// journal (entries, lines, balances), batch by batch, interleaved in rounds on one ledger. CPU per
// sale only (synchronous=OFF, one commit per batch): a real sale's commits also pay an fsync each.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLedger } from '../../electron/db/connection';
import { seedSales, type SeedSale } from '../../electron/db/queries/seed';
import { postSale } from '../../electron/db/queries/journal';
import { businessDate } from '../../shared/domain/time';

export type PostingResult = { sales: number; writeUs: number; postUs: number; entries: number; lines: number };

export function benchPosting(rounds: number, perRound: number): PostingResult {
  const db = openLedger(path.join(mkdtempSync(path.join(os.tmpdir(), 'loket-posting-')), 'loket.db'));
  db.pragma('synchronous = OFF');
  const at = Date.parse('2026-11-22T10:00:00+07:00');
  let seq = 0;
  let writeMs = 0;
  let postMs = 0;
  const sale = (): SeedSale => {
    seq++;
    return {
      id: `P${String(seq).padStart(10, '0')}`,
      seq,
      businessDate: businessDate(at),
      createdAt: at + seq,
      state: 'succeeded',
      customerNumber: String(10_000_000_000 + seq),
      denomination: 50_000,
      providerAdmin: 2_500,
      token: String(seq).padStart(20, '0'),
      method: seq % 10 === 0 ? 'qris' : 'cash',
    };
  };
  for (let r = 0; r < rounds; r++) {
    const batch = Array.from({ length: perRound }, sale);
    let t = performance.now();
    seedSales(db, batch);
    writeMs += performance.now() - t;
    t = performance.now();
    db.transaction(() => {
      for (const s of batch) postSale(db, s.id, at);
    })();
    postMs += performance.now() - t;
  }
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const result = { sales: seq, writeUs: (writeMs * 1000) / seq, postUs: (postMs * 1000) / seq, entries: count('journal_entries'), lines: count('journal_lines') };
  db.close();
  return result;
}
