// SAT signatures (sat.md §3): RSA-PSS, SHA-256, MGF1-SHA-256, standard base64, over raw bytes.
import { constants, createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** Maximum salt when signing: emLen − hLen − 2 (222 for 2048-bit keys), what SAT's Python SDK requires. */
export function signPss(body: Buffer, privateKey: KeyObject): string {
  return sign('sha256', body, {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN,
  }).toString('base64');
}

/** Salt length auto-detected: SAT's own SDKs disagree (Node 32, the others 222). */
export function verifyPss(body: Buffer, signatureBase64: string, publicKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64)) return false;
  try {
    return verify(
      'sha256',
      body,
      { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

/** SHA-256 of the public key (SPKI DER), shown to the owner instead of the key. */
export function fingerprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const hex = createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
  return `SHA256:${hex.slice(0, 32).replace(/(.{4})(?=.)/g, '$1:')}`;
}

export type KeyCheck =
  | { ok: true; privateKey: KeyObject | null; satPublicKey: KeyObject | null }
  | { ok: false; message: string; detail: string };

/**
 * The owner pastes two PEMs: the partner's private key (ours, to sign) and SAT's public key (to
 * verify SAT). The usual mistakes get their own message: a public key where the private one
 * belongs, or our own public key where SAT's belongs.
 */
export function checkKeys(privateKeyPem: string | null, satPublicKeyPem: string | null): KeyCheck {
  let privateKey: KeyObject | null = null;
  let satPublicKey: KeyObject | null = null;
  if (privateKeyPem) {
    if (/BEGIN (RSA )?PUBLIC KEY/.test(privateKeyPem)) {
      return { ok: false, message: 'Yang ditempel di kolom kunci privat adalah kunci PUBLIK. Tempel kunci privat mitra (BEGIN PRIVATE KEY).', detail: 'public key in private slot' };
    }
    try {
      privateKey = createPrivateKey(privateKeyPem);
    } catch (e) {
      return { ok: false, message: 'Kunci privat bukan PEM yang valid.', detail: String(e) };
    }
    if (privateKey.asymmetricKeyType !== 'rsa') return { ok: false, message: 'Kunci privat harus RSA.', detail: String(privateKey.asymmetricKeyType) };
  }
  if (satPublicKeyPem) {
    if (/BEGIN (RSA |ENCRYPTED )?PRIVATE KEY/.test(satPublicKeyPem)) {
      return { ok: false, message: 'Yang ditempel di kolom kunci publik SAT adalah kunci PRIVAT. Jangan bagikan kunci privat; tempel kunci publik SAT.', detail: 'private key in public slot' };
    }
    try {
      satPublicKey = createPublicKey(satPublicKeyPem);
    } catch (e) {
      return { ok: false, message: 'Kunci publik SAT bukan PEM yang valid.', detail: String(e) };
    }
    if (satPublicKey.asymmetricKeyType !== 'rsa') return { ok: false, message: 'Kunci publik SAT harus RSA.', detail: String(satPublicKey.asymmetricKeyType) };
  }
  if (privateKey && satPublicKey && fingerprint(privateKey) === fingerprint(satPublicKey)) {
    return {
      ok: false,
      message: 'Kunci publik yang ditempel adalah milik Anda sendiri, bukan milik SAT. Minta kunci publik SAT dari Tokopedia Dev Console.',
      detail: 'own public key in the SAT slot',
    };
  }
  return { ok: true, privateKey, satPublicKey };
}
