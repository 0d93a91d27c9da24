// Every print goes through here: the document laid out for the owner's paper, encoded once as
// ESC/POS, noted in the ledger as a job before anything leaves, and sent — to the printer
// (network, device file, serial port), or to the virtual printer, which reads the bytes back as
// the paper shown on screen. The system printer (the browser's or Electron's print of the HTML
// layout) is left to the host. A failed print never touches the sale: it is done; the job says why.
import { ulid } from '../../../shared/domain/ids';
import { columnsOf, type Paper, type PrinterSettings, type PrintJobView, type PrintOutcome } from '../../../shared/printing';
import type { Mode } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getPrintJob, insertPrintJob, setPrintJobState, unfinishedPrintJobs, type PrintJobRecord } from '../../db/queries/print-jobs';
import type { Logger } from '../../log/logger';
import { encodeReceipt, type PrintableReceipt } from '../../receipts/escpos';
import { decodeEscPos } from '../../receipts/escpos-decode';
import { DEFAULT_PRINT_TIMEOUTS, sendDevice, sendNetwork, sendSerial, targetOf, type Sent, type TransportTimeouts } from './transports';

export type PrintDocument = PrintableReceipt & {
  /** What it is, for the ledger: struk, salinan, z_report, x_report, slip, crypto, test. */
  document: string;
  saleId: string | null;
  copyNumber: number;
  /** Open the cash drawer after it (a cash sale's original struk). */
  kick: boolean;
};

export type PrintService = {
  /** Columns the owner's paper prints: the layout is made for them. */
  columns(): number;
  /** `printer`: this one print to another printer than the saved one (the settings' test page). */
  print(env: Mode, doc: PrintDocument, printer?: PrinterSettings): Promise<PrintOutcome>;
  /** What a document would look like on paper (training's preview), without printing it. */
  preview(doc: PrintableReceipt): Paper;
  /** At start: a job left 'sending' may have printed (uncertain); one left 'queued' is sent now. */
  resume(): Promise<void>;
  idle(): Promise<void>;
};

const view = (j: PrintJobRecord): PrintJobView => ({ id: j.id, state: j.state, reason: j.reason, target: j.target });

export function createPrintService(deps: { db: Ledger; now: () => number; log: Logger; printer: () => PrinterSettings; timeouts?: Partial<TransportTimeouts> }): PrintService {
  const { db } = deps;
  const timeouts = { ...DEFAULT_PRINT_TIMEOUTS, ...deps.timeouts };
  const inFlight = new Set<Promise<unknown>>();
  const settings = deps.printer;

  function transport(p: PrinterSettings, bytes: Uint8Array): Promise<Sent> {
    switch (p.kind) {
      case 'network':
        return sendNetwork(p.host, p.port, bytes, timeouts, p.statusCheck);
      case 'device':
        return sendDevice(p.path, bytes);
      case 'serial':
        return sendSerial(p.path, p.baudRate, bytes);
      case 'virtual':
      case 'system':
        return Promise.resolve({ ok: true });
    }
  }

  /** queued → sending (durable before the transport is touched) → sent | failed. */
  async function send(jobId: string, p: PrinterSettings): Promise<PrintJobRecord> {
    const job = getPrintJob(db, jobId)!;
    setPrintJobState(db, jobId, 'sending', null, deps.now());
    const sent = await transport(p, job.bytes);
    if (sent.ok) setPrintJobState(db, jobId, 'sent', null, deps.now());
    else {
      setPrintJobState(db, jobId, 'failed', sent.reason, deps.now());
      deps.log.warn('print.failed', { jobId, document: job.document, target: job.target, reason: sent.reason });
    }
    return getPrintJob(db, jobId)!;
  }

  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    return p;
  };

  return {
    columns: () => columnsOf(settings().paper),
    preview(doc) {
      const p = settings();
      return decodeEscPos(encodeReceipt(doc, p, { kick: false }), columnsOf(p.paper));
    },
    async print(env, doc, printer) {
      const p = printer ?? settings();
      if (p.kind === 'system') return { by: 'renderer', job: null, paper: null };
      const bytes = encodeReceipt(doc, p, { kick: doc.kick });
      const at = deps.now();
      const id = ulid(at);
      insertPrintJob(db, { id, env, saleId: doc.saleId, document: doc.document, copyNumber: doc.copyNumber, target: targetOf(p), state: 'queued', bytes, at });
      const job = await track(send(id, p));
      return {
        by: p.kind === 'virtual' ? 'virtual' : 'printer',
        job: view(job),
        // The paper as the printer received it: always for the virtual printer, and in training.
        paper: p.kind === 'virtual' || env === 'training' ? decodeEscPos(bytes, columnsOf(p.paper)) : null,
      };
    },
    async resume() {
      const p = settings();
      for (const j of unfinishedPrintJobs(db)) {
        if (j.state === 'sending') {
          setPrintJobState(db, j.id, 'uncertain', 'Loket berhenti saat struk dikirim: mungkin sudah tercetak. Cetak ulang hanya bila tidak keluar.', deps.now());
          deps.log.warn('print.uncertain', { jobId: j.id, document: j.document });
        } else await track(send(j.id, p));
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
