// What a Worldline request or response may show in a log line (worldline.md §5.2): the SDKs'
// default rules by property name, at any depth, plus what a POS adds and the SDKs forget —
// track 2, PIN blocks, EMV values. Authorization headers become exactly eight asterisks.
type Rule = (value: string) => string;

const all: Rule = (v) => '*'.repeat(v.length);
const keepLast = (n: number): Rule => (v) => (v.length <= n ? v : '*'.repeat(v.length - n) + v.slice(-n));
const keepFirst = (n: number): Rule => (v) => (v.length <= n ? v : v.slice(0, n) + '*'.repeat(v.length - n));

const RULES: Record<string, Rule> = {
  cardNumber: keepLast(4),
  expiryDate: keepLast(4),
  cardSecurityCode: all,
  bin: keepFirst(6),
  authenticationValue: keepFirst(4),
  cryptogram: keepFirst(4),
  paymentAccountReference: keepFirst(6),
  address: all,
  cardholderAddress: all,
  cardholderPostalCode: all,
  city: all,
  name: all,
  postalCode: all,
  stateCode: all,
  // A point of sale's additions.
  track2Data: all,
  encryptedPinBlock: all,
  keySerialNumber: all,
  pinEncryptionData: all,
};

/** EMV tags that carry the PAN or track data (57 track 2 equivalent, 5A PAN). */
const EMV_SECRET_TAGS = new Set(['57', '5A', '5a', '9F6B', '9f6b']);

function walk(value: unknown, key: string | null): unknown {
  if (Array.isArray(value)) return value.map((v) => walk(v, key));
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (key === 'emvData' || (typeof o.tag === 'string' && EMV_SECRET_TAGS.has(o.tag))) {
      return { ...o, ...(typeof o.value === 'string' ? { value: all(o.value) } : {}) };
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v, k)]));
  }
  const rule = key === null ? undefined : RULES[key];
  if (rule && value !== null && value !== undefined && value !== '') return rule(String(value));
  return value;
}

export function obfuscateBody(body: unknown): unknown {
  return walk(body, null);
}

const SECRET_HEADERS = new Set(['authorization', 'www-authenticate', 'proxy-authenticate', 'proxy-authorization']);

export function obfuscateHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '********' : v]));
}
