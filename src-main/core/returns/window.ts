/**
 * Return windows are counted in calendar days in the shop's time zone: an item
 * delivered at any time on local day D with an N-day window may be returned
 * until the end of local day D + N. Daylight-saving changes in between make no
 * difference to the count (a "day" is a calendar day, not 24 hours).
 */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instantMs: number, timeZone: string) {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instantMs))) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year as number, month: out.month as number, day: out.day as number, hour: (out.hour as number) % 24, minute: out.minute as number, second: out.second as number };
}

/** Local wall-clock minus UTC at an instant, in ms (e.g. −4 h in New York in summer). */
function offsetMs(instantMs: number, timeZone: string): number {
  const p = parts(instantMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

export function localDateOf(instant: string | number, timeZone: string): LocalDate {
  const p = parts(typeof instant === 'number' ? instant : Date.parse(instant), timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The instant local day `d` begins in `timeZone` (the first existing instant, if midnight is skipped by DST). */
export function startOfLocalDay(d: LocalDate, timeZone: string): number {
  const wall = Date.UTC(d.year, d.month - 1, d.day);
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  // Midnight skipped by a DST jump: the day starts at the first instant that is on that date.
  const p = localDateOf(t, timeZone);
  if (p.year !== d.year || p.month !== d.month || p.day !== d.day) t += 3600_000;
  return t;
}

export interface ReturnWindow {
  startDate: LocalDate;
  lastDate: LocalDate;
  /** First instant after the window (exclusive end), ISO UTC. */
  endsAt: string;
}

export function returnWindow(startInstant: string, windowDays: number, timeZone: string): ReturnWindow {
  const startDate = localDateOf(startInstant, timeZone);
  const lastDate = addDays(startDate, windowDays);
  return { startDate, lastDate, endsAt: new Date(startOfLocalDay(addDays(lastDate, 1), timeZone)).toISOString() };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "3 Oct 2026": unambiguous in every locale. */
export function formatLocalDate(d: LocalDate): string {
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}
