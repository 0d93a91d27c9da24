// From "sale done" to the last byte at a network printer (a fake one on 127.0.0.1): the core's
// print of a token struk (the layout, ESC/POS, the job noted in the ledger before and after, the
// status question, the bytes) against the same bytes written raw to a fresh socket.
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { DEFAULT_PRINTER } from '../../shared/printing';
import { lastPrintJobOf } from '../../electron/db/queries/print-jobs';
import { startFakePrinter } from '../support/fake-printer';
import { startBenchLoket } from './bench-loket';
import { sideBySide, timeIt, type SideBySide } from './stats';

export async function benchPrinting(sales: number, warmUp = 10): Promise<SideBySide & { bytes: number }> {
  const printer = await startFakePrinter();
  const loket = await startBenchLoket();
  try {
    await loket.call('settings.savePrinter', { ...DEFAULT_PRINTER, kind: 'network', host: '127.0.0.1', port: printer.port, drawerKick: 'pin2' });
    // The sales first (not timed): each print below is a sale's original struk, drawer kick included.
    const done: string[] = [];
    for (let i = 0; i < sales + warmUp; i++) {
      const meter = String(20_000_000_000 + i * 7919);
      const inq = (await loket.call('pln.inquire', { customerNumber: meter })) as { inquiryId: string; options: Array<{ denomination: number; amounts: { total: number } }> };
      const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
      const sale = (await loket.call('sale.startPlnToken', { clientRequestId: `bench-print-${randomUUID()}`, confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } })) as { id: string; state: string };
      if (sale.state !== 'succeeded') throw new Error(`bench sale ended ${sale.state}`);
      done.push(sale.id);
    }
    // The bytes the core sends for a struk, to write raw.
    const first = printer.nextJob();
    await loket.call('receipt.print', { saleId: done.pop()!, copy: false });
    const bytes = await first;
    const size = bytes.length;
    if (lastPrintJobOf(loket.db, done[0]!) !== null) throw new Error('a bench sale was printed before its turn');

    const raw = async (): Promise<void> => {
      const job = printer.nextJob();
      const socket = net.connect({ host: '127.0.0.1', port: printer.port });
      socket.on('connect', () => socket.end(bytes));
      await job;
      socket.destroy();
    };
    const core = async (): Promise<number> => {
      const saleId = done.pop()!;
      const job = printer.nextJob();
      return timeIt(async () => {
        const r = (await loket.call('receipt.print', { saleId, copy: false })) as { outcome: { job: { state: string } } };
        if (r.outcome.job.state !== 'sent') throw new Error(`bench print ${r.outcome.job.state}`);
        await job;
      });
    };
    return { ...(await sideBySide(raw, core, sales, 5, warmUp - 1)), bytes: size };
  } finally {
    await loket.stop();
    await printer.close();
  }
}
