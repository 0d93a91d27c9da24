// `npm run printer -- test --to <printer>` sends the test page straight to a printer, and
// `npm run printer -- decode <file>` shows what captured ESC/POS bytes print (PNG or HTML), through
// the same encoder, transports and virtual printer the app uses. Exit 0: done; 1: the printer
// failed (the reason in words); 2: usage.
//   --to tcp://192.168.1.50:9100      a network printer (asked its status first; --no-status to skip)
//   --to /dev/usb/lp0                 a USB printer's device file (or any file: the bytes are captured)
//   --to serial:/dev/rfcomm0@9600     a serial or Bluetooth SPP port (COM3@9600 on Windows)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PRINTER, columnsOf, type PrinterSettings } from '../../shared/printing';
import { formatLocalDateTime } from '../../shared/domain/time';
import { encodeReceipt } from '../receipts/escpos';
import { decodeEscPos } from '../receipts/escpos-decode';
import { layoutTestPage } from '../receipts/layout';
import { paperHtml } from '../receipts/paper-html';
import { DEFAULT_PRINT_TIMEOUTS, sendDevice, sendNetwork, sendSerial, targetOf, type Sent } from '../services/printing/transports';

const USAGE = `usage:
  npm run printer -- test --to tcp://HOST:PORT|/dev/usb/lp0|serial:PORT@BAUD [--paper 58|80] [--no-status] [--outlet "Nama loket"]
  npm run printer -- decode FILE [--out FILE.png|FILE.html] [--paper 58|80]
`;

function flag(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}`);
  process.exit(2);
}

/** `--to` as printer settings, or a message saying what is wrong with it. */
function printerOf(to: string, paper: 58 | 80, statusCheck: boolean): PrinterSettings | string {
  const base = { ...DEFAULT_PRINTER, paper, statusCheck, cut: 'partial' as const };
  const tcp = /^tcp:\/\/([\w.-]+)(?::(\d{1,5}))?\/?$/.exec(to);
  if (tcp) return { ...base, kind: 'network', host: tcp[1]!, port: Number(tcp[2] ?? 9100) };
  const serial = /^serial:(.+?)(?:@(\d+))?$/.exec(to);
  if (serial) return { ...base, kind: 'serial', path: serial[1]!, baudRate: Number(serial[2] ?? 9600) };
  if (to.includes('://')) return `Alamat printer tidak dikenal: ${to}. Pakai tcp://HOST:PORT, /dev/usb/lp0 atau serial:PORT@BAUD.`;
  return { ...base, kind: 'device', path: to };
}

function send(p: PrinterSettings, bytes: Uint8Array): Promise<Sent> {
  if (p.kind === 'network') return sendNetwork(p.host, p.port, bytes, DEFAULT_PRINT_TIMEOUTS, p.statusCheck);
  if (p.kind === 'serial') return sendSerial(p.path, p.baudRate, bytes);
  return sendDevice(p.path, bytes);
}

async function test(argv: string[]): Promise<void> {
  const to = flag(argv, '--to') ?? usage('--to is missing');
  const paper = flag(argv, '--paper') === '80' ? 80 : 58;
  const p = printerOf(to, paper, !argv.includes('--no-status'));
  if (typeof p === 'string') usage(p);
  const outlet = { name: flag(argv, '--outlet') ?? 'Loket', address: '' };
  const lines = layoutTestPage(outlet, targetOf(p), formatLocalDateTime(Date.now(), 'Asia/Jakarta'), columnsOf(paper));
  const bytes = encodeReceipt({ lines, qr: 'LOKET TES 1234567890', barcode: '1234567890' }, p, { kick: false });
  const sent = await send(p, bytes);
  if (sent.ok) {
    process.stdout.write(`Halaman tes terkirim ke ${targetOf(p)} (${bytes.length} byte).\n`);
    return;
  }
  process.stderr.write(`${sent.reason}\n`);
  process.exit(1);
}

async function screenshot(html: string, out: string): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    await page.locator('#paper').screenshot({ path: out });
  } finally {
    await browser.close();
  }
}

async function decode(argv: string[]): Promise<void> {
  const file = argv.find((a, i) => i > 0 && !a.startsWith('--') && argv[i - 1] !== '--out' && argv[i - 1] !== '--paper') ?? usage('FILE is missing');
  const paper = flag(argv, '--paper') === '80' ? 80 : 58;
  const out = flag(argv, '--out') ?? `${file}.png`;
  const decoded = decodeEscPos(readFileSync(file), columnsOf(paper));
  const html = paperHtml(decoded, path.basename(file));
  if (out.endsWith('.html')) writeFileSync(out, html);
  else await screenshot(html, out);
  const counts = decoded.items.reduce<Record<string, number>>((acc, it) => ({ ...acc, [it.t]: (acc[it.t] ?? 0) + 1 }), {});
  process.stdout.write(`${file}: ${decoded.bytes} byte → ${out} (${Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ')})\n`);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'test') return test(argv);
  if (argv[0] === 'decode') return decode(argv);
  usage(argv[0] ? `unknown command: ${argv[0]}` : 'a command is missing');
}

void main();
