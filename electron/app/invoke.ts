// The one wrapper every call goes through, in both hosts: parse the request with the contract,
// run the handler for the caller's session, check the response, and never let an exception cross
// the boundary. What the renderer reads of an error is for the cashier: a code, a message in
// their language, and a detail that never carries internals (SQL, stack, paths) — those go to the
// log under a reference the detail names.
import { ok, err } from '../../shared/domain/errors';
import { randomBytes } from 'node:crypto';
import { contract, type ParsedReq, type Res, type CallResult } from '../../shared/contract';
import { CALL_NAMES, type CallName } from '../../shared/contract-names';
import type { Result } from '../../shared/domain/errors';
import type { Logger } from '../log/logger';
import type { SessionId } from '../services/counter/counter-service';
import { badTextPath } from './text-guard';

/** Who is calling: the host's session (a browser with its cookie, the Electron window). */
export type Caller = { session: SessionId };

export type Handler<N extends CallName> = (request: ParsedReq<N>, caller: Caller) => Promise<Result<Res<N>>> | Result<Res<N>>;
export type HandlerTable = { [N in CallName]: Handler<N> };

export function isCallName(name: string): name is CallName {
  return (CALL_NAMES as readonly string[]).includes(name);
}

const INVALID = 'Permintaan tidak valid.';

export async function invokeCall(
  handlers: HandlerTable,
  name: CallName,
  rawRequest: unknown,
  log: Logger,
  caller: Caller,
): Promise<CallResult<unknown>> {
  const entry = contract[name];
  const badText = badTextPath(rawRequest);
  if (badText !== null) {
    return err({ code: 'invalid_request', message: 'Teks berisi karakter yang tidak bisa dipakai (karakter kendali atau rusak). Ketik ulang.', detail: `field ${badText}` });
  }
  const parsed = entry.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    // A rule written for people (a refine's message) says what to fix; the schema's own words do not.
    const forPeople = parsed.error.issues.find((i) => i.code === 'custom');
    return {
      ok: false,
      error: { code: 'invalid_request', message: forPeople?.message ?? INVALID, detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ') },
    };
  }
  try {
    const handler = handlers[name] as (req: unknown, caller: Caller) => Promise<Result<unknown>> | Result<unknown>;
    const result = await handler(parsed.data, caller);
    if (!result.ok) return result;
    const checked = entry.response.safeParse(result.value);
    if (!checked.success) {
      log.error('call.bad_response', { name, issues: checked.error.issues.slice(0, 5) });
      return err({ code: 'internal', message: 'Terjadi kesalahan di aplikasi.', detail: `response of ${name} failed validation` });
    }
    return ok(checked.data);
  } catch (e) {
    const ref = randomBytes(4).toString('hex');
    log.error('call.threw', { name, ref, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return err({ code: 'internal', message: 'Terjadi kesalahan di aplikasi.', detail: `${name} failed; see the log, ref ${ref}` });
  }
}
