import type { Locale } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { id, type Messages } from './id';
import { en } from './en';

const catalogues: Record<Locale, Messages> = { id, en };

export type Translate = (key: string, params?: Record<string, string | number>) => string;

function lookup(messages: Messages, key: string): string | null {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : null;
}

export function translator(locale: Locale): Translate {
  const messages = catalogues[locale];
  return (key, params) => {
    const text = lookup(messages, key) ?? lookup(id, key) ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : text;
  };
}

/**
 * An error in the cashier's language. The core writes its messages in Indonesian and they are the
 * most specific (which receipt blocks the meter, which limit was hit), so Indonesian shows them;
 * other languages show the catalogue's text for the error's code.
 */
export function errorText(t: Translate, locale: Locale, error: AppError): string {
  if (locale === 'id' && error.message) return error.message;
  const known = t(`error.${error.code}`);
  return known === `error.${error.code}` ? error.message : known;
}

export function hasKey(locale: Locale, key: string): boolean {
  return lookup(catalogues[locale], key) !== null;
}
