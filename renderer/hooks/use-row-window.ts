// A long list renders only the rows in view (plus a margin): the transactions table stays quick
// with thousands of rows loaded. Rows have one fixed height; the header is sticky inside the
// scroll box, so a row is in view when it is below the header and above the box's bottom.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export type RowWindow = { start: number; end: number; padTop: number; padBottom: number };

export function rowWindow(count: number, rowHeight: number, scrollTop: number, viewHeight: number, overscan: number): RowWindow {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { start, end: Math.max(start, end), padTop: start * rowHeight, padBottom: Math.max(0, count - Math.max(start, end)) * rowHeight };
}

/** The scrollTop that shows row `index` whole, or null when it already is. */
export function scrollToShow(index: number, rowHeight: number, headerHeight: number, scrollTop: number, viewHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  const bottom = headerHeight + top + rowHeight;
  if (bottom > scrollTop + viewHeight) return bottom - viewHeight;
  return null;
}

/** `selected` < 0: no cursor to follow. */
export function useRowWindow(count: number, rowHeight: number, selected: number, overscan = 10) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800, header: 0 });
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const update = (): void => setView({ top: el.scrollTop, height: el.clientHeight, header: el.querySelector('thead')?.getBoundingClientRect().height ?? 0 });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el || selected < 0) return;
    const to = scrollToShow(selected, rowHeight, view.header, el.scrollTop, el.clientHeight);
    if (to !== null) el.scrollTop = to;
    // The box itself may be below the fold (the unresolved panel above it): once the row is
    // rendered, the page scrolls too, just enough.
    const frame = requestAnimationFrame(() => el.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
    // follows the cursor only; scrolling by hand must not snap back
  }, [selected]);
  return { box, ...rowWindow(count, rowHeight, view.top, view.height, overscan) };
}
