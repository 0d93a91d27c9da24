// SAT's product list → Loket's catalogue. SAT publishes no product-code grammar (sat.md §7.6);
// what we read: `is_inquiry` marks bills, PLN token codes start with "pln-prepaid-token", and a
// prepaid nominal is written in the code ("25k-xl", "pln-prepaid-token-100k") or the name.
import type { CatalogProduct } from '../contract';
import type { ProductItem } from './schema';
import { FieldSpec } from '../../../shared/provider-fields';

type Item = ProductItem;

function nominal(code: string, name: string): number | null {
  const k = /(?:^|-)(\d+)(k|rb|jt|m)(?:-|$)/i.exec(code);
  if (k) return Number(k[1]) * (/^(jt|m)$/i.test(k[2]!) ? 1_000_000 : 1_000);
  const n = /(\d{1,3}(?:[.,]\d{3})+|\d{4,})/.exec(name);
  return n ? Number(n[1]!.replace(/[.,]/g, '')) : null;
}

const CATEGORY_BY_PREFIX: ReadonlyArray<[RegExp, string]> = [
  [/^pln-prepaid/, 'Listrik PLN'],
  [/^pln-postpaid/, 'Listrik PLN'],
  [/^pdam/, 'PDAM'],
  [/^bpjs/, 'BPJS'],
  [/^(speedy|indihome)/, 'Internet & TV'],
  [/^pasca/, 'Pascabayar'],
  [/^kta|^multifinance|^finance/, 'Angsuran'],
  [/^kode-voucher|^voucher/, 'Voucher'],
];

export function classifyProduct(item: Item): CatalogProduct {
  const a = item.attributes;
  const kind = a.is_inquiry ? 'bill' : item.id.startsWith('pln-prepaid-token') ? 'pln_prepaid' : 'digital';
  const category = a.category_name ?? CATEGORY_BY_PREFIX.find(([re]) => re.test(item.id))?.[1] ?? 'Lainnya';
  return {
    code: item.id,
    kind,
    name: a.product_name,
    category,
    operator: a.operator_name ?? '',
    price: a.price,
    faceValue: kind === 'bill' ? null : nominal(item.id, a.product_name),
    isInquiry: a.is_inquiry,
    status: a.status === 1 || a.status === 2 ? a.status : 3,
    extraFields: declaredFields(a.fields),
  };
}

const LABEL_KEYS = ['label', 'display_name', 'description', 'title'] as const;

/** `["zone_id"]`, `[{"name":"zone_id","label":"Zona"}]` or nothing: the inputs to ask for, by name. */
export function declaredFields(raw: unknown): FieldSpec[] {
  if (!Array.isArray(raw)) return [];
  const out: FieldSpec[] = [];
  for (const f of raw) {
    const name = typeof f === 'string' ? f : typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string' ? (f as { name: string }).name : null;
    if (name === null) continue;
    const o = typeof f === 'object' && f !== null ? (f as Record<string, unknown>) : {};
    const label = LABEL_KEYS.map((k) => o[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '') ?? name;
    const spec = FieldSpec.safeParse({ name, label: label.trim().slice(0, 60) });
    if (spec.success && !out.some((x) => x.name === spec.data.name)) out.push(spec.data);
  }
  return out.slice(0, 10);
}
