/**
 * Card numbers (PANs) must never be stored, logged or shown. Anything that looks
 * like one — 13 to 19 digits, optionally split by spaces or dashes, passing the
 * Luhn check — is masked to its last four before text goes anywhere.
 */
const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;

export function luhnValid(digits: string): boolean {
  return luhnRange(digits, 0, digits.length);
}

export function maskPan(digits: string): string {
  return `[card •••• ${digits.slice(-4)}]`;
}

/** Digit groups joined by single spaces or dashes: where a card can sit behind other groups. */
const GROUPED_RUN = /(?<![\d])\d+(?:[ -]\d+)+(?![\d])/g;

/**
 * Masks every window of whole digit groups in a grouped run that holds 13 to 19
 * digits and passes Luhn (the longest from each group on). CANDIDATE alone reads a
 * run from its left: in "ref 1234 4111 1111 1111 1111" it takes the first sixteen
 * digits, which fail Luhn, and never looks at the card behind them.
 */
function maskGroupWindows(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((m) => [m.index, m.index + m[0].length] as const);
  if (groups.reduce((n, [a, b]) => n + b - a, 0) < 13) return run;
  let out = '';
  let last = 0;
  for (let a = 0; a < groups.length; a++) {
    let best = -1;
    let digits = '';
    let bestDigits = '';
    for (let b = a; b < groups.length; b++) {
      digits += run.slice(groups[b]![0], groups[b]![1]);
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhnValid(digits)) {
        best = b;
        bestDigits = digits;
      }
    }
    if (best < 0) continue;
    out += run.slice(last, groups[a]![0]) + maskPan(bestDigits);
    last = groups[best]![1];
    a = best;
  }
  return out + run.slice(last);
}

/** Returns the text with every PAN-like run masked; other digit runs (order numbers, phones) are left alone. */
export function scrubCardNumbers(text: string): string {
  const once = text.replace(CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, '');
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? maskPan(digits) : match;
  });
  return once.replace(GROUPED_RUN, maskGroupWindows);
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

/** Digits in a JSON text: '0'..'9'. */
const isDigit = (c: number) => c >= 48 && c <= 57;
/** The separators a grouped card number may use between digits: space, dash. */
const isSep = (c: number) => c === 32 || c === 45;
/**
 * The shortest text CANDIDATE can match: 13 digits (separators only make it longer).
 * A run of that many characters always covers one position that is a multiple of
 * STRIDE, so sampling those positions never steps over a card number.
 */
const STRIDE = 13;

/** Luhn over the digits of text[from, to) (separators skipped): no substring, no copy. */
function luhnRange(text: string, from: number, to: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = to - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) continue;
    let d = c - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWordOrDash = (c: number) => isLetter(c) || isDigit(c) || c === 95 /* _ */ || c === 45 /* - */;

/**
 * insidePlatformId for a run of plain digits text[from, to), read backwards char by
 * char: a bulk line holds a dozen ids, and the regex and lastIndexOf of the general
 * check cost more than the rest of the scan. Same rule: the run ends the JSON string
 * (a quote follows), and that string is `gid://<app>/<Type>/<run>`, its opening quote
 * not after a backslash.
 */
function isIdNumber(text: string, from: number, to: number): boolean {
  if (text.charCodeAt(to) !== 34 /* " */ || text.charCodeAt(from - 1) !== 47 /* / */) return false;
  let i = from - 2;
  const typeEnd = i;
  while (i >= 0 && isLetter(text.charCodeAt(i))) i--;
  if (i === typeEnd || text.charCodeAt(i) !== 47) return false;
  const appEnd = --i;
  while (i >= 0 && isWordOrDash(text.charCodeAt(i))) i--;
  // The app name: one lower-case letter, then word characters or dashes.
  const first = text.charCodeAt(i + 1);
  if (i === appEnd || first < 97 || first > 122) return false;
  const q = i - 6; // where the opening quote of "gid:// must be
  return q > 0 && text.charCodeAt(q) === 34 && text.charCodeAt(q - 1) !== 92 /* \ */ && text.startsWith('gid://', q + 1);
}

/**
 * Whether the digit group text[from, to) — digits with at most one separator between
 * two of them, nothing digit-like on either side — holds a run the scrub would mask
 * and would not leave whole as part of a platform id. `digits`: how many it holds,
 * `plain`: no separators.
 */
