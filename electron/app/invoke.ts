// The one wrapper every call goes through, in both hosts: parse the request with the contract,
// run the handler, check the response, and never let an exception cross the boundary.
import { contract, type ParsedReq, type Res, type CallResult } from '../../shared/contract';
import { CALL_NAMES, type CallName } from '../../shared/contract-names';
import type { Result } from '../../shared/domain/errors';
import type { Logger } from '../log/logger';

export type Handler<N extends CallName> = (request: ParsedReq<N>) => Promise<Result<Res<N>>> | Result<Res<N>>;
export type HandlerTable = { [N in CallName]: Handler<N> };

export function isCallName(name: string): name is CallName {
  return (CALL_NAMES as readonly string[]).includes(name);
}

export async function invokeCall(
  handlers: HandlerTable,
  name: CallName,
  rawRequest: unknown,
  log: Logger,
): Promise<CallResult<unknown>> {
  const entry = contract[name];
  const parsed = entry.request.safeParse(rawRequest ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'invalid_request', message: 'Permintaan tidak valid.', detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
    };
  }
  try {
    const handler = handlers[name] as (req: unknown) => Promise<Result<unknown>> | Result<unknown>;
    const result = await handler(parsed.data);
    if (!result.ok) return result;
    const checked = entry.response.safeParse(result.value);
    if (!checked.success) {
      log.error('call.bad_response', { name, issues: checked.error.issues.slice(0, 5) });
      return { ok: false, error: { code: 'internal', message: 'Terjadi kesalahan di aplikasi.', detail: `response of ${name} failed validation` } };
    }
    return { ok: true, value: checked.data };
  } catch (e) {
    log.error('call.threw', { name, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return { ok: false, error: { code: 'internal', message: 'Terjadi kesalahan di aplikasi.', detail: e instanceof Error ? e.message : String(e) } };
  }
}
