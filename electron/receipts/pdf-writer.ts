// Writes an A4 PDF top to bottom with pdf-lib's standard fonts: lines, headings, rules and tables
// that run on over pages (their titles repeated). Shared by the counter's day report and Loket
// Pusat's day report across outlets.
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

type Rgb = (red: number, green: number, blue: number) => RGB;

export const PAGE = { width: 595.28, height: 841.89, margin: 40 };

/** The standard fonts speak WinAnsi: Latin-1 plus a few typographic marks; anything else becomes '?'. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) out += ch.codePointAt(0)! <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  return out.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

export type Column = { title: string; width: number; align?: 'right' };

/** Writes lines top to bottom, starting a new page when one is full. */
export class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly rgb: Rgb,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }
  ensure(height: number): boolean {
    if (this.y - height >= PAGE.margin + 24) return false;
    this.newPage();
    return true;
  }
  fit(text: string, font: PDFFont, size: number, width: number): string {
    let t = winAnsi(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }
  text(text: string, x: number, opts: { size?: number; font?: PDFFont; width?: number; align?: 'right'; color?: [number, number, number] } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.font ?? this.regular;
    const t = opts.width ? this.fit(text, font, size, opts.width) : winAnsi(text);
    const dx = opts.align === 'right' && opts.width ? opts.width - font.widthOfTextAtSize(t, size) : 0;
    this.page.drawText(t, { x: x + dx, y: this.y, size, font, color: this.rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
  }
  line(text: string, opts: { size?: number; font?: PDFFont; gap?: number; color?: [number, number, number] } = {}): void {
    const size = opts.size ?? 9;
    this.ensure(size + 4);
    this.text(text, PAGE.margin, { ...opts, size, width: PAGE.width - 2 * PAGE.margin });
    this.y -= size + (opts.gap ?? 4);
  }
  rule(): void {
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y + 3 }, end: { x: PAGE.width - PAGE.margin, y: this.y + 3 }, thickness: 0.5, color: this.rgb(0.6, 0.6, 0.65) });
    this.y -= 4;
  }
  heading(text: string): void {
    this.ensure(40);
    this.y -= 8;
    this.line(text, { size: 12, font: this.bold, gap: 6 });
  }
  /** A heading, then the table — or, when there are no rows, the sentence that says so. */
  section(heading: string, empty: string, columns: Column[], rows: string[][]): void {
    this.heading(heading);
    if (rows.length === 0) this.line(empty);
    else this.table(columns, rows);
  }
  table(columns: Column[], rows: string[][]): void {
    const header = (): void => {
      let x = PAGE.margin;
      for (const c of columns) {
        this.text(c.title, x, { font: this.bold, size: 8.5, width: c.width - 4, ...(c.align ? { align: c.align } : {}), color: [0.35, 0.35, 0.4] });
        x += c.width;
      }
      // The rule sits just under the titles and clear of the first row's capitals.
      this.y -= 8;
      this.rule();
      this.y -= 6;
    };
    // A key/value table has no titles: no header row, on any page.
    const titled = columns.some((c) => c.title !== '');
    this.ensure(30);
    if (titled) header();
    for (const row of rows) {
      if (this.ensure(13) && titled) header();
      let x = PAGE.margin;
      columns.forEach((c, i) => {
        this.text(row[i] ?? '', x, { size: 8.5, width: c.width - 4, ...(c.align ? { align: c.align } : {}) });
        x += c.width;
      });
      this.y -= 12;
    }
  }
}

