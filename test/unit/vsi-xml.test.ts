import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody, normaliseVsiXml, parseVsiXml } from '../../electron/providers/vsi/xml';
import { describeUnreadable } from '../../electron/providers/vsi/transport';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/vsi/${name}`, import.meta.url), 'utf8');

describe('VSI XML parsing (vsi.md §1.4)', () => {
  it('reads the seed inquiry answer with its doubled apostrophe and multi-line text', () => {
    const f = parseVsiXml(fixture('inq-success.xml'))!;
    expect(f.rc).toBe('0000');
    expect(f.nama).toBe("TestDu''mmyPanjang8855555");
    expect(f.refnum).toBe('D0EE65CAB0C04601878612867541EEA5');
    expect(f.adm).toBe('1600');
    expect(String(f.text).split('\n')[1]).toBe("TestDu''mmyP");
  });

  it('keeps codes and amounts as the exact strings received', () => {
    const f = parseVsiXml(fixture('pay-success.xml'))!;
    expect(f.rc).toBe('0000');
    expect(f.jmlkwh).toBe('352');
    expect(f.token).toBe('2593-0960-8106-1072-1376');
    expect(f.ppn).toBe('0');
  });

  it('repairs "< / root >" and the spaced declaration', () => {
    const text = fixture('post-inq-error-malformed.xml');
    expect(text).toContain('< / root >');
    const f = parseVsiXml(text)!;
    expect(f.rc).toBe('0014');
    expect(String(f.rcm)).toContain('[14] IDPEL YANG ANDA MASUKKAN SALAH');
  });

  it('reads one-line documents and rcm split across lines', () => {
    expect(parseVsiXml(fixture('adv-error-0096.xml'))!.rc).toBe('0096');
    const f = parseVsiXml(fixture('adv-nopayref-success.xml'))!;
    expect(String(f.rcm)).toMatch(/ke:88888888888\nrefnum:051158BB9F2741AB893DCE972396DB59/);
  });

  it('parses every seed fixture', () => {
    for (const name of [
      'inq-success.xml', 'inq-error-0014.xml', 'pay-success.xml', 'pay-error-0068.xml', 'adv-success.xml',
      'adv-error-0096.xml', 'autopay-error-0068.xml', 'adv-nopayref-success.xml', 'adv-nopayref-error-0096.xml',
      'post-inq-success.xml', 'post-inq-error-malformed.xml', 'post-pay-success.xml', 'post-pay-error-0088.xml',
    ]) {
      expect(parseVsiXml(fixture(name)), name).not.toBeNull();
    }
  });

  it('escapes a stray ampersand in a name instead of failing', () => {
    const f = parseVsiXml('<root><status>SUCCESS</status><rc>0000</rc><nama>PT A & B</nama></root>')!;
    expect(f.nama).toBe('PT A & B');
  });

  it('decodes entities', () => {
    expect(parseVsiXml('<root><nama>A &amp; B &lt;C&gt; &#39;x&#39;</nama></root>')!.nama).toBe("A & B <C> 'x'");
  });

  it('refuses plaintext, HTML and truncated documents', () => {
    expect(parseVsiXml('SUCCESS|0000|[0] PEMBAYARAN SUKSES')).toBeNull();
    expect(parseVsiXml('<html><head><title>502 Bad Gateway</title></head><body></body></html>')).toBeNull();
    const full = fixture('pay-success.xml');
    expect(parseVsiXml(full.slice(0, Math.floor(full.length / 2)))).toBeNull();
    expect(parseVsiXml('')).toBeNull();
  });

  it('names why an answer could not be read, the plaintext default included', () => {
    expect(describeUnreadable('SUCCESS|0000|[0] PEMBAYARAN SUKSES')).toMatch(/plaintext/);
    expect(describeUnreadable('<html><body>502</body></html>')).toMatch(/not a VSI document/);
    expect(describeUnreadable('<root><rc>00')).toMatch(/truncated/);
    expect(describeUnreadable('  ')).toBe('empty body');
  });

  it('normalises without touching values', () => {
    expect(normaliseVsiXml('\ufeff<?xml version = "1.0"?>\n< root ><a>x y</a>< / root >')).toBe('<root><a>x y</a></root>');
  });

  it('falls back to latin1 when the body is not UTF-8', () => {
    const latin1 = Buffer.from('<root><nama>JOS\xC9</nama></root>', 'latin1');
    const d = decodeBody(latin1);
    expect(d.latin1).toBe(true);
    expect(parseVsiXml(d.text)!.nama).toBe('JOSÉ');
    expect(decodeBody(Buffer.from('<root/>')).latin1).toBe(false);
  });
});
