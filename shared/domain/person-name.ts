// A person's name at the counter is what a supervisor reads and types in a hurry, what the audit
// records and what the Z report prints. Two accounts must never look alike, and a name must not
// hide characters that reorder or vanish on screen (bidi controls, zero-width joiners), so a new
// name is normalised (NFC, single spaces) and limited to Latin letters — Indonesian names are
// written in Latin script — digits, spaces and . ' -. Signing in only normalises, so an account
// made before these rules still signs in.

/** Bidi embeddings, overrides and isolates, marks that change direction, zero-width characters, BOM. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD\u180E]/u;
const CONTROL = /[\p{Cc}\p{Cs}]/u;
const ALLOWED = /^[\p{Script=Latin}\p{Mn}0-9 .'-]+$/u;

export const NAME_MIN = 2;
export const NAME_MAX = 40;

/** NFC, trimmed, inner whitespace collapsed to one space: the form stored and compared. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export type NameProblem = 'length' | 'invisible' | 'characters';

/** Why a new account's name cannot be used, or null. */
export function newNameProblem(name: string): NameProblem | null {
  const n = normalizeName(name);
  const length = [...n].length;
  if (length < NAME_MIN || length > NAME_MAX) return 'length';
  if (INVISIBLE.test(n) || CONTROL.test(n)) return 'invisible';
  if (!ALLOWED.test(n) || !/[\p{L}]/u.test(n)) return 'characters';
  return null;
}

export const NAME_PROBLEM_TEXT: Record<NameProblem, string> = {
  length: `Nama ${NAME_MIN} sampai ${NAME_MAX} huruf.`,
  invisible: 'Nama berisi karakter tersembunyi (pengatur arah atau tanpa lebar). Ketik ulang namanya.',
  characters: "Nama hanya huruf Latin, angka, spasi, titik, tanda kutip (') dan tanda minus.",
};

/**
 * What a name looks like to a person: accents dropped, case folded, the characters that read alike
 * (0/o, 1/l/i, rn/m) made one. Two accounts with one skeleton would be confused at the counter.
 */
export function nameSkeleton(name: string): string {
  return normalizeName(name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/rn/g, 'm')
    .replace(/[0o]/g, 'o')
    .replace(/[1li|]/g, 'l')
    .replace(/[.'\-\s]/g, '');
}
