import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { groupsToConfirm, readRecoveryKey, recoveryGroups, recoveryKeyOf, RECOVERY_GROUPS } from '../../electron/secrets/recovery-key';

describe('recovery key', () => {
  it('round-trips any vault key through 14 groups of 4, forgiving case, spaces and look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(32);
      const text = recoveryKeyOf(key);
      expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(recoveryGroups(text)).toHaveLength(RECOVERY_GROUPS);
      const typed = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
      expect(readRecoveryKey(typed)).toEqual({ ok: true, key });
    }
  });

  it('a typo is caught by the checksum; a wrong length and a foreign letter are said', () => {
    const text = recoveryKeyOf(Buffer.alloc(32, 5));
    const typo = (text[0] === '2' ? '3' : '2') + text.slice(1);
    expect(readRecoveryKey(typo)).toMatchObject({ ok: false, problem: 'checksum' });
    expect(readRecoveryKey(text.slice(0, -5))).toMatchObject({ ok: false, problem: 'length' });
    expect(readRecoveryKey(`U${text.slice(1)}`)).toMatchObject({ ok: false, problem: 'character' });
  });

  it('asks for two different groups', () => {
    for (let i = 0; i < 100; i++) {
      const [a, b] = groupsToConfirm();
      expect(a).toBeLessThan(b);
      expect(a).toBeGreaterThanOrEqual(1);
      expect(b).toBeLessThanOrEqual(RECOVERY_GROUPS);
    }
  });
});
