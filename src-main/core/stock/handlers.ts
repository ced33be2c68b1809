import { OmsError } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import { createAllocation } from '../order-actions/allocation';
import { createOrderWriter } from '../order-actions/order-writer';
import type { Handlers } from '../rpc/dispatch';
import { createStockAdjust } from './adjust';
import { createStockQueries } from './levels';

type StockMethods = 'stock.levels' | 'stock.history' | 'stock.adjust' | 'stock.undoAdjustment';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/** Stock levels, one SKU's ledger, and staff adjustments (permissions: inventory.read / inventory.write, checked by dispatch). */
export function createStockHandlers(ctx: CoreContext): Pick<Handlers, StockMethods> {
  const queries = createStockQueries(ctx.sqlite);
  const adjust = createStockAdjust(ctx, queries, createAllocation(ctx));
  const writer = createOrderWriter(ctx);
  // Orders that left or entered "Not enough stock": every window refreshes its counts and rows.
  const tell = <R extends { movedOrderIds: number[] }>(r: R): R => {
    if (r.movedOrderIds.length) writer.changed(r.movedOrderIds);
    return r;
  };
  return {
    'stock.levels': (i) => queries.levels(i),
    'stock.history': (i) => queries.history(i),
    'stock.adjust': (i, c) => tell(adjust.adjust(i, signedIn(c))),
    'stock.undoAdjustment': (i, c) => tell(adjust.undo(i.movementId, signedIn(c))),
  };
}
