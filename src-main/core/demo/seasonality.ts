import type { Rng } from './random';

/**
 * How many orders arrive on each day of the two-year history, and when in the
 * day. The curve is what a trend report should find: weekend dips, a summer
 * lull, a November–December peak, promotion spikes and a growing shop.
 */

export const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 730;

/** Sunday first (Date#getUTCDay). Weekend dip, Monday catch-up. */
const WEEKDAY = [0.9, 1.1, 1.05, 1.0, 0.98, 0.9, 0.76];

/** January first. Summer lull, holiday peak. */
const MONTH = [0.82, 0.78, 0.92, 0.96, 0.97, 0.85, 0.72, 0.76, 0.93, 1.0, 1.22, 1.4];

/** Orders by hour of day: quiet nights, a lunchtime bump, an evening peak. */
export const HOUR_WEIGHTS = [0.3, 0.2, 0.14, 0.1, 0.1, 0.16, 0.32, 0.55, 0.75, 0.9, 1.0, 1.1, 1.2, 1.15, 1.08, 1.02, 1.0, 1.05, 1.15, 1.3, 1.42, 1.32, 1.0, 0.6];

export type Promotion = 'black-friday' | 'cyber-monday' | 'thanksgiving-weekend' | 'spring-sale' | 'summer-sale' | 'boxing-day';

/** The nth given weekday (0 = Sunday) of a month, as a day of the month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
}

/** The promotion running on a UTC calendar day, if any. */
export function promotionOn(day: Date): Promotion | null {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth();
  const d = day.getUTCDate();
  if (m === 10 || m === 11) {
    const thanksgiving = nthWeekday(y, 10, 4, 4);
    const bf = Date.UTC(y, 10, thanksgiving + 1);
    const t = Date.UTC(y, m, d);
    if (t === bf) return 'black-friday';
    if (t === bf + DAY_MS || t === bf + 2 * DAY_MS) return 'thanksgiving-weekend';
    if (t === bf + 3 * DAY_MS) return 'cyber-monday';
  }
  if (m === 2) {
    const start = nthWeekday(y, 2, 4, 3); // third Thursday of March, four days
    if (d >= start && d < start + 4) return 'spring-sale';
  }
  if (m === 6 && d >= 10 && d <= 12) return 'summer-sale';
  if (m === 11 && d === 26) return 'boxing-day';
  return null;
}

const PROMO_LIFT: Record<Promotion, number> = {
  'black-friday': 3.4,
  'thanksgiving-weekend': 2.0,
  'cyber-monday': 2.7,
  'spring-sale': 1.8,
  'summer-sale': 1.55,
  'boxing-day': 1.6,
};

/** Relative order volume of one UTC day, before noise and trend. */
export function dayWeight(day: Date): number {
  const m = day.getUTCMonth();
  const d = day.getUTCDate();
  let w = (WEEKDAY[day.getUTCDay()] as number) * (MONTH[m] as number);
  if (m === 11) {
    // Christmas shopping ends with the last shipping days; the 25th is quiet.
    if (d <= 18) w *= 1.15;
    else if (d === 24) w *= 0.55;
    else if (d === 25) w *= 0.35;
    else if (d > 26) w *= 0.75;
  }
  const promo = promotionOn(day);
  if (promo) w *= PROMO_LIFT[promo];
  return w;
}

export interface DayPlan {
  /** UTC midnight of each day, oldest first. */
  dayStart: Float64Array;
  /** Orders placed that day; sums to the requested total. */
  counts: Int32Array;
  /** Start of the history (first day's midnight). */
  fromMs: number;
}

/** Share of a day's orders that fall before `ms` into the day (for the partial last day). */
export function dayFractionBefore(msIntoDay: number): number {
  let total = 0;
  let before = 0;
  for (let h = 0; h < 24; h++) {
    const w = HOUR_WEIGHTS[h] as number;
    total += w;
    const hourStart = h * 3_600_000;
    if (msIntoDay >= hourStart + 3_600_000) before += w;
    else if (msIntoDay > hourStart) before += (w * (msIntoDay - hourStart)) / 3_600_000;
  }
  return before / total;
}

/**
 * Spreads `total` orders over the 730 days before `nowMs`. Rounding is done on
 * the running sum, so the day counts add up to exactly `total`.
 */
export function planDays(nowMs: number, total: number, rng: Rng): DayPlan {
  const lastMidnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const fromMs = lastMidnight - (HISTORY_DAYS - 1) * DAY_MS;
  const n = HISTORY_DAYS;
  const dayStart = new Float64Array(n);
  const weights = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const start = fromMs + k * DAY_MS;
    dayStart[k] = start;
    const growth = 0.72 + 0.28 * (k / (n - 1)); // the shop grows ~40 % over two years
    const noise = 0.9 + 0.2 * rng.next();
    let w = dayWeight(new Date(start)) * growth * noise;
    if (k === n - 1) w *= dayFractionBefore(nowMs - start); // today is not over yet
    weights[k] = w;
    sum += w;
  }
  const counts = new Int32Array(n);
  let acc = 0;
  let given = 0;
  for (let k = 0; k < n; k++) {
    acc += weights[k] as number;
    const upTo = Math.round((acc / sum) * total);
    counts[k] = upTo - given;
    given = upTo;
  }
  return { dayStart, counts, fromMs };
}

const HOUR_CUMULATIVE = (() => {
  const out: number[] = [];
  let acc = 0;
  for (const w of HOUR_WEIGHTS) out.push((acc += w));
  return out.map((v) => v / acc);
})();

/** A time within the day (ms after midnight) following the hourly curve, strictly before `limitMs`. */
export function timeInDay(rng: Rng, limitMs: number): number {
  for (let attempt = 0; attempt < 64; attempt++) {
    const u = rng.next();
    let h = 0;
    while (h < 23 && u >= (HOUR_CUMULATIVE[h] as number)) h++;
    const t = h * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    if (t < limitMs) return t;
  }
  // Only reached for a sliver of a day (now just after midnight): any time before the limit will do.
  return Math.floor(rng.next() * limitMs);
}
