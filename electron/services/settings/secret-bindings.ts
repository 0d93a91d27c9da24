// Where each stored secret may be sent. A secret is sealed together with the destination it was
// entered for (secrets/vault.ts); the settings screens refuse a new address, token address,
// environment or client id unless the secret is typed again, and the provider clients ask the
// vault for the secret *for the address they are about to call*. So no secret leaves for a host
// it was not given for, even if the settings row is edited behind Loket's back.
import { ok, appError, type Result } from '../../../shared/domain/errors';
import type { Vault } from '../../secrets/vault';

/** The fields that decide where a secret goes, as one canonical text (key order fixed). */
export function binding(fields: Record<string, string>): string {
  return JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k]]));
}

export const vsiBinding = (c: { baseUrl: string; clientId: string }): string => binding({ baseUrl: c.baseUrl, clientId: c.clientId });
export const satBinding = (c: { baseUrl: string; tokenUrl: string; clientId: string }): string =>
  binding({ baseUrl: c.baseUrl, tokenUrl: c.tokenUrl, clientId: c.clientId });
export const midtransBinding = (c: { environment: string; baseUrl: string }): string => binding({ environment: c.environment, baseUrl: c.baseUrl });
export const worldlineBinding = (c: { apiUrl: string; tokenUrl: string; clientId: string }): string =>
  binding({ apiUrl: c.apiUrl, tokenUrl: c.tokenUrl, clientId: c.clientId });
export const chainsideBinding = (c: { environment: string; baseUrl: string; clientId: string }): string =>
  binding({ environment: c.environment, baseUrl: c.baseUrl, clientId: c.clientId });
/** SAT's signing keys never leave the machine: they sign here, whoever the request goes to. */
export const LOCAL_ONLY = binding({ use: 'local signing only' });

/**
 * Whether settings that send `name` to `next` may be saved: with a new secret (stored for `next`),
 * or when the stored one was entered for the same place. A changed destination without the
 * secret is refused, and says why.
 */
export function checkSecretDestination(vault: Vault, name: string, next: string, newSecret: string | undefined, what: string): Result<void> {
  if (newSecret) return ok(undefined);
  const bound = vault.boundTo(name);
  if (bound === undefined || bound === next) return ok(undefined);
  return {
    ok: false,
    error: appError(
      'settings_invalid',
      `Alamat, lingkungan atau client ID ${what} berubah: masukkan secret-nya lagi. Secret yang tersimpan hanya dikirim ke alamat tempat ia dimasukkan.`,
      `${name} is bound to another destination`,
    ),
  };
}

/** A secret the vault will not give for where the settings now point (see checkSecretDestination). */
export function elsewhereError(what: string): ReturnType<typeof appError> {
  return appError('provider_config', `Secret ${what} dimasukkan untuk alamat lain. Masukkan lagi di Pengaturan.`);
}
