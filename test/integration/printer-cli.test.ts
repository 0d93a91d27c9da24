// `npm run printer -- test|decode` as a user runs it: the test page reaches a network printer (a
// fake one on 127.0.0.1) and a file; captured bytes decode to HTML and to a PNG; a printer that is
// not there is said in words with exit 1; a wrong address is usage (exit 2).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeEscPos, paperText } from '../../electron/receipts/escpos-decode';
import { startFakePrinter } from '../support/fake-printer';
import { freePort, tempDir } from './harness';

const root = fileURLToPath(new URL('../../', import.meta.url));

function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/app/printer-cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, out, err })));
}

describe('npm run printer', () => {
  it('test --to tcp://… prints the test page on a network printer', async () => {
    const printer = await startFakePrinter();
    try {
      const job = printer.nextJob();
      const r = await cli('test', '--to', printer.url, '--outlet', 'Loket Berkah');
      expect(r).toMatchObject({ code: 0, out: expect.stringMatching(new RegExp(`^Halaman tes terkirim ke ${printer.url} \\(\\d+ byte\\)\\.\\n$`)) });
      const text = paperText(decodeEscPos(await job, 32));
      expect(text).toContain('Loket Berkah');
      expect(text).toContain('TES PRINTER');
    } finally {
      await printer.close();
    }
  });

  it('a printer that is not there: the reason in words, exit 1; an address it cannot use: exit 2', async () => {
    const port = await freePort();
    const r = await cli('test', '--to', `tcp://127.0.0.1:${port}`);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`Printer 127.0.0.1:${port} menolak sambungan. Periksa printer menyala dan alamat/port-nya benar.\n`);
    const bad = await cli('test', '--to', 'http://printer');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^Alamat printer tidak dikenal: http:\/\/printer\./);
  });

  it('captured bytes (--to a file) decode to an HTML page and to a PNG picture', async () => {
    const dir = tempDir();
    const bin = path.join(dir, 'capture.bin');
    expect((await cli('test', '--to', bin, '--paper', '80')).code).toBe(0);
    const html = path.join(dir, 'capture.html');
    const r = await cli('decode', bin, '--out', html, '--paper', '80');
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('1 qr, 1 barcode, 1 cut') });
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('TES PRINTER');
    expect(page).toContain('<svg');
    expect(page).toContain('Rp 1.234.567');
    const png = path.join(dir, 'capture.png');
    expect((await cli('decode', bin, '--out', png, '--paper', '80')).code).toBe(0);
    const head = readFileSync(png);
    expect(head.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 576 dots across plus the margins, a page long.
    expect(head.readUInt32BE(16)).toBeGreaterThan(576);
    expect(head.readUInt32BE(20)).toBeGreaterThan(800);
  }, 30_000);
});
