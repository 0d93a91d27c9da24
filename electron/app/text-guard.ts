// Text that cannot be stored or shown faithfully is refused at the boundary, before any handler
// sees it: a lone UTF-16 surrogate (not a character at all; SQLite would store mangled bytes) and
// control characters (a NUL cuts C strings and receipts; the others print as garbage or move the
// printer). Tab and line breaks stay allowed: a reason or a pasted PEM key has them.
// No `u` flag: the surrogate halves are matched one UTF-16 unit at a time, which is what finds a lone one.
const BAD_UNITS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string in `value` that holds such a character, or null. */
export function badTextPath(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return BAD_UNITS.test(value) ? at.join('.') || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badTextPath(value[i], [...at, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = badTextPath(v, [...at, k]) ?? (BAD_UNITS.test(k) ? [...at, '(key)'].join('.') : null);
      if (found !== null) return found;
    }
  }
  return null;
}
