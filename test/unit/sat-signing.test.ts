import { constants, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKeys, fingerprint, signPss, verifyPss } from '../../electron/providers/sat/signing';

const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const partner = pair();
const sat = pair();
const pem = (k: ReturnType<typeof pair>) => ({
  priv: k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  pub: k.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
});
const body = Buffer.from('{"data":{"type":"order","id":"LKT-1","attributes":{"product_code":"25k-xl","client_number":"0812"}}}');

describe('SAT signatures (sat.md §3)', () => {
  it('we sign with the maximum salt, which a fixed-222 verifier (the Python SDK) accepts', () => {
    const sig = Buffer.from(signPss(body, partner.privateKey), 'base64');
    expect(verify('sha256', body, { key: partner.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 222 }, sig)).toBe(true);
  });

  it('we verify both salt lengths SAT SDKs use (32 from Node, 222 from the others)', () => {
    for (const saltLength of [32, 222]) {
      const sig = sign('sha256', body, { key: sat.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }).toString('base64');
      expect(verifyPss(body, sig, sat.publicKey), `salt ${saltLength}`).toBe(true);
    }
  });

  it('the signature covers the exact bytes: one more space, or a trailing newline, fails', () => {
    const sig = signPss(body, sat.privateKey);
    expect(verifyPss(body, sig, sat.publicKey)).toBe(true);
    expect(verifyPss(Buffer.concat([body, Buffer.from('\n')]), sig, sat.publicKey)).toBe(false);
    expect(verifyPss(Buffer.from(body.toString().replace(':"0812"', ': "0812"')), sig, sat.publicKey)).toBe(false);
    expect(verifyPss(body, sig, partner.publicKey)).toBe(false);
    expect(verifyPss(body, 'not base64!', sat.publicKey)).toBe(false);
    expect(verifyPss(body, '', sat.publicKey)).toBe(false);
  });

  it('PSS is randomised: the same body signs differently each time', () => {
    expect(signPss(body, partner.privateKey)).not.toBe(signPss(body, partner.privateKey));
  });

  it('pasted keys: clear messages for the usual mistakes', () => {
    const p = pem(partner);
    const s = pem(sat);
    expect(checkKeys(p.priv, s.pub).ok).toBe(true);
    const swapped = checkKeys(p.pub, null);
    expect(swapped.ok === false && swapped.message).toMatch(/kunci PUBLIK/);
    const leaked = checkKeys(null, s.priv);
    expect(leaked.ok === false && leaked.message).toMatch(/kunci PRIVAT/);
    const own = checkKeys(p.priv, p.pub);
    expect(own.ok === false && own.message).toMatch(/milik Anda sendiri/);
    const junk = checkKeys('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----', null);
    expect(junk.ok === false && junk.message).toMatch(/bukan PEM/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(checkKeys(ec, null).ok).toBe(false);
  });

  it('a fingerprint identifies a key pair without revealing it', () => {
    expect(fingerprint(partner.privateKey)).toBe(fingerprint(partner.publicKey));
    expect(fingerprint(partner.publicKey)).not.toBe(fingerprint(sat.publicKey));
    expect(fingerprint(sat.publicKey)).toMatch(/^SHA256:[0-9a-f]{4}(:[0-9a-f]{4}){7}$/);
  });
});
