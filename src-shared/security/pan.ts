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

/**
 * A cheap pre-check on raw JSON text before it is parsed: false only when no
 * PAN-like run can be in it, so the field-by-field scrub after parsing can be
 * skipped. Any `\u` escape (which could spell digits the regex cannot see)
 * answers true, and so does a digit run inside an id: the careful path decides.
 */
export function mayContainCardNumber(text: string): boolean {
  if (text.includes('\\u')) return true;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const digits = m[0].replace(/[ -]/g, '');
    if (luhnValid(digits)) {
      CANDIDATE.lastIndex = 0;
      return true;
    }
  }
  return false;
}
