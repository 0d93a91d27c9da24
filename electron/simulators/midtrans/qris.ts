// A QRIS payload as Midtrans returns it in `qr_string` (EMVCo merchant-presented QR, dynamic, with
// the amount): tag-length-value fields closed by a CRC-16/CCITT-FALSE over everything before it.
// Any QR scanner reads it; only the simulator's control plane "pays" it.

function tlv(tag: string, value: string): string {
  return `${tag}${String(value.length).padStart(2, '0')}${value}`;
}

export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

export function qrisPayload(p: { merchantName: string; city: string; amount: number; reference: string; acquirer: string }): string {
  const body =
    tlv('00', '01') +
    tlv('01', '12') +
    tlv('26', tlv('00', p.acquirer === 'airpay shopee' ? 'ID.CO.SHOPEE.WWW' : 'COM.GO-JEK.WWW') + tlv('01', '936009140000000000') + tlv('03', 'UMI')) +
    tlv('51', tlv('00', 'ID.CO.QRIS.WWW') + tlv('02', 'ID1020000000001') + tlv('03', 'UMI')) +
    tlv('52', '5999') +
    tlv('53', '360') +
    tlv('54', String(p.amount)) +
    tlv('58', 'ID') +
    tlv('59', p.merchantName.slice(0, 25)) +
    tlv('60', p.city.slice(0, 15)) +
    tlv('62', tlv('05', p.reference.slice(0, 25)));
  const withCrcTag = `${body}6304`;
  return withCrcTag + crc16(withCrcTag);
}
