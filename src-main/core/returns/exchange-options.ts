import type { ExchangeOptions } from '../../../src-shared/returns/types';
import type { CoreContext } from '../context';
import type { ReturnQueries } from './rma-store';

/** For an exchange: the other variants (sizes, colours) of each returned product, with the stock on hand and the price difference it would make. */
export function createExchangeOptions(ctx: CoreContext, queries: ReturnQueries) {
  const unitPrice = ctx.sqlite.prepare<[number], { price_minor: number }>('SELECT price_minor FROM order_lines WHERE id = ?');
  const siblings = ctx.sqlite.prepare<[number], { id: number; sku: string | null; title: string | null; price_minor: number; on_hand: number }>(
    `SELECT v.id, v.sku, v.title, v.price_minor, coalesce((SELECT sum(s.on_hand) FROM stock_levels s JOIN locations loc ON loc.id = s.location_id AND loc.active = 1 WHERE s.variant_id = v.id), 0) AS on_hand
       FROM variants v WHERE v.product_id = (SELECT product_id FROM variants WHERE id = ?) ORDER BY v.id`,
  );
  return function exchangeOptions(id: number): ExchangeOptions {
    const r = queries.get(id);
    return {
      currency: r.currency,
      lines: r.lines.map((l) => {
        const paid = unitPrice.get(l.orderLineId)?.price_minor ?? 0;
        return {
          returnLineId: l.id,
          title: l.title,
          quantity: l.quantity,
          currentVariantId: l.variantId,
          // The same item is always an even exchange, whatever its price today (as resolve prices it).
          options: l.variantId === null ? [] : siblings.all(l.variantId).map((v) => ({ variantId: v.id, sku: v.sku, title: v.title, onHand: v.on_hand, differenceMinor: v.id === l.variantId ? 0 : (v.price_minor - paid) * l.quantity })),
        };
      }),
    };
  };
}
