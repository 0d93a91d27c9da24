// VSI answers are flat <root><tag>value</tag>…</root> documents that are not always well-formed
// (vsi.md §1.4): "< / root >", a spaced declaration, stray '&' in names, a BOM, undeclared
// encodings. We repair exactly those known defects, then parse with fast-xml-parser and keep every
// value as the raw string (rc "0014" must keep its zeros; kWh "352,0" is printed verbatim).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  // Numeric character references (&#39;) as well as the five XML entities (vsi.md §1.4.1).
  htmlEntities: true,
});

/** Decodes as UTF-8, falling back to latin1 when the bytes are not valid UTF-8 (vsi.md §1.4.13). */
export function decodeBody(body: Buffer): { text: string; latin1: boolean } {
  const utf8 = body.toString('utf8');
  if (!utf8.includes('\ufffd')) return { text: utf8, latin1: false };
  return { text: body.toString('latin1'), latin1: true };
}

export function normaliseVsiXml(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/<\?xml[\s\S]*?\?>/i, '')
    .replace(/<\s*root\s*>/gi, '<root>')
    .replace(/<\s*\/\s*root\s*>/gi, '</root>')
    .replace(/<\s*(\/?)\s*([A-Za-z_][\w.-]*)\s*(\/?)\s*>/g, '<$1$2$3>')
    .replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
    .trim();
}

export type FlatXml = Record<string, unknown>;

/** The children of <root>, or null when the body is not a VSI XML document at all. */
export function parseVsiXml(text: string): FlatXml | null {
  if (!/<\s*root\s*>/i.test(text)) return null;
  const normalised = normaliseVsiXml(text);
  if (XMLValidator.validate(normalised) !== true) return null;
  let parsed: unknown;
  try {
    parsed = parser.parse(normalised);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const root = (parsed as Record<string, unknown>).root;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return null;
  return root as FlatXml;
}
