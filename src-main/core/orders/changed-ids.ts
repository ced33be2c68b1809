import type { Sqlite } from '../../db/open';

/**
 * Which orders an orders.changed event names. Windows refresh an open order
 * when the event names it, or when it names none (undefined: "any may have
 * changed"). So past the cap the event names none rather than a cut list: a
 * cut list would leave an open order beyond it showing a stale state.
 */
export const CHANGED_IDS_CAP = 500;

export function eventOrderIds(...groups: Iterable<number>[]): number[] | undefined {
  const ids = new Set<number>();
  for (const g of groups) for (const id of g) ids.add(id);
  return ids.size > CHANGED_IDS_CAP ? undefined : [...ids];
}

/**
 * Orders that allocation moved between queues (into or out of Exceptions) and
 * that no orders.changed has named yet, per database. Allocation runs deep
 * inside other work (a sync page, a return's restock, a fulfilment), often in
 * code that has no reason to know about events; whoever sends orders.changed
 * next takes these and names them too. A move inside a transaction that was
 * then rolled back stays listed: naming an unchanged order only costs the
 * window one refresh of it, while missing a moved one would leave it stale.
 */
const pendingMoves = new WeakMap<Sqlite, Set<number>>();

export function noteAllocationMoves(sqlite: Sqlite, ids: readonly number[]): void {
  if (!ids.length) return;
  let s = pendingMoves.get(sqlite);
  if (!s) pendingMoves.set(sqlite, (s = new Set()));
  for (const id of ids) s.add(id);
}

export function takeAllocationMoves(sqlite: Sqlite): number[] {
  const s = pendingMoves.get(sqlite);
  if (!s?.size) return [];
  pendingMoves.delete(sqlite);
  return [...s];
}
