/**
 * Date-range filter presets. The store keeps UTC ISO times; a person means
 * their own local calendar days, so ranges are computed from local midnight.
 */
export type DatePreset = 'any' | 'today' | '7d' | '30d' | 'custom';

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  any: 'Any date',
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom range…',
};

export interface DateRange {
  preset: DatePreset;
  /** Local calendar days, yyyy-mm-dd, for the custom preset. */
  fromDay: string;
  toDay: string;
}

export const ANY_DATE: DateRange = { preset: 'any', fromDay: '', toDay: '' };

function startOfLocalDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

function parseDay(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function toDayString(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The ISO bounds for orders.list, or an error a person can fix. */
export function rangeBounds(range: DateRange, now = new Date()): { from?: string; to?: string; error?: string } {
  const today = startOfLocalDay(now);
  const daysAgo = (n: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - n).toISOString();
  switch (range.preset) {
    case 'any':
      return {};
    case 'today':
      return { from: today.toISOString() };
    case '7d':
      return { from: daysAgo(6) };
    case '30d':
      return { from: daysAgo(29) };
    case 'custom': {
      const from = range.fromDay ? parseDay(range.fromDay) : null;
      const to = range.toDay ? parseDay(range.toDay) : null;
      if (range.fromDay && !from) return { error: 'The start date is not a valid date.' };
      if (range.toDay && !to) return { error: 'The end date is not a valid date.' };
      if (from && to && from > to) return { error: 'The start date is after the end date.' };
      const out: { from?: string; to?: string } = {};
      if (from) out.from = from.toISOString();
      // Inclusive end: the whole of the last chosen day.
      if (to) out.to = new Date(to.getFullYear(), to.getMonth(), to.getDate(), 23, 59, 59, 999).toISOString();
      return out;
    }
  }
}
