import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maskSecret, maskText, maskToken } from '../../electron/log/mask';
import { createLogger } from '../../electron/log/logger';

describe('masking', () => {
  it('hides tokens, card numbers, hc and registered secrets', () => {
    const line = maskText('token 2593-0960-8106-1072-1376 card 4111111111111111 url ?cid=A&hc=abcdef0123 key s3cr3t-value', ['s3cr3t-value']);
    expect(line).not.toContain('2593-0960');
    expect(line).toContain('****-****-****-****-1376');
    expect(line).not.toContain('4111111111111111');
    expect(line).toContain('411111******1111');
    expect(line).toContain('hc=***');
    expect(line).not.toContain('s3cr3t-value');
  });
  it('leaves meter numbers, IDPEL and timestamps alone', () => {
    expect(maskText('meter 14233784991 idpel 532110000060 at 1795361166962')).toBe('meter 14233784991 idpel 532110000060 at 1795361166962');
  });
  it('masks for display', () => {
    expect(maskToken('25930960810610721376')).toBe('**** **** **** **** 1376');
    expect(maskSecret('abcdefghijklmnop')).toBe('••••••••mnop');
    expect(maskSecret('abc')).toBe('••••••••');
  });
  it('the logger never writes a secret or a token to disk', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loket-log-'));
    const log = createLogger({ dir });
    log.addSecret('very-secret-key');
    log.child('vsi').info('x', { url: 'https://v/?hc=deadbeef&secret=very-secret-key', token: '25930960810610721376' });
    const content = readFileSync(path.join(dir, readdirSync(dir)[0]!), 'utf8');
    expect(content).not.toContain('very-secret-key');
    expect(content).not.toContain('25930960810610721376');
    expect(content).not.toContain('deadbeef');
    expect(JSON.parse(content).scope).toBe('vsi');
  });
});
