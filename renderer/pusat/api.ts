// The owner's page talks only to its hub: the owner token rides in an HttpOnly cookie set when the
// printed link was opened, and every call carries a header a foreign page cannot send (CSRF).
import type { z } from 'zod';
import type { AppError, Result } from '../../shared/domain/errors';
import { downloadFile } from '../print';

export async function pusatCall<S extends z.ZodTypeAny>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<Result<z.infer<S>, AppError>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'x-pusat': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Loket Pusat tidak bisa dihubungi.' } };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (json as { error?: AppError } | null)?.error;
    return { ok: false, error: e ?? { code: 'internal', message: `Loket Pusat menjawab HTTP ${res.status}.` } };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: { code: 'internal', message: 'Jawaban Loket Pusat tidak terbaca.' } };
}

/** A PDF from the hub, saved by the browser under `fileName` (the owner's header rides along, so no plain link). */
export async function pusatPdf(path: string, fileName: string): Promise<Result<void, AppError>> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { 'x-pusat': '1' } });
  } catch {
    return { ok: false, error: { code: 'internal', message: 'Loket Pusat tidak bisa dihubungi.' } };
  }
  if (!res.ok || res.headers.get('content-type') !== 'application/pdf') {
    const e = ((await res.json().catch(() => null)) as { error?: AppError } | null)?.error;
    return { ok: false, error: e ?? { code: 'internal', message: `Laporan tidak bisa dibuat (HTTP ${res.status}).` } };
  }
  downloadFile(fileName, new Uint8Array(await res.arrayBuffer()), 'application/pdf');
  return { ok: true, value: undefined };
}
