// `npm run sim -- vsi` as a user runs it: one JSON line first, then a working VSI endpoint.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('npm run sim -- vsi', () => {
  it('prints {"provider","baseUrl","credentials"} and serves the VSI protocol', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', 'vsi', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: proc.stdout! }).once('line', resolve);
        proc.once('exit', (c) => reject(new Error(`exited ${c}`)));
      });
      const info = JSON.parse(line) as { provider: string; baseUrl: string; credentials: { clientId: string; secret: string } };
      expect(Object.keys(info)).toEqual(['provider', 'baseUrl', 'credentials']);
      expect(info.provider).toBe('vsi');
      expect(info.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const dt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date()).replace(/-/g, '');
      const hc = createHash('sha256').update(info.credentials.clientId + dt + info.credentials.secret).digest('hex');
      const q = new URLSearchParams({ modul: 'PRE', command: 'INQ', msn: '88888888888', cid: info.credentials.clientId, dt, hc, trxid: 'CLI-1', resp: 'XML' });
      const body = await (await fetch(`${info.baseUrl}?${q}`)).text();
      expect(body).toContain('<rc>0000</rc>');
      expect(body).toContain("<nama>TestDu''mmyPanjang8855555</nama>");
      q.set('resp', '');
      expect(await (await fetch(`${info.baseUrl}?${q}`)).text()).not.toContain('<root>');
    } finally {
      proc.kill('SIGTERM');
    }
  });

  it('refuses a bad port with a clear message', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/simulators/cli.ts', 'vsi', '--port', 'abc'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => proc.once('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port');
  });
});
