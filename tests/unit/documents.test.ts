import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Modules, code128Values } from '../../src-shared/documents/code128';
import { fitText, PdfDocument, pdfString, pdfText } from '../../src-shared/documents/pdf';

describe('Code 128', () => {
  it('every symbol is 11 modules wide, the stop 13', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    CODE128_PATTERNS.forEach((p, i) => expect([...p].reduce((s, d) => s + Number(d), 0)).toBe(i === 106 ? 13 : 11));
  });

  it.each<[string, number[]]>([
    // Even digit strings pack two digits per symbol (subset C): check = (105 + 12·1 + 34·2) mod 103 = 82.
    ['1234', [105, 12, 34, 82, 106]],
    // Text uses subset B: H = 40, i = 73; check = (104 + 40·1 + 73·2) mod 103 = 84.
    ['Hi', [104, 40, 73, 84, 106]],
    // An odd number of digits stays in B: "#" = 3, "1" = 17, "2" = 18, "3" = 19.
    ['#123', [104, 3, 17, 18, 19, (104 + 3 + 34 + 54 + 76) % 103, 106]],
  ])('%s → symbol values', (value, values) => {
    expect(code128Values(value)).toEqual(values);
  });

  it('starts and ends with a bar and is 11 modules per symbol plus the 2-module stop bar', () => {
    const m = code128Modules('3995');
    expect(m.length % 2).toBe(1);
    expect(m.reduce((s, x) => s + x, 0)).toBe(4 * 11 + 13);
  });

  it('refuses what Code 128 B cannot carry', () => {
    expect(() => code128Values('Ünïcode')).toThrow(/cannot be encoded/);
    expect(() => code128Values('')).toThrow();
  });
});

describe('PDF writer', () => {
  it('writes a well-formed file: header, objects at the offsets the xref table gives, trailer', () => {
    const doc = new PdfDocument('Test');
    doc.addPage().text(50, 700, 'Hello (world) \\ café').barcode(50, 600, '1234');
    doc.addPage().text(50, 700, 'Second page');
    const bytes = doc.toBytes();
    const s = Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    expect(s.startsWith('%PDF-1.4')).toBe(true);
    expect(s.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)/.exec(s)?.[1]);
    expect(s.slice(startxref, startxref + 4)).toBe('xref');
    const entries = s.slice(startxref).split('\n').slice(2).filter((l) => / n $/.test(l));
    entries.forEach((e, i) => expect(s.slice(Number(e.slice(0, 10))).startsWith(`${i + 1} 0 obj`)).toBe(true));
    expect(s).toContain('/Count 2');
    expect(pdfText(bytes)).toEqual(['Hello (world) \\ café', 'Second page']);
  });

  it('escapes and maps text to WinAnsi', () => {
    expect(pdfString('a(b)c\\')).toBe('(a\\(b\\)c\\\\)');
    expect(pdfString('Zoë — 5€')).toBe('(Zoë - 5?)');
  });

  it('cuts long text to fit', () => {
    expect(fitText('A very long product title that will not fit', 80, 10)).toMatch(/\.\.\.$/);
    expect(fitText('Short', 80, 10)).toBe('Short');
  });
});
