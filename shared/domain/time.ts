// Outlet-local calendar helpers. The business day is the outlet's calendar day (default WIB),
// never the machine's zone: a PC set to UTC must still close the day at local midnight.
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    dateFormatters.set(timeZone, f);
  }
  return f;
}

export type LocalParts = { year: string; month: string; day: string; hour: string; minute: string; second: string };

export function localParts(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): LocalParts {
  const out: Record<string, string> = {};
  for (const p of partsFormatter(timeZone).formatToParts(new Date(epochMs))) out[p.type] = p.value;
  return {
    year: out.year ?? '0000',
    month: out.month ?? '00',
    day: out.day ?? '00',
    hour: out.hour ?? '00',
    minute: out.minute ?? '00',
    second: out.second ?? '00',
  };
}

/** "2026-11-22" in the outlet's zone. */
export function businessDate(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(epochMs, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** "22/11/2026 14:05:09" in the outlet's zone, for receipts. */
export function formatLocalDateTime(epochMs: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(epochMs, timeZone);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** The instants a business day spans in the outlet's zone: [start, end). */
export function dayBounds(date: string, timeZone: string = DEFAULT_TIME_ZONE): { start: number; end: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const startOf = (year: number, month: number, day: number): number => {
    const utc = Date.UTC(year, month - 1, day);
    // The zone's offset at that instant, applied twice so a day that starts across a DST change lands on local midnight.
    let at = utc;
    for (let i = 0; i < 2; i++) {
      const p = localParts(at, timeZone);
      const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
      at = utc - (shown - at);
    }
    return at;
  };
  return { start: startOf(y, m, d), end: startOf(y, m, d + 1) };
}

/** "2026-11-22" → "22/11/2026": a business date as the counter reads dates. */
export function formatBusinessDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
