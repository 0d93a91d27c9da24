// Printing straight to a network thermal printer (a fake one on 127.0.0.1 that answers like
// ESC/POS printers do): the bytes it receives are decoded back and checked — the token
// double-height, the SALINAN, the Z report, the QRIS slip's QR, the cut and the drawer kick. A
// printer that hangs up, never answers, has no paper or is not there is reported in words, and
// the sale it printed for does not change. A job left queued by a crash prints once on restart;
// one left half-sent is not printed again without the cashier asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos, paperText } from '../../electron/receipts/escpos-decode';
import { getPrintJob, insertPrintJob, lastPrintJobOf } from '../../electron/db/queries/print-jobs';
import { encodeReceipt } from '../../electron/receipts/escpos';
import { DEFAULT_PRINTER, type Paper, type PrinterSettings } from '../../shared/printing';
import type { SaleView } from '../../shared/contract';
import { freePort, isFinal, requestId, sellToken, startCore, tempDir, waitFor, type Core } from './harness';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer';
import { openPtyPort } from '../support/pty-port';

const networkPrinter = (port: number, over: Partial<PrinterSettings> = {}): PrinterSettings => ({ ...DEFAULT_PRINTER, kind: 'network', host: '127.0.0.1', port, drawerKick: 'pin2', ...over });
const tight = { connectMs: 1_000, statusMs: 400, writeMs: 2_000 };

const lineOf = (paper: Paper, fragment: string) => paper.items.find((it) => it.t === 'line' && it.runs.map((r) => r.text).join('').includes(fragment));
const kinds = (paper: Paper) => paper.items.filter((it) => it.t !== 'line' && it.t !== 'feed').map((it) => it.t);

async function soldToken(core: Core, number = '14233784991'): Promise<SaleView> {
  const s = await sellToken(core, number, 50_000);
  return waitFor(() => core.call('sale.get', { saleId: s.id }), isFinal);
}

describe('a network thermal printer', () => {
  let core: Core;
  let printer: FakePrinter;
  beforeAll(async () => {
    printer = await startFakePrinter();
    core = await startCore({ printTimeouts: tight });
    await core.call('settings.savePrinter', networkPrinter(printer.port));
  });
  afterAll(async () => {
    await core.stop();
    await printer.close();
  });

  it('a cash token struk arrives as ESC/POS: the token double-height, cut, then the drawer opens; a SALINAN does not open it', async () => {
    const sale = await soldToken(core);
    expect(sale.state).toBe('succeeded');
    const token = sale.delivery.token!;
    const job = printer.nextJob();
    const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
    expect(r.outcome).toMatchObject({ by: 'printer', job: { state: 'sent', reason: null, target: printer.url } });
    const paper = decodeEscPos(await job, 32);
    const text = paperText(paper);
    expect(text).toContain('STRUK PEMBELIAN LISTRIK PRABAYAR');
    expect(text).toContain('*** MODE TRAINING ***');
    const tokenLine = lineOf(paper, token.replace(/\s/g, '').slice(0, 4));
    expect(tokenLine).toMatchObject({ t: 'line', runs: expect.arrayContaining([expect.objectContaining({ text: token.replace(/(\d{4})(?=\d)/g, '$1 '), height: 2, bold: true })]) });
    expect(kinds(paper)).toEqual(['cut', 'kick']);
    expect(paper.items.find((it) => it.t === 'kick')).toEqual({ t: 'kick', pin: 2 });
    // Training shows the same paper on screen.
    expect(paperText(r.receipt.paper!)).toBe(text);

    const copyJob = printer.nextJob();
    const copy = await core.call('receipt.print', { saleId: sale.id, copy: true });
    expect(copy.outcome.job).toMatchObject({ state: 'sent' });
    const copyPaper = decodeEscPos(await copyJob, 32);
    expect(paperText(copyPaper)).toMatch(/SALINAN ke-1/);
    expect(kinds(copyPaper)).toEqual(['cut']);
  });

  it("a QRIS sale's slip carries the QR the customer scans", async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
    const waiting = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
    expect(waiting.state).toBe('awaiting_payment');
    const job = printer.nextJob();
    const r = await core.call('receipt.print', { saleId: waiting.id, copy: false });
    expect(r.receipt.kind).toBe('payment_slip');
    const paper = decodeEscPos(await job, 32);
    const qr = paper.items.find((it) => it.t === 'qr');
    expect(qr).toEqual({ t: 'qr', data: waiting.payment.display!.qrString, size: 6 });
    expect(kinds(paper)).toEqual(['qr', 'cut']);
    await core.call('payment.cancel', { saleId: waiting.id });
  });

  it('the Z report prints when the shift closes, with the drawer figures', async () => {
    const x = await core.call('shift.report', {});
    const job = printer.nextJob();
    await core.call('shift.close', { counted: x.expectedCash!, denominations: null, reason: null });
    const z = await core.call('shift.print', { shiftId: x.shiftId });
    expect(z.outcome.job).toMatchObject({ state: 'sent' });
    const text = paperText(decodeEscPos(await job, 32));
    expect(text).toContain('LAPORAN Z - TUTUP SHIFT');
    expect(text).toContain('Pemilik');
    await core.call('shift.open', { openingFloat: 0 });
  });

  it('the test page from the settings form prints on the printer typed, before it is saved', async () => {
    const other = await startFakePrinter();
    try {
      const job = other.nextJob();
      const r = await core.call('printer.test', { printer: networkPrinter(other.port, { paper: 80 }) });
      expect(r.outcome.job).toMatchObject({ state: 'sent', target: other.url });
      const paper = decodeEscPos(await job, 48);
      expect(paperText(paper)).toContain('Rp 1.234.567');
      expect(kinds(paper)).toEqual(['qr', 'barcode', 'cut']);
      expect(paper.items.find((it) => it.t === 'barcode')).toEqual({ t: 'barcode', data: '1234567890' });
      expect(printer.jobs.length).toBeGreaterThan(0);
      expect((await core.call('settings.get', {})).printer.port).toBe(printer.port);
    } finally {
      await other.close();
    }
  });
});

