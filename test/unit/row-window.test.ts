// The transactions list renders only the rows in view and keeps rows loaded further down across
// its periodic refresh.
import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from '../../renderer/hooks/use-row-window';
import { mergeFreshPage } from '../../renderer/stores/merge-page';
import type { SaleRow } from '../../shared/contract';

const row = (seq: number, state: SaleRow['state'] = 'succeeded'): SaleRow => ({
  id: `s${seq}`,
  receiptNo: String(seq).padStart(6, '0'),
  createdAt: seq,
  state,
  paymentMethod: 'cash',
  paymentState: 'settled',
  productKind: 'pln_prepaid',
  productName: 'Token',
  provider: 'vsi',
  customerNumber: '1',
  customerName: '',
  faceValue: 20_000,
  total: 22_500,
  deliveryHint: null,
});
const desc = (from: number, to: number): SaleRow[] => Array.from({ length: from - to + 1 }, (_, i) => row(from - i));

describe('row window', () => {
  it('renders the rows in view plus the overscan, padding the rest', () => {
    expect(rowWindow(10_000, 50, 0, 500, 5)).toEqual({ start: 0, end: 15, padTop: 0, padBottom: 9_985 * 50 });
    expect(rowWindow(10_000, 50, 5_000, 500, 5)).toEqual({ start: 95, end: 115, padTop: 95 * 50, padBottom: 9_885 * 50 });
    expect(rowWindow(12, 50, 0, 500, 5)).toEqual({ start: 0, end: 12, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 50, 0, 500, 5)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });

  it('scrolls just enough to show the cursor below the sticky header', () => {
    expect(scrollToShow(3, 50, 30, 0, 500)).toBeNull();
    expect(scrollToShow(9, 50, 30, 0, 500)).toBe(30 + 500 - 500);
    expect(scrollToShow(20, 50, 30, 0, 500)).toBe(30 + 1_050 - 500);
    expect(scrollToShow(2, 50, 30, 400, 500)).toBe(100);
  });
});

describe('refreshing the first page', () => {
  it('keeps rows loaded further down, with the older cursor', () => {
    const old = { items: desc(200, 101), nextBeforeSeq: 101 };
    const fresh = { items: [row(201), ...desc(200, 152).map((r) => (r.id === 's199' ? row(199, 'failed') : r))], nextBeforeSeq: 152 };
    const merged = mergeFreshPage(fresh, old);
    expect(merged.items).toHaveLength(101);
    expect(merged.items[0]!.id).toBe('s201');
    expect(merged.items.find((r) => r.id === 's199')!.state).toBe('failed');
    expect(merged.items.at(-1)!.id).toBe('s101');
    expect(new Set(merged.items.map((r) => r.id)).size).toBe(101);
    expect(merged.nextBeforeSeq).toBe(101);
  });

  it('is the fresh page when nothing more was loaded or there is no more', () => {
    const fresh = { items: desc(50, 1), nextBeforeSeq: null };
    expect(mergeFreshPage(fresh, { items: desc(50, 1), nextBeforeSeq: null })).toBe(fresh);
    const first = { items: desc(100, 51), nextBeforeSeq: 51 };
    expect(mergeFreshPage(first, { items: desc(100, 51), nextBeforeSeq: 51 })).toBe(first);
  });
});
