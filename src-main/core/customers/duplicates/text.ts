/**
 * Text folding shared by every normaliser: lower case, accents and ligatures
 * removed, punctuation turned into spaces. "Zoë O'Brien-Müller" → "zoe o brien muller".
 */
const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

const PLAIN = /^[A-Za-z0-9 ]*$/;

export function fold(raw: string | null | undefined): string {
  if (!raw) return '';
  if (PLAIN.test(raw)) return raw.toLowerCase().replace(/ +/g, ' ').trim(); // the common case: nothing to strip
  return raw
    .toLowerCase()
    .replace(/[ßæœøđðþłı]/g, (ch) => LIGATURES[ch] ?? ch)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Folded without any spaces: "O'Brien" and "OBrien" and "o brien" all give "obrien". */
export function compact(raw: string | null | undefined): string {
  return fold(raw).replace(/ /g, '');
}

/** American Soundex (R163 for Robert): a blocking key that survives most spelling slips. */
export function soundex(word: string, alreadyCompact = false): string {
  const w = (alreadyCompact ? word : compact(word)).replace(/[^a-z]/g, '');
  if (!w) return '';
  const code = (c: string): string => {
    if ('bfpv'.includes(c)) return '1';
    if ('cgjkqsxz'.includes(c)) return '2';
    if ('dt'.includes(c)) return '3';
    if (c === 'l') return '4';
    if ('mn'.includes(c)) return '5';
    if (c === 'r') return '6';
    return c === 'h' || c === 'w' ? '' : '0';
  };
  let out = w[0]!.toUpperCase();
  let last = code(w[0]!);
  for (let i = 1; i < w.length && out.length < 4; i++) {
    const c = w[i]!;
    const d = code(c);
    if (d === '') continue; // h and w do not separate equal codes
    if (d !== '0' && d !== last) out += d;
    last = d;
  }
  return out.padEnd(4, '0');
}
