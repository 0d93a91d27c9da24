// What each stream's new rows become at the hub (issue 18). Every body of a batch is parsed with the
// shared contract once, before anything is kept: a body that does not parse refuses its batch (the
// counter keeps it and says so) instead of being stored where no screen reads it; the parsed bodies
// of the rows that turn out new then go to the stream's tables.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { HubAuditBody, HubJournalBody, HubRecordBody, HubSaleBody, HubShiftBody, attestJournalText, attestSaleText, type HubStream, type ReplicatedRow } from '../../shared/hub-contract';
import { projectAudit, projectJournal, projectSales, projectShifts } from './db/queries';
import type { Queryable } from './db/connection';
import { verifyAuditChain } from './audit-chain';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export type Projector = (q: Queryable, fresh: readonly ReplicatedRow[]) => Promise<void>;
export type Prepared = { ok: true; project: Projector } | { ok: false; malformed: ReplicatedRow };

/** Each row's body parsed by `schema`, by seq; or the first row whose body is not that shape. */
function parseAll<S extends z.ZodTypeAny>(schema: S, rows: readonly ReplicatedRow[]): Map<number, z.infer<S>> | ReplicatedRow {
  const out = new Map<number, z.infer<S>>();
  for (const r of rows) {
    const p = schema.safeParse(r.body);
    if (!p.success) return r;
    out.set(r.seq, p.data);
  }
  return out;
}

/** The batch's bodies checked, and what its new rows become for this counter. */
export function prepareBatch(stream: HubStream, counterId: string, rows: readonly ReplicatedRow[]): Prepared {
  switch (stream) {
    case 'sales': {
      const bodies = parseAll(HubSaleBody, rows);
      if (!(bodies instanceof Map)) return { ok: false, malformed: bodies };
      return {
        ok: true,
        project: (q, fresh) => {
          // A sale's latest state in the batch (its highest seq) is the one kept.
          const latest = new Map<string, HubSaleBody & { seq: number; attestDigest: string }>();
          for (const r of fresh) {
            const s = bodies.get(r.seq)!;
            latest.set(s.id, { ...s, seq: r.seq, attestDigest: sha256(attestSaleText(s)) });
          }
          return projectSales(q, counterId, [...latest.values()]);
        },
      };
    }
    case 'shifts': {
      const bodies = parseAll(HubShiftBody, rows);
      if (!(bodies instanceof Map)) return { ok: false, malformed: bodies };
      return { ok: true, project: (q, fresh) => projectShifts(q, counterId, fresh.map((r) => bodies.get(r.seq)!)) };
    }
    case 'journal': {
      const bodies = parseAll(HubJournalBody, rows);
      if (!(bodies instanceof Map)) return { ok: false, malformed: bodies };
      return {
        ok: true,
        project: (q, fresh) =>
          projectJournal(
            q,
            counterId,
            fresh.map((r) => {
              const e = bodies.get(r.seq)!;
              return { ...e, seq: r.seq, attestDigest: sha256(attestJournalText(e)) };
            }),
          ),
      };
    }
    case 'records': {
      // Kept as they arrived (in `replicated`); no screen of the owner's reads them yet.
      const bodies = parseAll(HubRecordBody, rows);
      if (!(bodies instanceof Map)) return { ok: false, malformed: bodies };
      return { ok: true, project: async () => undefined };
    }
    case 'audit': {
      const bodies = parseAll(HubAuditBody, rows);
      if (!(bodies instanceof Map)) return { ok: false, malformed: bodies };
      return {
        ok: true,
        project: (q, fresh) => {
          const entries = fresh.map((r) => ({ ...bodies.get(r.seq)!, streamSeq: r.seq }));
          return projectAudit(q, counterId, (head) => verifyAuditChain(head, entries));
        },
      };
    }
  }
}
