/** Money is integer minor units plus an ISO 4217 code. Never floats. */
export interface Money {
  amountMinor: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, TND: 3 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
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
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal amount: "${text}"`);
  const [, sign, whole, fraction = ''] = m;
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    throw new Error(`"${text}" has more precision than ${currency} allows`);
  }
  const minor = Number(whole) * 10 ** digits + Number((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
  return sign ? -minor : minor;
}
