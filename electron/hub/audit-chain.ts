// Checks a counter's audit chain as it arrives at the hub (issue 18). Each entry must follow the
// last one the hub took — the next seq, and `prev` equal to that entry's hash — so a chain rewritten
// or cut after it was sent no longer links. A keyed entry is an HMAC under a key that never leaves
// its counter: the hub checks its link; a plain (unkeyed) entry it also recomputes.
import { GENESIS, entryHash } from '../db/audit-digest';
import type { HubAuditBody } from '../../shared/hub-contract';
import type { AuditHead, AuditProblem } from './db/queries';

export function verifyAuditChain(head: AuditHead | null, entries: readonly (HubAuditBody & { streamSeq: number })[]): { head: AuditHead | null; problems: AuditProblem[] } {
  const problems: AuditProblem[] = [];
  let last = head ?? { seq: 0, hash: GENESIS.toString('hex') };
  for (const e of entries) {
    const key = String(e.seq);
    if (e.seq !== last.seq + 1 || e.prev !== last.hash) problems.push({ seq: e.streamSeq, key, problem: 'audit_chain_broken' });
    else if (!e.keyed) {
      const fields = { seq: e.seq, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, rowsHash: Buffer.from(e.rowsHash, 'hex') };
      if (entryHash(null, Buffer.from(e.prev, 'hex'), fields).toString('hex') !== e.hash) problems.push({ seq: e.streamSeq, key, problem: 'audit_hash_wrong' });
    }
    // The chain goes on from what arrived: one break is named once, not every entry after it.
    last = { seq: e.seq, hash: e.hash };
  }
  return { head: entries.length > 0 ? last : head, problems };
}
