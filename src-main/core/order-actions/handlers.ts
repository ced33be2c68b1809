import { OmsError, type ParsedInputOf } from '../../../src-shared/contract';
import type { Caller, CoreContext } from '../context';
import type { Handlers } from '../rpc/dispatch';
import { createAddressUpdate } from './address';
import { createAllocation } from './allocation';
import { createAssign } from './assign';
import { createBulk } from './bulk';
import { createCancel } from './cancel';
import { createDocuments } from './documents';
import { createFulfil } from './fulfil';
import { holdOrder, releaseOrder } from './hold';
import { addNote } from './note';
import { createOrderWriter, type OrderAction } from './order-writer';
import { createPackLookup } from './pack-lookup';
import { markReadyToPack } from './ready-to-pack';
import { createSearchIndexer } from './search';
import { createTagActions } from './tags';

type OrderActionMethods =
  | 'orders.hold'
  | 'orders.release'
  | 'orders.addTags'
  | 'orders.removeTags'
  | 'orders.addNote'
  | 'orders.updateShippingAddress'
  | 'orders.assign'
  | 'orders.markReadyToPack'
  | 'orders.fulfil'
  | 'orders.cancel'
  | 'orders.bulk'
  | 'orders.allocateStock'
  | 'orders.findForPacking'
  | 'orders.packingSlips'
  | 'orders.pickList';

const signedIn = (caller: Caller | null): Caller => {
  if (!caller) throw new OmsError('UNAUTHENTICATED', 'Please sign in.');
  return caller;
};

/** Working the orders: every write goes through the order writer (one transaction, stale-write check, timeline, audit). */
export function createOrderActionHandlers(ctx: CoreContext): Pick<Handlers, OrderActionMethods> {
  const writer = createOrderWriter(ctx);
  const tags = createTagActions(ctx.sqlite);
  const assign = createAssign(ctx.sqlite);
  const address = createAddressUpdate(ctx.sqlite, createSearchIndexer(ctx.sqlite));
  const allocation = createAllocation(ctx);
  const cancel = createCancel(ctx);
  const fulfil = createFulfil(ctx, writer, allocation);
  const findForPacking = createPackLookup(ctx.sqlite);
  const documents = createDocuments(ctx);

  const one = (orderId: number, caller: Caller | null, expectedUpdatedAt: string | undefined, action: OrderAction) => {
    const r = writer.apply(orderId, signedIn(caller), expectedUpdatedAt, action);
    if (r.changed) writer.changed([orderId]);
    return r;
  };

  const bulkAction = (input: ParsedInputOf<'orders.bulk'>): OrderAction => {
    switch (input.action) {
      case 'tag':
        return tags.add(input.tags ?? []);
      case 'untag':
        return tags.remove(input.tags ?? []);
      case 'hold':
        return holdOrder(input.reason ?? '');
      case 'release':
        return releaseOrder(input.reason ?? '');
      case 'readyToPack':
        return markReadyToPack(true);
    }
  };
  const bulk = createBulk(ctx, writer, bulkAction);

  return {
    'orders.hold': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, holdOrder(i.reason)),
    'orders.release': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, releaseOrder(i.reason)),
    'orders.addTags': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, tags.add(i.tags)),
    'orders.removeTags': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, tags.remove(i.tags)),
    'orders.addNote': (i, c) => one(i.orderId, c, undefined, addNote(i.text)),
    'orders.updateShippingAddress': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, address(i.address)),
    'orders.assign': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, assign(i.userId)),
    'orders.markReadyToPack': (i, c) => one(i.orderId, c, i.expectedUpdatedAt, markReadyToPack(i.ready)),
    'orders.fulfil': (i, c) => {
      const r = fulfil(i, signedIn(c));
      writer.changed([i.orderId]);
      return r;
    },
    'orders.cancel': (i, c) => {
      const caller = signedIn(c);
      const r = ctx.sqlite.transaction(() => {
        const res = writer.apply(i.orderId, caller, i.expectedUpdatedAt, cancel(i.reason, i.restock, i.reasonCode));
        // What it reserved is free again: orders waiting for the same stock may now be covered.
        const moved = allocation.runFor({ orderIds: [i.orderId] }, caller.userId);
        return { res, moved: moved.changedOrderIds };
      })();
      writer.changed([i.orderId, ...r.moved]);
      return r.res;
    },
    'orders.bulk': (i, c) => bulk(i, signedIn(c)),
    'orders.allocateStock': (_i, c) => {
      const r = allocation.run(signedIn(c).userId);
      if (r.changedOrderIds.length) writer.changed(r.changedOrderIds);
      return r;
    },
    'orders.findForPacking': (i) => findForPacking(i.number),
    'orders.packingSlips': (i) => documents.packingSlips(i.orderIds),
    'orders.pickList': (i) => documents.pickList(i.orderIds),
  };
}
