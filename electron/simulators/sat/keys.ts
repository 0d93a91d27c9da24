// The simulator's key pairs: SAT's own (it signs status answers and callbacks) and the partner's
// (the simulator verifies checkouts with its public half and hands the private half to the
// client, as the Tokopedia console does). Persisted with the state so training survives restarts.
import { constants, generateKeyPairSync, sign, verify, createPrivateKey, createPublicKey } from 'node:crypto';

export type SimKeys = { satPrivatePem: string; satPublicPem: string; partnerPrivatePem: string; partnerPublicPem: string };

export function generateSimKeys(): SimKeys {
  const pair = (): { privatePem: string; publicPem: string } => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  };
  const sat = pair();
  const partner = pair();
  return { satPrivatePem: sat.privatePem, satPublicPem: sat.publicPem, partnerPrivatePem: partner.privatePem, partnerPublicPem: partner.publicPem };
}

/** Status answers and callbacks: PSS with the maximum salt, which every SAT SDK accepts. */
export function satSign(body: Buffer, privatePem: string): string {
  return sign('sha256', body, { key: createPrivateKey(privatePem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN }).toString('base64');
}

/** Checkouts: salt auto-detected (the Node SDK signs with 32, the others with 222), or PKCS#1 v1.5. */
export function partnerSignatureValid(body: Buffer, signatureBase64: string, publicPem: string): boolean {
  const key = createPublicKey(publicPem);
  const sig = Buffer.from(signatureBase64, 'base64');
  try {
    if (verify('sha256', body, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig)) return true;
    return verify('sha256', body, { key, padding: constants.RSA_PKCS1_PADDING }, sig);
  } catch {
    return false;
  }
}
