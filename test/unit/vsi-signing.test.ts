import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vsiDt, vsiHash } from '../../electron/providers/vsi/signing';
import { buildVsiUrl } from '../../electron/providers/vsi/transport';

describe('VSI dt and hc (vsi.md §1.2)', () => {
  it('computes dt in WIB whatever the machine zone: 17:30 UTC is already tomorrow in Jakarta', () => {
    const t = Date.parse('2026-11-22T17:30:05Z');
    expect(vsiDt(t, 'YYYYMMDD')).toBe('20261123');
    expect(vsiDt(t, 'YYYYMMDDHHmmss')).toBe('20261123003005');
  });

  it('hc = lowercase sha256(cid + dt + secret), no separator', () => {
    const expected = createHash('sha256').update('LOKET0120261122s3cret').digest('hex');
    expect(vsiHash('LOKET01', '20261122', 's3cret')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('builds the query exactly: modul=PRE, command, params, cid, dt, hc, trxid, resp=XML', () => {
    const url = buildVsiUrl(
      { baseUrl: 'https://h2h.example.co.id/api?x=1', clientId: 'C1', secret: 'S', dtFormat: 'YYYYMMDD' },
      { command: 'PAY', trxid: 'LKT-01', params: { nominal: '100000', refnum: 'AB' } },
      Date.parse('2026-11-22T03:00:00Z'),
    );
    const q = url.searchParams;
    expect(url.origin + url.pathname).toBe('https://h2h.example.co.id/api');
    expect([...q.keys()]).toEqual(['modul', 'command', 'nominal', 'refnum', 'cid', 'dt', 'hc', 'trxid', 'resp']);
    expect(q.get('dt')).toBe('20261122');
    expect(q.get('hc')).toBe(vsiHash('C1', '20261122', 'S'));
    expect(q.get('resp')).toBe('XML');
  });
});
