import { code128Modules } from './code128';

/**
 * A small PDF writer for printed paperwork (packing slips, pick lists): the
 * standard Helvetica fonts, text, lines, filled rectangles and Code 128
 * barcodes. Plain, uncompressed content streams, so the text stays readable
 * and searchable in any viewer; no dependencies, runs in the core or a page.
 */
export const LETTER = { width: 612, height: 792 } as const;

export interface TextOptions {
  size?: number;
  bold?: boolean;
  /** Right-aligns at x (approximate Helvetica widths). */
  align?: 'left' | 'right';
  gray?: number;
}

/** PDF literal string in WinAnsi: Latin-1 characters kept, others replaced, ( ) \ escaped. */
export function pdfString(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const c = ch.codePointAt(0) as number;
    const b = c === 0x2014 || c === 0x2013 ? 0x2d : c === 0x2019 || c === 0x2018 ? 0x27 : c === 0x2026 ? 0x2e : c;
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || (b > 0x7e && b < 0xa0) || b > 0xff) out += '?';
    else out += String.fromCharCode(b);
  }
  return `(${out})`;
}

/** Rough Helvetica advance width (points) — enough to right-align and to cut long titles. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += /[il.,:;'|!]/.test(ch) ? 250 : /[mwMW@]/.test(ch) ? 850 : /[A-Z0-9#]/.test(ch) ? 650 : ch === ' ' ? 278 : 540;
  return (units * size * (bold ? 1.05 : 1)) / 1000;
}

export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && textWidth(`${t}...`, size, bold) > maxWidth) t = t.slice(0, -1);
  return `${t.trimEnd()}...`;
}

export class PdfPage {
  readonly ops: string[] = [];
  text(x: number, y: number, text: string, o: TextOptions = {}): this {
    const size = o.size ?? 10;
    const left = o.align === 'right' ? x - textWidth(text, size, o.bold) : x;
    const gray = o.gray ?? 0;
    this.ops.push(`BT /${o.bold ? 'F2' : 'F1'} ${size} Tf ${gray} g ${left.toFixed(2)} ${y.toFixed(2)} Td ${pdfString(text)} Tj ET`);
    return this;
  }
  line(x1: number, y1: number, x2: number, y2: number, width = 0.5, gray = 0.75): this {
    this.ops.push(`${gray} G ${width} w ${x1} ${y1} m ${x2} ${y2} l S`);
    return this;
  }
  rect(x: number, y: number, w: number, h: number, gray = 0): this {
    this.ops.push(`${gray} g ${x.toFixed(3)} ${y.toFixed(3)} ${w.toFixed(3)} ${h.toFixed(3)} re f`);
    return this;
  }
  /** A Code 128 barcode with its bottom-left at (x, y). */
  barcode(x: number, y: number, value: string, o: { height?: number; module?: number } = {}): number {
    const module = o.module ?? 1.2;
    const height = o.height ?? 40;
    let cx = x;
    code128Modules(value).forEach((m, i) => {
      if (i % 2 === 0) this.rect(cx, y, m * module, height);
      cx += m * module;
    });
    return cx - x;
  }
}

export class PdfDocument {
  readonly pages: PdfPage[] = [];
  constructor(
    readonly title: string,
    readonly size: { width: number; height: number } = LETTER,
  ) {}

  addPage(): PdfPage {
    const p = new PdfPage();
    this.pages.push(p);
    return p;
  }

  /** The file, as bytes (every character is one Latin-1 byte, so offsets are exact). */
  toBytes(): Uint8Array {
    const objects: string[] = [];
    const pageIds: number[] = [];
    // 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, 5 info, then page + content pairs.
    objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
    objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
    objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
    objects[5] = `<< /Title ${pdfString(this.title)} /Producer (Orderhouse) >>`;
    let next = 6;
    for (const page of this.pages) {
      const pageId = next++;
      const contentId = next++;
      const stream = page.ops.join('\n');
      objects[pageId] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${this.size.width} ${this.size.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R >>`;
      objects[contentId] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
      pageIds.push(pageId);
    }
    objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;

    let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
    const offsets: number[] = [];
    for (let id = 1; id < objects.length; id++) {
      offsets[id] = out.length;
      out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
    }
    const xref = out.length;
    out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
    for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
    out += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const bytes = new Uint8Array(out.length);
    for (let i = 0; i < out.length; i++) bytes[i] = out.charCodeAt(i) & 0xff;
    return bytes;
  }
}

/** The text a viewer shows, in drawing order: for tests and for checking a slip without a viewer. */
export function pdfText(bytes: Uint8Array): string[] {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  const out: string[] = [];
  const re = /\((?:[^()\\]|\\.)*\) Tj/g;
  for (const m of s.match(re) ?? []) out.push(m.slice(1, -4).replace(/\\(.)/g, '$1'));
  return out;
}
