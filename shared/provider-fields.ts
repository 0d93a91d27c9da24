// Extra inputs a product declares (issue 15 §2): SAT's `fields` — a game's zone id, a tax year —
// asked of the cashier, checked, and sent with the inquiry and the purchase as [{name, value}].
import { z } from 'zod';
import { appError, err, ok, type Result } from './domain/errors';

export const FieldSpec = z.object({
  name: z.string().min(1).max(40).regex(/^[A-Za-z0-9_.-]+$/),
  /** What the cashier is asked ("Zona ID", "Tahun pajak"); the name when the provider gives none. */
  label: z.string().min(1).max(60),
});
export type FieldSpec = z.infer<typeof FieldSpec>;

/** A value as entered; `label` rides along (from the product's spec) for the screen and the struk, never on the wire. */
export const FieldValue = z.object({ name: z.string().min(1).max(40), value: z.string().trim().max(100), label: z.string().max(60).optional() });
export type FieldValue = z.infer<typeof FieldValue>;

export const FieldValues = z.array(FieldValue).max(10);

/** The specs stored with a product; a row that cannot be read asks for nothing rather than failing the catalogue. */
export function readFieldSpecs(json: string | null | undefined): FieldSpec[] {
  try {
    const r = z.array(FieldSpec).safeParse(JSON.parse(json ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

/** The values a sale keeps (null: none). */
export function readFieldValues(json: string | null | undefined): FieldValue[] {
  try {
    const r = FieldValues.safeParse(JSON.parse(json ?? '[]'));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

/**
 * Every declared field filled in, nothing undeclared: the values in the product's order, ready to
 * send. The cashier is told, in words, which field is missing.
 */
export function checkFieldValues(specs: readonly FieldSpec[], values: readonly FieldValue[]): Result<FieldValue[]> {
  const known = new Set(specs.map((s) => s.name));
  const stray = values.find((v) => !known.has(v.name));
  if (stray) return err(appError('invalid_request', `Produk ini tidak meminta isian "${stray.name}".`));
  const out: FieldValue[] = [];
  for (const s of specs) {
    const v = values.find((x) => x.name === s.name)?.value.trim() ?? '';
    if (v === '') return err(appError('invalid_request', `Isi ${s.label} untuk produk ini.`));
    out.push({ name: s.name, value: v, label: s.label });
  }
  return ok(out);
}

/** What the cashier typed for a product's fields, as the core takes them (empty when it asks for none). */
export function fieldValuesOf(specs: readonly FieldSpec[], typed: Readonly<Record<string, string>>): FieldValue[] {
  return specs.map((s) => ({ name: s.name, value: (typed[s.name] ?? '').trim() }));
}
