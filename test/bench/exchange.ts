// The exchange layer's own cost: one POST answered by a loopback server, through ky (the exchange
// layer every provider client speaks through) vs rawRequest alone, side by side.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { rawRequest } from '../../electron/providers/http/raw-request';
import { createExchange } from '../../electron/providers/http/exchange';
import { silentLogger } from '../../electron/log/logger';
import { sideBySide, type SideBySide } from './stats';

export async function benchExchange(requests: number): Promise<SideBySide> {
  const answer = Buffer.from(JSON.stringify({ data: { rc: '00', status: 'Sukses', sn: '1234-5678-9012-3456-7890/SITI/R1/1300/32.1', price: 51_500 } }));
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/transaction`);
  const body = Buffer.from(JSON.stringify({ username: 'u', buyer_sku_code: 'pln50', customer_no: '14233784991', ref_id: 'LKT-1', sign: 'x'.repeat(32) }));
  const headers = { 'content-type': 'application/json' };
  const exchange = createExchange({ provider: 'bench', log: silentLogger });
  try {
    return await sideBySide(
      async () => {
        const r = await rawRequest({ url, method: 'POST', headers, body, connectTimeoutMs: 2_000, timeoutMs: 5_000 });
        if (!r.ok) throw new Error(r.error.message);
      },
      async () => {
        const ex = await exchange({ url, method: 'POST', headers, body, connectTimeoutMs: 2_000, timeoutMs: 5_000, label: 'transaction' });
        if (ex.kind !== 'answer') throw new Error(ex.detail);
      },
      requests,
    );
  } finally {
    await new Promise((r) => server.close(r));
  }
}
