/** Money is integer minor units plus an ISO 4217 code. Never floats. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, TND: 3 };

/** Answers per code as given: an import asks for the same one or two codes hundreds of thousands of times. */
const digitsByCode = new Map<string, number>();
export function minorDigits(currency: string): number {
  let digits = digitsByCode.get(currency);
  if (digits === undefined) {
    digits = MINOR_DIGITS[currency.toUpperCase()] ?? 2;
    // Codes come from platforms and files: a bounded cache, so nonsense codes cannot grow it for ever.
    if (digitsByCode.size < 256) digitsByCode.set(currency, digits);
  }
  return digits;
}

/** Display only: formats minor units for the user's locale. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const digits = minorDigits(currency);
  const value = amountMinor / 10 ** digits;
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(value);
  } catch {
    return `${value.toFixed(digits)} ${currency}`;
  }
}

/** Parses a decimal string such as "12.34" (platform payloads) into minor units without float drift. */
export function parseDecimalToMinor(text: string, currency: string): number {
  const digits = minorDigits(currency);
  const quick = plainDecimalToMinor(text, digits);
  if (quick !== undefined) return quick;
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: "${text}"`);
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    throw new Error(`"${text}" has more precision than ${currency} allows`);
  }
  const minor = Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  return sign ? -minor : minor;
}

/**
 * The common shape, read digit by digit: `-?\d{1,12}(\.\d+)?` with nothing around it, and
 * no non-zero digit past the currency's precision. Anything else (blanks around it, more
 * precision, a 13+ digit whole part, not a number) is left to the regex path above, which
 * decides and words the error. Exact: the result is below 10^15, well inside 2^53.
 * A bulk import parses ~12 amounts per order; the regex, Number() calls and padding cost
 * more than the rest of the order's money.
 */
function plainDecimalToMinor(text: string, digits: number): number | undefined {
  const n = text.length;
  let i = 0;
  const negative = n > 0 && text.charCodeAt(0) === 45; /* - */
  if (negative) i = 1;
  let whole = 0;
  const wholeFrom = i;
  for (; i < n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  const wholeDigits = i - wholeFrom;
  if (wholeDigits === 0 || wholeDigits > 12) return undefined;
  let fraction = 0;
  let taken = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 /* . */ || i + 1 === n) return undefined;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      if (taken < digits) {
        fraction = fraction * 10 + c;
        taken++;
      } else if (c !== 0) return undefined;
    }
  }
  for (; taken < digits; taken++) fraction *= 10;
  const minor = whole * 10 ** digits + fraction;
  // -0 for "-0.00", as the regex path gives.
  return negative ? -minor : minor;
}
