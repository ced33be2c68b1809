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

/** Soundex digit per letter a–z ('' for h and w, which do not separate equal codes; '0' for vowels). */
const SOUNDEX_CODE = ['0', '1', '2', '3', '0', '1', '2', '', '0', '2', '2', '4', '5', '5', '0', '1', '2', '6', '2', '3', '0', '1', '', '2', '0', '2'];

/** American Soundex (R163 for Robert): a blocking key that survives most spelling slips. */
export function soundex(word: string, alreadyCompact = false): string {
  const w = alreadyCompact ? word : compact(word);
  let out = '';
  let last = '';
  for (let i = 0; i < w.length && out.length < 4; i++) {
    const c = w.charCodeAt(i) - 97;
    if (c < 0 || c > 25) continue; // digits and anything else are not sounds
    const d = SOUNDEX_CODE[c]!;
    if (!out) {
      out = w[i]!.toUpperCase();
      last = d;
      continue;
    }
    if (d === '') continue;
    if (d !== '0' && d !== last) out += d;
    last = d;
  }
  return out ? out.padEnd(4, '0') : '';
}
