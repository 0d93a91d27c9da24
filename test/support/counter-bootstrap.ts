// Tests and benchmarks sell as the owner in an open shift, as a counter does after signing in.
import type { CallName } from '../../shared/contract-names';
import type { CallResult } from '../../shared/contract';

export const TEST_OWNER = { name: 'Pemilik', pin: '1234' };

type Raw = (name: CallName, req: unknown) => Promise<CallResult<unknown>>;

export async function signInAndOpenShift(raw: Raw): Promise<void> {
  const status = await raw('counter.status', {});
  if (!status.ok) throw new Error(`counter.status: ${status.error.message}`);
  const s = status.value as { needsOwner: boolean; shift: unknown };
  const signed = await raw(s.needsOwner ? 'counter.setupOwner' : 'counter.signIn', TEST_OWNER);
  if (!signed.ok) throw new Error(`sign-in: ${signed.error.message}`);
  if ((signed.value as { shift: unknown }).shift === null) {
    const opened = await raw('shift.open', { openingFloat: 0 });
    if (!opened.ok) throw new Error(`shift.open: ${opened.error.message}`);
  }
}
