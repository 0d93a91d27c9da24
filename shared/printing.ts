// Printing at the counter: the owner's printer (network, a device file, a serial/Bluetooth port,
// the system printer, or the virtual printer that shows the paper on screen), the paper a print
// job came out as (decoded from the very ESC/POS bytes sent), and how a print went.
import { z } from 'zod';

export const PrinterKind = z.enum(['virtual', 'network', 'device', 'serial', 'system']);
export type PrinterKind = z.infer<typeof PrinterKind>;

/** Code pages the encoder knows and cheap printers ship (cp437 is every printer's default). */
export const PrinterCodepage = z.enum(['cp437', 'cp850', 'cp858', 'cp1252', 'auto']);

/** A logo already dithered to black and white: 1 bit per pixel, rows padded to bytes, base64. */
export const PrinterLogo = z.object({ width: z.number().int().min(8).max(576), height: z.number().int().min(1).max(400), bits: z.string().max(40_000) });
export type PrinterLogo = z.infer<typeof PrinterLogo>;

export const PrinterSettings = z.object({
  kind: PrinterKind,
  /** network: host and port (9100 by default). */
  host: z.string().trim().max(120),
  port: z.number().int().min(1).max(65535),
  /** device: /dev/usb/lp0; serial: /dev/rfcomm0, /dev/ttyUSB0, COM3. */
  path: z.string().trim().max(200),
  baudRate: z.number().int().min(1200).max(921600),
  /** network: ask the printer's status (DLE EOT) before sending; a few cheap models never answer it. */
  statusCheck: z.boolean().default(true),
  /** 58 mm paper prints 32 columns, 80 mm 48. */
  paper: z.union([z.literal(58), z.literal(80)]),
  codepage: PrinterCodepage,
  cut: z.enum(['full', 'partial', 'none']),
  feedLines: z.number().int().min(0).max(10),
  /** The cash drawer's kick after a cash sale's original struk: off, or the drawer's pin. */
  drawerKick: z.enum(['off', 'pin2', 'pin5']),
  logo: PrinterLogo.nullable(),
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

export const DEFAULT_PRINTER: PrinterSettings = {
  kind: 'virtual',
  host: '',
  port: 9100,
  path: '',
  baudRate: 9600,
  statusCheck: true,
  paper: 58,
  codepage: 'cp437',
  cut: 'partial',
  feedLines: 3,
  drawerKick: 'off',
  logo: null,
};

export const columnsOf = (paper: 58 | 80): number => (paper === 80 ? 48 : 32);

/** A run of text as the printer styles it. */
export const PaperRun = z.object({ text: z.string(), bold: z.boolean(), underline: z.boolean(), width: z.number().int(), height: z.number().int() });
/** What came out of the printer, decoded from the bytes sent: the virtual printer's paper. */
export const PaperItem = z.discriminatedUnion('t', [
  z.object({ t: z.literal('line'), runs: z.array(PaperRun), align: z.enum(['left', 'center', 'right']) }),
  z.object({ t: z.literal('qr'), data: z.string(), size: z.number().int() }),
  z.object({ t: z.literal('barcode'), data: z.string() }),
  z.object({ t: z.literal('image'), width: z.number().int(), height: z.number().int(), bits: z.string() }),
  z.object({ t: z.literal('feed'), lines: z.number().int() }),
  z.object({ t: z.literal('cut'), partial: z.boolean() }),
  z.object({ t: z.literal('kick'), pin: z.number().int() }),
]);
export type PaperItem = z.infer<typeof PaperItem>;
export const Paper = z.object({ columns: z.number().int(), items: z.array(PaperItem), bytes: z.number().int() });
export type Paper = z.infer<typeof Paper>;

export const PrintJobState = z.enum(['queued', 'sending', 'sent', 'failed', 'uncertain']);
export const PrintJobView = z.object({
  id: z.string(),
  state: PrintJobState,
  /** In words, for the cashier: why it did not print. */
  reason: z.string().nullable(),
  target: z.string(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

/** How a print went: to a printer (its job), the virtual printer (its paper), or left to the screen's own print. */
export const PrintOutcome = z.object({
  by: z.enum(['printer', 'virtual', 'renderer', 'host']),
  job: PrintJobView.nullable(),
  paper: Paper.nullable(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;