describe('a printer that fails', () => {
  let core: Core;
  beforeAll(async () => {
    core = await startCore({ printTimeouts: tight });
  });
  afterAll(async () => {
    await core.stop();
  });

  async function printAgainst(p: PrinterSettings): Promise<{ reason: string; before: SaleView; after: SaleView }> {
    const sale = await soldToken(core);
    await core.call('settings.savePrinter', p);
    const before = await core.call('sale.get', { saleId: sale.id });
    const figures = (await core.call('ledger.today', {})).totals.figures;
    const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
    expect(r.outcome.by).toBe('printer');
    expect(r.outcome.job!.state).toBe('failed');
    expect(lastPrintJobOf(core.loket.db, sale.id)).toMatchObject({ state: 'failed', reason: r.outcome.job!.reason });
    // The sale is done; the print's failure changes nothing in it or in the books.
    expect((await core.call('ledger.today', {})).totals.figures).toEqual(figures);
    return { reason: r.outcome.job!.reason!, before, after: await core.call('sale.get', { saleId: sale.id }) };
  }

  it('paper out, hanging up, never answering, nobody there: each said in words, and the sale stays as it was', async () => {
    const paperOut = await startFakePrinter('paper-out');
    const hangUp = await startFakePrinter('hang-up');
    const silent = await startFakePrinter('silent');
    const nobody = await freePort();
    try {
      const cases: Array<[PrinterSettings, RegExp]> = [
        [networkPrinter(paperOut.port), /^Kertas habis\. Ganti gulungan kertas, lalu cetak ulang \(P\)\.$/],
        [networkPrinter(hangUp.port), /menutup sambungan|memutus sambungan/],
        [networkPrinter(silent.port), /tidak menjawab permintaan status dalam 0\.4 detik.*Tanya status printer/],
        [networkPrinter(nobody), /menolak sambungan\. Periksa printer menyala dan alamat\/port-nya benar\./],
        [{ ...DEFAULT_PRINTER, kind: 'device', path: `${tempDir()}/no-such/lp0` }, /^Printer tidak ditemukan di .*lp0\. Periksa kabel USB/],
      ];
      for (const [p, words] of cases) {
        const { reason, before, after } = await printAgainst(p);
        expect(reason).toMatch(words);
        expect(after).toEqual(before);
        expect(after.state).toBe('succeeded');
      }
      // Nothing reached a printer that was not ready.
      expect(paperOut.jobs).toEqual([]);
      expect(silent.jobs).toEqual([]);
    } finally {
      await Promise.all([paperOut.close(), hangUp.close(), silent.close()]);
    }
  });

  it('a printer that never answers status prints when the owner turns the status question off', async () => {
    const silent = await startFakePrinter('silent');
    try {
      await core.call('settings.savePrinter', networkPrinter(silent.port, { statusCheck: false }));
      const sale = await soldToken(core);
      const job = silent.nextJob();
      const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
      expect(r.outcome.job).toMatchObject({ state: 'sent' });
      expect(paperText(decodeEscPos(await job, 32))).toContain(sale.delivery.token!.slice(0, 4));
    } finally {
      await silent.close();
    }
  });

  it('a device file (a USB printer at /dev/usb/lp0) receives the bytes as they are', async () => {
    const file = `${tempDir()}/lp0`;
    const { writeFileSync, readFileSync } = await import('node:fs');
    writeFileSync(file, '');
    await core.call('settings.savePrinter', { ...DEFAULT_PRINTER, kind: 'device', path: file });
    const sale = await soldToken(core);
    const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
    expect(r.outcome.job).toMatchObject({ state: 'sent', target: file });
    expect(paperText(decodeEscPos(readFileSync(file), 32))).toContain('STRUK PEMBELIAN LISTRIK PRABAYAR');
  });
});

