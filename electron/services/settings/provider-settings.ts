// Production settings of a provider whose descriptor describes them (issue 14): its fields in one
// settings row, its secrets in the vault bound to the fields that decide where they go, masks for
// display. One form for any such provider — the descriptor is the form's schema.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { ProviderSettingsView } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/queries/settings';
import type { Vault } from '../../secrets/vault';
import type { ProviderSettingsSpec } from '../../providers/descriptor';
import { maskSecret } from '../../log/mask';
import { z } from 'zod';
import { checkHttpsUrl, readJson } from './stored';
import { binding, checkSecretDestination, LOCAL_ONLY } from './secret-bindings';

export type SettingsOf = { name: string; displayName: string; settings: ProviderSettingsSpec };

const StringRecord = z.record(z.string(), z.string());
const maskKey = (spec: ProviderSettingsSpec, field: string): string => `${spec.key}.${field}Mask`;

/** Where a secret may be sent, for the fields as they are (or are about to be) saved. */
export function secretBinding(boundTo: readonly string[] | 'local', fields: Record<string, string>): string {
  return boundTo === 'local' ? LOCAL_ONLY : binding(Object.fromEntries(boundTo.map((f) => [f, fields[f] ?? ''])));
}

export function providerSettingsView(db: Ledger, vault: Vault, p: SettingsOf): ProviderSettingsView {
  const stored = readJson(db, p.settings.key, StringRecord, {});
  return {
    name: p.name,
    displayName: p.displayName,
    fields: p.settings.fields.map((f) => ({ name: f.name, label: f.label, kind: f.kind, choices: [...(f.choices ?? [])], required: f.required, value: stored[f.name] ?? f.choices?.[0] ?? '' })),
    secrets: p.settings.secrets.map((s) => ({
      field: s.field,
      label: s.label,
      required: s.required,
      masked: vault.has(s.vaultName) ? (readSetting(db, maskKey(p.settings, s.field)) ?? '••••••••') : '',
    })),
  };
}

export async function saveProviderSettings(
  db: Ledger,
  vault: Vault,
  now: () => number,
  p: SettingsOf,
  input: { fields: Record<string, string>; secrets: Record<string, string> },
): Promise<Result<void>> {
  const fields: Record<string, string> = {};
  for (const f of p.settings.fields) {
    const value = (input.fields[f.name] ?? '').trim();
    if (f.kind === 'url' && value !== '') {
      const bad = checkHttpsUrl(value, f.label.replace(/^Alamat\s+/i, ''), 'https://…');
      if (bad) return err(bad);
    }
    if (f.kind === 'choice' && value !== '' && !(f.choices ?? []).includes(value)) {
      return err(appError('settings_invalid', `${f.label}: pilih salah satu dari ${(f.choices ?? []).join(', ')}.`));
    }
    if (f.kind === 'text' && !/^[\w.@-]{0,80}$/.test(value)) {
      return err(appError('settings_invalid', `${f.label} hanya boleh huruf, angka, titik, @, garis bawah dan tanda minus.`));
    }
    fields[f.name] = value;
  }
  // Every secret first: none is stored unless all may be (a changed address needs its secret again).
  for (const s of p.settings.secrets) {
    const allowed = checkSecretDestination(vault, s.vaultName, secretBinding(s.boundTo, fields), input.secrets[s.field] || undefined, p.displayName);
    if (!allowed.ok) return allowed;
  }
  for (const s of p.settings.secrets) {
    const value = input.secrets[s.field];
    if (!value) continue;
    const stored = await vault.store(s.vaultName, value, secretBinding(s.boundTo, fields));
    if (!stored.ok) return err(appError('vault_locked', 'Brankas kredensial terkunci; secret tidak disimpan.', stored.reason));
    writeSetting(db, maskKey(p.settings, s.field), maskSecret(value), now());
  }
  writeSetting(db, p.settings.key, JSON.stringify(fields), now());
  return ok(undefined);
}
