import type { ExchangeOptions } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import type { ReturnQueries } from './rma-store';

/** For an exchange: the other variants (sizes, colours) of each returned product, with the stock on hand. */
export function createExchangeOptions(ctx: CoreContext, queries: ReturnQueries) {
  const siblings = ctx.sqlite.prepare<[number], { id: number; sku: string | null; title: string | null; on_hand: number }>(
    `SELECT v.id, v.sku, v.title, coalesce((SELECT sum(s.on_hand) FROM stock_levels s JOIN locations loc ON loc.id = s.location_id AND loc.active = 1 WHERE s.variant_id = v.id), 0) AS on_hand
       FROM variants v WHERE v.product_id = (SELECT product_id FROM variants WHERE id = ?) ORDER BY v.id`,
  );
  return function exchangeOptions(id: number): ExchangeOptions {
    const r = queries.get(id);
    return {
      lines: r.lines.map((l) => ({
        returnLineId: l.id,
        title: l.title,
        quantity: l.quantity,
        currentVariantId: l.variantId,
        options: l.variantId === null ? [] : siblings.all(l.variantId).map((v) => ({ variantId: v.id, sku: v.sku, title: v.title, onHand: v.on_hand })),
      })),
    };
  };
}
