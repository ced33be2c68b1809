import type { Sqlite } from '../../db/open';

/**
 * "These customers were added or changed" from code outside the customers
 * capability (the sync store writer, per page), to whoever keeps derived data
 * current (the duplicate queue). Keyed by the workspace's database handle, so
 * the writer needs nothing but the connection it already has, and two
 * workspaces open in one process never hear each other.
 */
export type CustomersChangedListener = (ids: readonly number[]) => void;

const listeners = new WeakMap<Sqlite, Set<CustomersChangedListener>>();

/** Registers a listener; returns the function that removes it. */
export function onCustomersChanged(sqlite: Sqlite, fn: CustomersChangedListener): () => void {
  let set = listeners.get(sqlite);
  if (!set) listeners.set(sqlite, (set = new Set()));
  set.add(fn);
  return () => set.delete(fn);
}

/** Tells the listeners; called once per batch (a sync page), never per row. May run inside the batch's transaction. */
export function customersChanged(sqlite: Sqlite, ids: readonly number[]): void {
  if (!ids.length) return;
  for (const fn of listeners.get(sqlite) ?? []) fn(ids);
}
