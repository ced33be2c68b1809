import type { Sqlite } from '../db/open';

/**
 * What people type into the search box, sampled evenly from the orders themselves
 * (so every search has something to find):
 * order numbers, customer last names, emails, phone tails (as typed, with
 * separators), SKUs and words from product titles.
 */
export interface SearchSample {
  kind: 'order_number' | 'last_name' | 'email' | 'phone_tail' | 'sku' | 'title_word';
  text: string;
}

export function searchSamples(sqlite: Sqlite, perKind: number): SearchSample[] {
  const spread = <T>(sql: string): T[] => {
    const n = (sqlite.prepare(`SELECT count(*) AS n FROM (${sql})`).get() as { n: number }).n;
    const step = Math.max(1, Math.floor(n / perKind));
    const rows: T[] = [];
    let i = 0;
    for (const row of sqlite.prepare(sql).iterate() as Iterable<T>) {
      if (i++ % step !== 0) continue;
      rows.push(row);
      if (rows.length >= perKind) break;
    }
    return rows;
  };
  const out: SearchSample[] = [];
  for (const r of spread<{ number: number }>('SELECT number FROM orders ORDER BY id')) {
    out.push({ kind: 'order_number', text: out.length % 2 ? `#${r.number}` : String(r.number) });
  }
  for (const r of spread<{ v: string }>("SELECT c.last_name AS v FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.last_name != '' ORDER BY o.id")) {
    out.push({ kind: 'last_name', text: r.v });
  }
  for (const r of spread<{ v: string }>('SELECT email AS v FROM orders WHERE email IS NOT NULL ORDER BY id')) out.push({ kind: 'email', text: r.v });
  for (const r of spread<{ v: string }>('SELECT phone AS v FROM orders WHERE phone IS NOT NULL ORDER BY id')) {
    const d = r.v.replace(/\D/g, '');
    // The last seven digits as a person reads them off a screen: "555-0123".
    out.push({ kind: 'phone_tail', text: `${d.slice(-7, -4)}-${d.slice(-4)}` });
  }
  // SKUs and title words from what was actually sold, so every search has something to find.
  for (const r of spread<{ v: string }>('SELECT sku AS v FROM order_lines WHERE sku IS NOT NULL ORDER BY id')) out.push({ kind: 'sku', text: r.v });
  const words = new Set<string>();
  for (const r of spread<{ v: string }>('SELECT title AS v FROM order_lines ORDER BY id')) {
    const w = r.v.split(' ').find((x) => x.length > 4 && !words.has(x));
    if (w) words.add(w);
  }
  for (const w of words) out.push({ kind: 'title_word', text: w });
  return out;
}
