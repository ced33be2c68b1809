/**
 * Birth dates from the spellings people and exports use, to ISO (YYYY-MM-DD).
 * Slash dates are read month-first for US/CA customers and day-first elsewhere,
 * unless a part over 12 settles it. Returns null for anything that is not a
 * real calendar date.
 */
export function parseBirthDate(raw: string | null | undefined, country?: string | null): string | null {
  if (!raw) return null;
  const s = raw.trim();
  let y: number;
  let m: number;
  let d: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:T.*)?$/.exec(s))) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) {
    const a = Number(match[1]);
    const b = Number(match[2]);
    y = Number(match[3]);
    const monthFirst = a > 12 ? false : b > 12 ? true : country ? /^(US|CA)$/i.test(country) : false;
    m = monthFirst ? a : b;
    d = monthFirst ? b : a;
  } else return null;
  if (y < 1850 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > dim) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
