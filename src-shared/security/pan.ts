/**
 * Card numbers (PANs) must never be stored, logged or shown. Anything that looks
 * like one — 13 to 19 digits, optionally split by spaces or dashes, passing the
 * Luhn check — is masked to its last four before text goes anywhere.
 */
const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function maskPan(digits: string): string {
  return `[card •••• ${digits.slice(-4)}]`;
}

/** Returns the text with every PAN-like run masked; other digit runs (order numbers, phones) are left alone. */
export function scrubCardNumbers(text: string): string {
  return text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? maskPan(digits) : match;
  });
}

export function containsCardNumber(text: string): boolean {
  return scrubCardNumbers(text) !== text;
}

/** A whole platform id ("gid://shopify/LineItem/13000000000011"): its digits are an id, never a card number. */
const PLATFORM_ID = /^gid:\/\/[a-z][\w-]*\/[A-Za-z]+\/\d+$/;
export function isPlatformId(value: string): boolean {
  return value.startsWith('gid://') && PLATFORM_ID.test(value);
}
/** The same shape at a position of raw JSON text, as a whole string value (closing quote included). */
const PLATFORM_ID_VALUE = /gid:\/\/[a-z][\w-]*\/[A-Za-z]+\/\d+"/y;

/**
 * True when the digit run at `at` is the number of a JSON string value that is
 * a whole platform id — which the field-by-field scrub leaves whole (scrubPayload,
 * core/sync/shopify/client.ts). The nearest quote before the run opens that
 * string: in JSON a closing quote is never followed by "gid://". A quote after a
 * backslash may be an escaped one inside another string: no.
 */
function insidePlatformId(text: string, at: number): boolean {
  const q = text.lastIndexOf('"', at);
  if (q <= 0 || text.charCodeAt(q - 1) === 92 /* \ */ || !text.startsWith('gid://', q + 1)) return false;
  PLATFORM_ID_VALUE.lastIndex = q + 1;
  return PLATFORM_ID_VALUE.test(text);
}

/**
 * A cheap pre-check on raw JSON text before it is parsed: false only when no
 * PAN-like run can be in it, so the field-by-field scrub after parsing can be
 * skipped. Any `\u` escape (which could spell digits the regex cannot see)
 * answers true. Runs inside platform ids ("gid://shopify/LineItem/13000000000011")
 * are not counted: the scrub would leave them whole anyway, and with three or
 * four ids per bulk line about a third of clean lines used to pass Luhn on one.
 */
export function mayContainCardNumber(text: string): boolean {
  if (text.includes('\\u')) return true;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    if (insidePlatformId(text, m.index)) continue;
    const digits = m[0].replace(/[ -]/g, '');
    if (luhnValid(digits)) {
      CANDIDATE.lastIndex = 0;
      return true;
    }
  }
  return false;
}
