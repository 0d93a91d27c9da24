import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createVsiClient, DEFAULT_VSI_TIMEOUTS } from '../../electron/providers/vsi/client';
import type { VsiCommand, VsiExchange } from '../../electron/providers/vsi/transport';
import { parseVsiXml } from '../../electron/providers/vsi/xml';
import { silentLogger } from '../../electron/log/logger';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/vsi/${name}`, import.meta.url), 'utf8');
const answer = (xml: string): VsiExchange => ({ kind: 'answer', fields: parseVsiXml(xml)! });

function clientAnswering(reply: (cmd: VsiCommand) => VsiExchange) {
  const sent: VsiCommand[] = [];
  const client = createVsiClient({
    endpoint: { baseUrl: 'https://vsi.test/', clientId: 'C', secret: 'S', dtFormat: 'YYYYMMDD' },
    timeouts: DEFAULT_VSI_TIMEOUTS,
    now: Date.now,
    log: silentLogger,
    transport: async (cmd) => {
      sent.push(cmd);
      return reply(cmd);
    },
  });
  return { client, sent };
}

const payRequest = { ref: 'LKT-1', kind: 'pln_prepaid' as const, maxCost: 0, providerProduct: 'pln-token-200000', inquiryRef: 'D0EE65CAB0C04601878612867541EEA5', customerNumber: '88888888888', faceValue: 200_000, amount: 0 };
const adviceRequest = { ref: 'LKT-1', payRef: null, customerNumber: '88888888888', faceValue: 200_000, confirming: false, purchase: payRequest, firstSentAt: null };

describe('VSI client against the seed answers', () => {
  it('inquiry: customer, tariff/power, admin fee and the INQREF', async () => {
    const { client, sent } = clientAnswering(() => answer(fixture('inq-success.xml')));
    const r = await client.inquirePln({ ref: 'INQ-1', customerNumber: '88888888888', providerProduct: 'pln-token' });
    expect(r).toEqual({
      ok: true,
      value: {
        inquiryRef: 'D0EE65CAB0C04601878612867541EEA5',
        meterNumber: '88888888888',
        idpel: '885555555555',
        name: "TestDu''mmyPanjang8855555",
        tariffPower: 'R2/7000 VA',
        providerAdmin: 1600,
        unsoldTokens: 0,
      },
    });
    expect(sent[0]).toEqual({ command: 'INQ', trxid: 'INQ-1', params: { msn: '88888888888' } });
  });

  it('inquiry errors, including the malformed "< / root >" one, are readable failures', async () => {
    const { client } = clientAnswering(() => answer(fixture('post-inq-error-malformed.xml')));
    const r = await client.inquirePln({ ref: 'INQ-2', customerNumber: '888888888', providerProduct: 'pln-token' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('customer_not_found');
  });

  it('PAY success: the PAYREF exists only inside rcm; the token is stored as 20 digits', async () => {
    const { client, sent } = clientAnswering(() => answer(fixture('pay-success.xml')));
    const r = await client.purchase(payRequest);
    expect(sent[0]!.params).toEqual({ nominal: '200000', refnum: 'D0EE65CAB0C04601878612867541EEA5' });
    expect(r.kind).toBe('success');
    if (r.kind !== 'success') return;
    expect(r.delivered.token).toBe('25930960810610721376');
    expect(r.delivered.payRef).toBe('05062135116139A54A95CCC549DDA94C');
    expect(r.delivered.kwh).toBe('352');
    expect(r.delivered.chargedAmount).toBe(201_600);
    expect(r.delivered.taxes).toEqual({ ppn: '0', ppj: '0', materai: '0', angsuran: '24000' });
    expect(r.delivered.vendorTime).toBe('2016-06-08 11:50:22');
  });

  it('PAY without INQREF sends msn ("auto payment")', async () => {
    const { client, sent } = clientAnswering(() => answer(fixture('autopay-error-0068.xml')));
    const r = await client.purchase({ ...payRequest, inquiryRef: null });
    expect(sent[0]!.params).toEqual({ nominal: '200000', msn: '88888888888' });
    expect(r.kind).toBe('uncertain');
  });

  it('PAY 0068 (timeout, "do a manual advice") is uncertain', async () => {
    const { client } = clientAnswering(() => answer(fixture('pay-error-0068.xml')));
    expect((await client.purchase(payRequest)).kind).toBe('uncertain');
  });

  it('PAY 0000 without a valid token is uncertain, not a success', async () => {
    const xml = fixture('pay-success.xml').replace(/<token>.*<\/token>\n/, '');
    const { client } = clientAnswering(() => answer(xml));
    expect((await client.purchase(payRequest)).kind).toBe('uncertain');
    const short = fixture('pay-success.xml').replace('2593-0960-8106-1072-1376', '2593-0960-8106-1072');
    const c2 = clientAnswering(() => answer(short)).client;
    expect((await c2.purchase(payRequest)).kind).toBe('uncertain');
  });

  it('a PAY that provably never left fails cleanly; one that may have arrived is uncertain', async () => {
    const notSent = clientAnswering(() => ({ kind: 'not_sent', detail: 'ECONNREFUSED' })).client;
    const r1 = await notSent.purchase(payRequest);
    expect(r1).toMatchObject({ kind: 'failed', confirm: false });
    const lost = clientAnswering(() => ({ kind: 'lost', detail: 'timeout after send' })).client;
    expect((await lost.purchase(payRequest)).kind).toBe('uncertain');
  });

  it('ADV success: PAYREF from text line 2, the rcm refnum kept as the advice reference', async () => {
    for (const name of ['adv-success.xml', 'adv-nopayref-success.xml']) {
      const { client, sent } = clientAnswering(() => answer(fixture(name)));
      const r = await client.advise(adviceRequest);
      expect(sent[0]).toEqual({ command: 'ADV', trxid: 'LKT-1', params: { nominal: '200000', msn: '88888888888' } });
      expect(r.kind).toBe('success');
      if (r.kind !== 'success') return;
      expect(r.delivered.payRef).toBe('05062135116139A54A95CCC549DDA94C');
      expect(r.delivered.adviceRef).toBe('051158BB9F2741AB893DCE972396DB59');
      expect(r.delivered.token).toBe('25930960810610721376');
    }
  });

  it('ADV with a PAYREF sends refnum', async () => {
    const { client, sent } = clientAnswering(() => answer(fixture('adv-success.xml')));
    await client.advise({ ...adviceRequest, payRef: '05062135116139A54A95CCC549DDA94C' });
    expect(sent[0]!.params).toEqual({ nominal: '200000', refnum: '05062135116139A54A95CCC549DDA94C' });
  });

  it('ADV 0096 is NOT-FOUND (uncertain); an advice that never left changes nothing', async () => {
    for (const name of ['adv-error-0096.xml', 'adv-nopayref-error-0096.xml']) {
      const { client } = clientAnswering(() => answer(fixture(name)));
      expect(await client.advise(adviceRequest)).toMatchObject({ kind: 'uncertain', notFound: true });
    }
    const { client } = clientAnswering(() => ({ kind: 'not_sent', detail: 'dns' }));
    expect(await client.advise(adviceRequest)).toMatchObject({ kind: 'uncertain', notFound: false, acknowledged: false });
  });

  it('an answer with neither status nor rc is unreadable: uncertain on PAY, a failure on INQ', async () => {
    const { client } = clientAnswering(() => answer('<root><foo>bar</foo></root>'));
    expect((await client.purchase(payRequest)).kind).toBe('uncertain');
    const inq = await client.inquirePln({ ref: 'I', customerNumber: '88888888888', providerProduct: 'pln-token' });
    expect(inq.ok).toBe(false);
  });
});
