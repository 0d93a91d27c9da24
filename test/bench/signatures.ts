// SAT signatures: Loket's sign (checkout) + verify (status answer) against Node's crypto alone with
// the same parameters, interleaved in rounds. The difference is Loket's own wrapping: base64 shape
// check, encoding, error capture.
import { constants, generateKeyPairSync, sign, verify } from 'node:crypto';
import { signPss, verifyPss } from '../../electron/providers/sat/signing';
import { median, timeIt } from './stats';

export type SignatureResult = { loketPerSecond: number; nodePerSecond: number; ratio: number; pairs: number };

export async function benchSignatures(pairs: number, rounds = 5): Promise<SignatureResult> {
  const partner = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const sat = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const checkout = Buffer.from(JSON.stringify({ data: { type: 'order', id: 'LKT-01JD0000000000000000000000', attributes: { product_code: 'pln-postpaid', client_number: '532110000060', amount: 233_300 } } }));
  const status = Buffer.from(JSON.stringify({
    data: {
      type: 'order',
      id: 'LKT-01JD0000000000000000000000',
      attributes: {
        client_number: '532110000060', error_code: '', error_detail: '', fields: null, fulfilled_at: '2026-11-22T07:05:09Z', partner_fee: 0,
        product_code: 'pln-postpaid', sales_price: 233_300, serial_number: '966439720349', status: 'Success', voucher_code: '',
        fulfillment_result: [{ name: 'IDPEL', value: '532110000060' }, { name: 'Nama', value: 'RIN* WULAND***' }, { name: 'BL/TH', value: 'OKT26' }, { name: 'RP TAG PLN', value: 'Rp 230.800' }],
      },
    },
  }));
  const satSignature = signPss(status, sat.privateKey);
  const satSignatureBytes = Buffer.from(satSignature, 'base64');

  const loket = (): void => {
    signPss(checkout, partner.privateKey);
    if (!verifyPss(status, satSignature, sat.publicKey)) throw new Error('verify failed');
  };
  const node = (): void => {
    sign('sha256', checkout, { key: partner.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN });
    if (!verify('sha256', status, { key: sat.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, satSignatureBytes)) throw new Error('verify failed');
  };
  for (let i = 0; i < 20; i++) {
    loket();
    node();
  }
  const per = Math.max(1, Math.floor(pairs / rounds));
  const l: number[] = [];
  const n: number[] = [];
  for (let r = 0; r < rounds; r++) {
    n.push(await timeIt(() => {
      for (let i = 0; i < per; i++) node();
    }));
    l.push(await timeIt(() => {
      for (let i = 0; i < per; i++) loket();
    }));
  }
  const loketPerSecond = (per * 1000) / median(l);
  const nodePerSecond = (per * 1000) / median(n);
  return { loketPerSecond, nodePerSecond, ratio: nodePerSecond / loketPerSecond, pairs: per * rounds };
}
