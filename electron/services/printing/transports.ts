// Getting bytes to a printer, with every failure said in words a cashier can act on. Network
// printers (port 9100) are asked their status first (DLE EOT, which ESC/POS printers answer at
// once): a printer that does not answer, or reports its paper out or its cover open, is not sent
// anything. A device file (/dev/usb/lp0) and a serial or Bluetooth port are written directly.
import net from 'node:net';
import { open } from 'node:fs/promises';
import type { PrinterSettings } from '../../../shared/printing';

export type Sent = { ok: true } | { ok: false; reason: string };

export type TransportTimeouts = { connectMs: number; statusMs: number; writeMs: number };
export const DEFAULT_PRINT_TIMEOUTS: TransportTimeouts = { connectMs: 3_000, statusMs: 2_000, writeMs: 10_000 };

/** Where a job goes, as the ledger notes it. */
export function targetOf(p: PrinterSettings): string {
  switch (p.kind) {
    case 'network':
      return `tcp://${p.host}:${p.port}`;
    case 'device':
      return p.path;
    case 'serial':
      return `${p.path} (${p.baudRate} baud)`;
    case 'virtual':
      return 'virtual';
    case 'system':
      return 'system';
  }
}

function networkError(e: NodeJS.ErrnoException, where: string): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return `Printer ${where} menolak sambungan. Periksa printer menyala dan alamat/port-nya benar.`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `Printer ${where} memutus sambungan saat dikirimi struk. Periksa kertas dan tutup printer, lalu cetak ulang.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Printer ${where} tidak terjangkau di jaringan. Periksa kabel/Wi-Fi dan alamatnya.`;
    default:
      return `Printer ${where} gagal: ${e.code ?? e.message}.`;
  }
}

/** DLE EOT 1 (printer) and DLE EOT 4 (paper): one status byte each. */
const STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);

function statusProblem(printer: number, paper: number): string | null {
  if (paper & 0x60) return 'Kertas habis. Ganti gulungan kertas, lalu cetak ulang (P).';
  if (printer & 0x08) return 'Printer sedang offline (tutup terbuka atau tombol feed ditekan). Periksa printer, lalu cetak ulang (P).';
  return null;
}

export function sendNetwork(host: string, port: number, bytes: Uint8Array, t: TransportTimeouts = DEFAULT_PRINT_TIMEOUTS, askStatus = true): Promise<Sent> {
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    let done = false;
    const finish = (r: Sent): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const socket = net.connect({ host, port });
    let stage: 'connect' | 'status' | 'write' = 'connect';
    let timer = setTimeout(() => finish({ ok: false, reason: `Printer ${where} tidak menjawab (tidak tersambung dalam ${t.connectMs / 1000} detik). Periksa printer menyala dan alamatnya.` }), t.connectMs);
    const reply: number[] = [];
    socket.on('error', (e: NodeJS.ErrnoException) => finish({ ok: false, reason: networkError(e, where) }));
    // After a finished job this is a no-op; before it, the printer hung up on us.
    socket.on('close', () => finish({ ok: false, reason: `Printer ${where} menutup sambungan sebelum struk terkirim. Periksa printer, lalu cetak ulang (P).` }));
    const write = (): void => {
      stage = 'write';
      clearTimeout(timer);
      timer = setTimeout(() => finish({ ok: false, reason: `Printer ${where} tidak selesai menerima struk dalam ${t.writeMs / 1000} detik. Cetak ulang (P).` }), t.writeMs);
      socket.end(Buffer.from(bytes), () => finish({ ok: true }));
    };
    socket.on('connect', () => {
      clearTimeout(timer);
      if (!askStatus) return write();
      stage = 'status';
      timer = setTimeout(
        () =>
          finish({
            ok: false,
            reason: `Printer ${where} tidak menjawab permintaan status dalam ${t.statusMs / 1000} detik. Periksa printer, lalu cetak ulang (P). Bila printer ini memang tidak pernah menjawab status, matikan "Tanya status printer" di Pengaturan → Printer.`,
          }),
        t.statusMs,
      );
      socket.write(STATUS_QUERY);
    });
    socket.on('data', (d: Buffer) => {
      if (stage !== 'status') return;
      reply.push(...d);
      if (reply.length < 2) return;
      const problem = statusProblem(reply[0]!, reply[1]!);
      if (problem) return finish({ ok: false, reason: problem });
      write();
    });
  });
}

export async function sendDevice(path: string, bytes: Uint8Array): Promise<Sent> {
  try {
    const f = await open(path, 'w');
    try {
      await f.write(bytes);
    } finally {
      await f.close();
    }
    return { ok: true };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: `Printer tidak ditemukan di ${path}. Periksa kabel USB dan alamat perangkatnya.` };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: `Tidak boleh menulis ke ${path}. Beri izin pengguna ini ke printer (grup lp).` };
    if (code === 'EBUSY') return { ok: false, reason: `Printer di ${path} sedang dipakai program lain.` };
    return { ok: false, reason: `Printer di ${path} gagal: ${code ?? String(e)}.` };
  }
}

/** A serial or Bluetooth SPP port, through the optional serialport package (loaded only when used: it is native). */
export async function sendSerial(path: string, baudRate: number, bytes: Uint8Array): Promise<Sent> {
  let SerialPort: typeof import('serialport').SerialPort;
  try {
    ({ SerialPort } = await import('serialport'));
  } catch {
    return { ok: false, reason: 'Printer serial/Bluetooth tidak didukung di instalasi ini (paket serialport tidak terpasang). Pakai printer jaringan atau USB.' };
  }
  return new Promise((resolve) => {
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.open((e) => {
      if (e) return resolve({ ok: false, reason: `Port ${path} tidak bisa dibuka: ${e.message}. Periksa printer sudah dipasangkan (Bluetooth) atau tersambung.` });
      port.write(Buffer.from(bytes), (we) => {
        if (we) return port.close(() => resolve({ ok: false, reason: `Gagal mengirim ke ${path}: ${we.message}.` }));
        port.drain((de) => port.close(() => resolve(de ? { ok: false, reason: `Gagal mengirim ke ${path}: ${de.message}.` } : { ok: true })));
      });
    });
  });
}
