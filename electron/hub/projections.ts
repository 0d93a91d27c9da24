// What each stream's new rows become at the hub (issue 18), parsed with the shared contract before
// anything is kept: a body that does not parse refuses its batch (the counter keeps it and says so)
// instead of being stored where no screen reads it.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HubAuditBody, HubJournalBody, HubSaleBody, HubShiftBody, attestJournalText, attestSaleText, type HubStream, type ReplicatedRow } from '../../shared/hub-contract';
import { projectAudit, projectJournal, projectSales, projectShifts } from './db/queries';
import type { Queryable } from './db/connection';
import { verifyAuditChain } from './audit-chain';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export type Projector = (q: Queryable, fresh: readonly ReplicatedRow[]) => Promise<void>;

const BODY: Record<HubStream, z.ZodType> = { sales: HubSaleBody, shifts: HubShiftBody, journal: HubJournalBody, audit: HubAuditBody };

/** The first row whose body is not its stream's shape, or null. */
export function malformedRow(stream: HubStream, rows: readonly ReplicatedRow[]): ReplicatedRow | null {
  return rows.find((r) => !BODY[stream].safeParse(r.body).success) ?? null;
}

/** The projector for a counter's stream; rows reach it already checked by malformedRow. */
export function projectorFor(stream: HubStream, counterId: string): Projector {
  switch (stream) {
    case 'sales':
      return async (q, fresh) => {
        // A sale's latest state in the batch (its highest seq) is the one kept.
        const latest = new Map<string, HubSaleBody & { seq: number; attestDigest: string }>();
        for (const r of fresh) {
          const s = HubSaleBody.parse(r.body);
          latest.set(s.id, { ...s, seq: r.seq, attestDigest: sha256(attestSaleText(s)) });
        }
        await projectSales(q, counterId, [...latest.values()]);
      };
    case 'shifts':
      return (q, fresh) => projectShifts(q, counterId, fresh.map((r) => HubShiftBody.parse(r.body)));
    case 'journal':
      return (q, fresh) =>
        projectJournal(
          q,
          counterId,
          fresh.map((r) => {
            const e = HubJournalBody.parse(r.body);
            return { ...e, seq: r.seq, attestDigest: sha256(attestJournalText(e)) };
          }),
        );
    case 'audit':
      return (q, fresh) => {
        const entries = fresh.map((r) => ({ ...HubAuditBody.parse(r.body), streamSeq: r.seq }));
        return projectAudit(q, counterId, (head) => verifyAuditChain(head, entries));
      };
  }
}
