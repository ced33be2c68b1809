/**
 * The truth about planted duplicates, kept where it survives any copy of the
 * data: in `customers.ref`. Formats (person numbers are zero-padded to 6+ digits):
 *
 *   demo-000123               person 123's original record
 *   demo-000123-dup1          a planted duplicate of person 123 (the same human)
 *   demo-000456-hh000123      person 456, living in person 123's household (NOT a duplicate)
 *   demo-000789-la000123      person 789, a look-alike of person 123: same very common
 *                             name, same city, different human (NOT a duplicate)
 *   demo-000456-hh000123-dup1 a planted duplicate of that household member
 *
 * Two records are the same person exactly when their person numbers match.
 * The duplicate engine must never read refs; evaluation code (tests, the
 * precision/recall report in issue 5) uses `demoTruthFromRefs`.
 */

const pad = (n: number) => String(n).padStart(6, '0');

export const originalRef = (person: number): string => `demo-${pad(person)}`;
export const householdRef = (person: number, anchor: number): string => `demo-${pad(person)}-hh${pad(anchor)}`;
export const lookalikeRef = (person: number, anchor: number): string => `demo-${pad(person)}-la${pad(anchor)}`;
export const duplicateRef = (baseRef: string, k: number): string => `${baseRef}-dup${k}`;

export interface DemoRef {
  person: number;
  /** Household member or look-alike of `anchor`; null for everyone else. */
  relation: 'household' | 'lookalike' | null;
  anchor: number | null;
  /** 0 for the person's original record, k for the k-th planted duplicate. */
  dup: number;
}

const REF = /^demo-(\d{6,})(?:-(hh|la)(\d{6,}))?(?:-dup(\d+))?$/;

/** Parses a demo ref; null for anything else (e.g. customers a user added later). */
export function parseDemoRef(ref: string | null | undefined): DemoRef | null {
  const m = ref ? REF.exec(ref) : null;
  if (!m) return null;
  return {
    person: Number(m[1]),
    relation: m[2] === 'hh' ? 'household' : m[2] === 'la' ? 'lookalike' : null,
    anchor: m[3] ? Number(m[3]) : null,
    dup: m[4] ? Number(m[4]) : 0,
  };
}

export interface DemoTruth<T> {
  /** Every pair of records of the same person: what a perfect engine flags. */
  duplicatePairs: [T, T][];
  /** Records of different people in one household: must never be merged. */
  householdPairs: [T, T][];
  /** Records of different people with the same common name in one city: must never be merged. */
  lookalikePairs: [T, T][];
}

/**
 * Groups items by what their refs say. Pairs are ordered by the items' positions
 * in the input (first, second) and listed in input order, so the result is
 * deterministic.
 */
export function demoTruth<T>(items: readonly T[], refOf: (item: T) => string | null | undefined): DemoTruth<T> {
  const byPerson = new Map<number, number[]>();
  const household = new Map<number, number[]>();
  const lookalike = new Map<number, number[]>();
  const parsed: (DemoRef | null)[] = items.map((it) => parseDemoRef(refOf(it)));
  const push = (m: Map<number, number[]>, key: number, i: number) => {
    const list = m.get(key);
    if (list) list.push(i);
    else m.set(key, [i]);
  };
  parsed.forEach((r, i) => {
    if (!r) return;
    push(byPerson, r.person, i);
    if (r.relation === 'household' && r.anchor !== null) push(household, r.anchor, i);
    if (r.relation === 'lookalike' && r.anchor !== null) push(lookalike, r.anchor, i);
  });

  const pairsWithin = (idx: number[]) => {
    const out: [number, number][] = [];
    for (let a = 0; a < idx.length; a++) for (let b = a + 1; b < idx.length; b++) out.push([idx[a] as number, idx[b] as number]);
    return out;
  };
  /** Pairs across different people of one group: the anchor's records with each member's, and members with each other. */
  const crossPeople = (groups: Map<number, number[]>) => {
    const out: [number, number][] = [];
    for (const [anchor, members] of groups) {
      const idx = [...(byPerson.get(anchor) ?? []), ...members].sort((x, y) => x - y);
      for (const [a, b] of pairsWithin(idx)) if (parsed[a]?.person !== parsed[b]?.person) out.push([a, b]);
    }
    return out;
  };
  const sorted = (pairs: [number, number][]) => pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([a, b]) => [items[a] as T, items[b] as T] as [T, T]);

  return {
    duplicatePairs: sorted([...byPerson.values()].flatMap((idx) => pairsWithin(idx.sort((x, y) => x - y)))),
    householdPairs: sorted(crossPeople(household)),
    lookalikePairs: sorted(crossPeople(lookalike)),
  };
}

/**
 * The planted truth from a list of refs (e.g. `SELECT ref FROM customers`):
 * pairs of refs that are the same person, household pairs and look-alike pairs.
 * Refs that are not demo refs are ignored.
 */
export function demoTruthFromRefs(refs: readonly (string | null)[]): DemoTruth<string> {
  const present = refs.filter((r): r is string => typeof r === 'string');
  return demoTruth(present, (r) => r);
}

/** Whether two refs are the same person (false when either is not a demo ref). */
export function samePerson(a: string | null, b: string | null): boolean {
  const x = parseDemoRef(a);
  const y = parseDemoRef(b);
  return !!x && !!y && x.person === y.person;
}
