// SAT's callbacks (sat.md §4.7): POST of the final order, signed like a status answer. A callback
// is only a hint: once its signature checks out, Loket asks SAT for the order's status itself
// ("pull-confirm"), so a replayed, late or out-of-order callback can change nothing.
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { verifyPss } from './signing';

const CallbackBody = z.object({ data: z.object({ type: z.literal('order'), id: z.string().min(1) }) });

export type CallbackReading = { ok: true; requestId: string } | { ok: false; status: 400; message: 'INVALID_SIGNATURE' | 'INVALID_PAYLOAD' };

/** Reads a callback as received (raw bytes, its `signature` header) against SAT's public key. */
export function satCallbackReader(satPublicKeyPem: string): (raw: Buffer, signature: string | undefined) => CallbackReading {
  const key = createPublicKey(satPublicKeyPem);
  return (raw, signature) => {
    if (!signature || !verifyPss(raw, signature, key)) return { ok: false, status: 400, message: 'INVALID_SIGNATURE' };
    let parsed: ReturnType<typeof CallbackBody.safeParse>;
    try {
      parsed = CallbackBody.safeParse(JSON.parse(raw.toString('utf8')));
    } catch {
      return { ok: false, status: 400, message: 'INVALID_PAYLOAD' };
    }
    return parsed.success ? { ok: true, requestId: parsed.data.data.id } : { ok: false, status: 400, message: 'INVALID_PAYLOAD' };
  };
}
