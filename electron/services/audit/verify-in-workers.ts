// The audit verifier off the main thread: the plan's ranges shared among worker threads (one per
// core, at most four), each with its own read-only connection, so the counter keeps selling while a
// ledger or a backup is checked, and a multi-core PC checks it that much faster. Progress is
// reported as work units done of the plan's total. Where a worker cannot start (a packaging that
// lost its file), the ranges run here instead: slower, never skipped.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from '../workers/start-worker';
import { mergeResults, planAudit, runAuditTask, type AuditReport } from '../../db/audit-verify';
import { openReader, type RangeResult } from '../../db/audit-verify-range';
import type { FromWorker, ToWorker, WorkerSetup } from './audit-worker';

export type VerifyOptions = { nativeBinding?: string; maxFindings?: number; workers?: number; onProgress?: (done: number, total: number) => void };

function startWorker(setup: WorkerSetup): Worker {
  return startCoreWorker('audit-worker', new URL('./audit-worker.ts', import.meta.url), setup);
}

export async function verifyAuditInWorkers(file: string, key: Buffer | null, opts: VerifyOptions = {}): Promise<AuditReport> {
  const started = Date.now();
  const max = opts.maxFindings ?? 200;
  const db = openReader(file, opts.nativeBinding);
  let plan: ReturnType<typeof planAudit>;
  try {
    plan = planAudit(db);
  } finally {
    db.close();
  }
  const results: RangeResult[] = new Array(plan.tasks.length);
  let done = 0;
  const progress = (n: number): void => {
    done += n;
    opts.onProgress?.(Math.min(done, plan.units), plan.units);
  };
  const queue = plan.tasks.map((task, index) => ({ task, index }));
  const count = Math.max(1, Math.min(opts.workers ?? Math.min(4, os.availableParallelism()), queue.length));
  const setup: WorkerSetup = { file, key: key ? key.toString('hex') : null, keyed: plan.keyed, max, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) };

  const runInline = (): void => {
    const local = openReader(file, opts.nativeBinding);
    try {
      for (let next = queue.shift(); next; next = queue.shift()) results[next.index] = runAuditTask(local, key, plan.keyed, next.task, max, progress);
    } finally {
      local.close();
    }
  };

  const one = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let worker: Worker;
      try {
        worker = startWorker(setup);
      } catch {
        runInline();
        resolve();
        return;
      }
      let current: number | null = null;
      const feed = (): void => {
        const next = queue.shift();
        if (!next) {
          current = null;
          worker.postMessage({ stop: true } satisfies ToWorker);
          return;
        }
        current = next.index;
        worker.postMessage({ index: next.index, task: next.task } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'progress') progress(m.units);
        else if (m.type === 'done') {
          results[m.index] = m.result;
          feed();
        } else reject(new Error(`audit worker failed on range ${m.index}: ${m.message}`));
      });
      worker.on('error', (e) => {
        // A worker that could not load: its range (if any) goes back, and the rest run here.
        if (current !== null) queue.unshift({ task: plan.tasks[current]!, index: current });
        try {
          runInline();
          resolve();
        } catch (inline) {
          reject(inline instanceof Error ? inline : e);
        }
      });
      worker.on('exit', () => resolve());
      worker.once('online', feed);
    });

  await Promise.all(Array.from({ length: count }, one));
  const missing = results.findIndex((r) => r === undefined);
  if (missing >= 0) throw new Error(`audit range ${missing} was not checked`);
  return mergeResults(results, max, started, plan.unverifiableBefore);
}
