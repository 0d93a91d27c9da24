// Helpers every settings module shares: a JSON setting read back through its schema (a value that
// no longer fits falls back to the default rather than crashing the counter), and the rule that
// provider traffic goes over HTTPS (loopback excepted, for the simulators of `npm run sim`).
import type { z } from 'zod';
import { appError, type AppError } from '../../../shared/domain/errors';
import type { Ledger } from '../../db/connection';
import { readSetting } from '../../db/queries/settings';

export function readJson<T>(db: Ledger, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = readSetting(db, key);
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What is wrong with a provider address: not a URL, or not https:// (http:// is fine on loopback). */
export function httpsProblem(value: string): 'invalid' | 'not_https' | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'invalid';
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return null;
  return 'not_https';
}

/** The same, as the error the owner sees; `what` names the address. */
export function checkHttpsUrl(value: string, what: string, example: string): AppError | null {
  const problem = httpsProblem(value);
  if (problem === null) return null;
  return appError('settings_invalid', problem === 'invalid' ? `Alamat ${what} tidak valid (contoh: ${example}).` : `Alamat ${what} harus memakai https://.`, value);
}
