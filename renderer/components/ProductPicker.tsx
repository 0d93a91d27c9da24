// Choosing a product with the keyboard: type to search (name, code, operator, category), ↑/↓ to
// move, Enter to choose. Products the provider switched off stay visible with the reason.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ProductView } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';

type Props = {
  products: readonly ProductView[];
  t: Translate;
  onChoose: (p: ProductView) => void;
  showPrice: boolean;
};

export function matches(p: ProductView, query: string): boolean {
  const hay = `${p.name} ${p.code} ${p.operator} ${p.category}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function ProductPicker({ products, t, onChoose, showPrice }: Props) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const categories = useMemo(() => [...new Set(products.map((p) => p.category))], [products]);
  const shown = useMemo(() => products.filter((p) => (category === null || p.category === category) && matches(p, query)), [products, category, query]);
  useEffect(() => setIndex(0), [query, category]);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);
  const choose = (p: ProductView | undefined): void => {
    if (p && p.sellable) onChoose(p);
  };

  return (
    <div className="picker">
      <input
        className="big-input search"
        data-testid="product-search"
        autoFocus
        placeholder={t('catalog.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setIndex((i) => Math.min(shown.length - 1, i + 1));
          else if (e.key === 'ArrowUp') setIndex((i) => Math.max(0, i - 1));
          else if (e.key === 'PageDown') setIndex((i) => Math.min(shown.length - 1, i + 8));
          else if (e.key === 'PageUp') setIndex((i) => Math.max(0, i - 8));
          else if (e.key === 'Enter') choose(shown[index]);
          else return;
          e.preventDefault();
        }}
      />
      <div className="filters wrap" role="tablist">
        <button type="button" className={`chip${category === null ? ' active' : ''}`} onClick={() => setCategory(null)} tabIndex={-1}>
          {t('catalog.all')}
        </button>
        {categories.map((c) => (
          <button key={c} type="button" className={`chip${category === c ? ' active' : ''}`} onClick={() => setCategory(c)} tabIndex={-1}>
            {c}
          </button>
        ))}
      </div>
      {shown.length === 0 ? <p className="muted empty">{products.length === 0 ? t('catalog.empty') : t('catalog.none')}</p> : null}
      <ul className="product-list" ref={list} role="listbox" data-testid="product-list">
        {shown.map((p, i) => (
          <li
            key={p.code}
            role="option"
            aria-selected={i === index}
            aria-disabled={!p.sellable}
            className={`product${i === index ? ' selected' : ''}${p.sellable ? '' : ' unavailable'}`}
            data-testid={`product-${p.code}`}
            onClick={() => {
              setIndex(i);
              choose(p);
            }}
          >
            <span className="name">{p.name}</span>
            <span className="muted">{p.operator || p.category}</span>
            <span className="price">{!p.sellable ? p.reason : showPrice && p.sellPrice !== null ? formatRupiah(p.sellPrice) : t('catalog.byBill')}</span>
          </li>
        ))}
      </ul>
      <div className="hint">{t('catalog.hint')}</div>
    </div>
  );
}