describe('a serial or Bluetooth port', () => {
  it('receives the struk through the serialport package (a pseudo-terminal stands in for the port)', async () => {
    const port = await openPtyPort();
    const core = await startCore({ printTimeouts: tight });
    try {
      await core.call('settings.savePrinter', { ...DEFAULT_PRINTER, kind: 'serial', path: port.path, baudRate: 19200, drawerKick: 'pin5' });
      const sale = await soldToken(core);
      const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
      expect(r.outcome.job).toMatchObject({ state: 'sent', target: `${port.path} (19200 baud)` });
      const paper = decodeEscPos(await port.received(), 32);
      expect(paperText(paper)).toContain('STRUK PEMBELIAN LISTRIK PRABAYAR');
      expect(kinds(paper)).toEqual(['cut', 'kick']);
      expect(paper.items.find((it) => it.t === 'kick')).toEqual({ t: 'kick', pin: 5 });
    } finally {
      await core.stop();
    }
  });

  it('a port that is not there is said in words', async () => {
    const core = await startCore({ printTimeouts: tight });
    try {
      await core.call('settings.savePrinter', { ...DEFAULT_PRINTER, kind: 'serial', path: '/dev/loket-no-such-port', baudRate: 9600 });
      const sale = await soldToken(core);
      const r = await core.call('receipt.print', { saleId: sale.id, copy: false });
      expect(r.outcome.job!.reason).toMatch(/^Port \/dev\/loket-no-such-port tidak bisa dibuka: .*Periksa printer sudah dipasangkan \(Bluetooth\) atau tersambung\.$/);
    } finally {
      await core.stop();
    }
  });
});

describe('print jobs across a restart', () => {
  it('a job a crash left queued prints once at start; one left half-sent is marked uncertain and not printed again', async () => {
    const printer = await startFakePrinter();
    const dataDir = tempDir();
    try {
      let core = await startCore({ dataDir, printTimeouts: tight });
      await core.call('settings.savePrinter', networkPrinter(printer.port));
      const p = networkPrinter(printer.port);
      const bytes = encodeReceipt({ lines: [{ text: 'ANTRE SEBELUM MATI', style: 'normal', align: 'left' }], qr: null }, p, { kick: false });
      const at = Date.now();
      // As a crash leaves them: one job noted but not yet sent, one in the middle of being sent.
      insertPrintJob(core.loket.db, { id: '01JOBQUEUED0000000000000000', env: 'training', saleId: null, document: 'test', copyNumber: 0, target: printer.url, state: 'queued', bytes, at });
      insertPrintJob(core.loket.db, { id: '01JOBSENDING000000000000000', env: 'training', saleId: null, document: 'test', copyNumber: 0, target: printer.url, state: 'sending', bytes, at });
      await core.stop();

      const job = printer.nextJob();
      core = await startCore({ dataDir, printTimeouts: tight }, { signedIn: false });
      expect(paperText(decodeEscPos(await job, 32))).toContain('ANTRE SEBELUM MATI');
      await core.loket.printing.idle();
      expect(getPrintJob(core.loket.db, '01JOBQUEUED0000000000000000')).toMatchObject({ state: 'sent' });
      expect(getPrintJob(core.loket.db, '01JOBSENDING000000000000000')).toMatchObject({ state: 'uncertain', reason: expect.stringMatching(/mungkin sudah tercetak/) });
      await core.stop();

      // A second start sends nothing more.
      core = await startCore({ dataDir, printTimeouts: tight }, { signedIn: false });
      await core.loket.printing.idle();
      await core.stop();
      expect(printer.jobs).toHaveLength(1);
    } finally {
      await printer.close();
    }
  });
});