function groupMayHoldCard(text: string, from: number, to: number, digits: number, plain: boolean): boolean {
  // The common case, an id's number or a bare card number: CANDIDATE's only match in it is the whole group.
  if (plain && digits <= 19) return !isIdNumber(text, from, to) && luhnRange(text, from, to);
  // Grouped digits or a longer run: the scrub's own regex decides which runs it would take. The group
  // has no digit on either side, so its lookarounds see the same thing in the slice as in the text.
  const slice = text.slice(from, to);
  // A card behind other groups (maskGroupWindows): grouped runs are never part of a platform id.
  if (!plain && maskGroupWindows(slice) !== slice) return true;
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(slice); m; m = CANDIDATE.exec(slice)) {
    if (insidePlatformId(text, from + m.index)) continue;
    if (luhnValid(m[0].replace(/[ -]/g, ''))) {
      CANDIDATE.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/**
 * Widens the digit at `at` to its whole group — digits with at most one separator
 * between two of them — and writes it to `out` as [from, to, digits, plain (1: no
 * separators) or 0] (one array reused: no allocation per group).
 */
function groupAt(text: string, at: number, out: number[]): void {
  const n = text.length;
  let from = at;
  let digits = 1;
  let plain = 1;
  for (;;) {
    if (from > 0 && isDigit(text.charCodeAt(from - 1))) from--;
    else if (from > 1 && isSep(text.charCodeAt(from - 1)) && isDigit(text.charCodeAt(from - 2))) {
      from -= 2;
      plain = 0;
    } else break;
    digits++;
  }
  let to = at + 1;
  for (;;) {
    if (to < n && isDigit(text.charCodeAt(to))) to++;
    else if (to + 1 < n && isSep(text.charCodeAt(to)) && isDigit(text.charCodeAt(to + 1))) {
      to += 2;
      plain = 0;
    } else break;
    digits++;
  }
  out[0] = from;
  out[1] = to;
  out[2] = digits;
  out[3] = plain;
}

/** The digit at or next to a sampled position p (a separator between two digits counts), or -1. */
function digitNear(text: string, p: number): number {
  const c = text.charCodeAt(p);
  if (isDigit(c)) return p;
  if (isSep(c) && p > 0 && isDigit(text.charCodeAt(p - 1)) && p + 1 < text.length && isDigit(text.charCodeAt(p + 1))) return p - 1;
  return -1;
}

const group = [0, 0, 0, 0];

/**
 * True when the text holds a run of 13+ digits (single spaces or dashes between them
 * allowed): the only place scrubCardNumbers can find a card number. False means
 * scrubbing would change nothing, so a parsed string value can skip it. No Luhn and
 * no platform-id rule here — a conservative filter in front of the scrub, not a judge.
 */
export function hasLongDigitRun(text: string): boolean {
  const n = text.length;
  for (let p = STRIDE - 1; p < n; p += STRIDE) {
    const at = digitNear(text, p);
    if (at < 0) continue;
    groupAt(text, at, group);
    if (group[2]! >= 13) return true;
    const to = group[1]!;
    if (to > p) p += Math.floor((to - p) / STRIDE) * STRIDE;
  }
  return false;
}

/**
 * A cheap pre-check on raw JSON text before it is parsed: false only when no
 * PAN-like run can be in it, so the field-by-field scrub after parsing can be
 * skipped. Any `\u` escape (which could spell digits the scan cannot see)
 * answers true. Runs inside platform ids ("gid://shopify/LineItem/13000000000011")
 * are not counted: the scrub would leave them whole anyway, and with three or
 * four ids per bulk line about a third of clean lines used to pass Luhn on one.
 *
 * Speed (a bulk order line is ~3 KB, a first import reads millions): a regex over
 * the whole line cost ~1.3 µs per KB, most of it trying every digit of ids, dates
 * and prices. Instead only every STRIDE-th character is looked at; one that is a
 * digit (or a separator between two) is widened to its whole digit group, and only
 * a group of 13+ digits is looked at closely — by the same rule the scrub uses
 * (CANDIDATE, Luhn), so the answer is the one the regex over the line gave.
 */
export function mayContainCardNumber(text: string): boolean {
  if (text.includes('\\u')) return true;
  const n = text.length;
  for (let p = STRIDE - 1; p < n; p += STRIDE) {
    const at = digitNear(text, p);
    if (at < 0) continue;
    groupAt(text, at, group);
    const [from, to, digits, plain] = group as [number, number, number, number];
    if (digits >= 13 && groupMayHoldCard(text, from, to, digits, plain === 1)) return true;
    // The next group starts past this one (a non-digit lies between): sample on from there.
    if (to > p) p += Math.floor((to - p) / STRIDE) * STRIDE;
  }
  return false;
}
