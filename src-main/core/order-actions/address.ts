import { normaliseShippingAddress, validateShippingAddress, type ShippingAddressInput } from '../../../src-shared/address';
import { OmsError } from '../../../src-shared/contract';
import type { Sqlite } from '../../db/open';
import { createOutbox } from '../outbox/outbox';
import type { SearchIndexer } from './search';
import { reassessException, type OrderAction } from './order-writer';

/**
 * Correcting where the parcel goes: validated per country; an address exception
 * clears when the address is complete. An order from a shop platform gets the
 * new address queued for it (order.address) in the same transaction.
 */
export function createAddressUpdate(sqlite: Sqlite, search: SearchIndexer) {
  const update = sqlite.prepare(
    `UPDATE orders SET ship_name = @name, ship_company = @company, ship_address1 = @address1, ship_address2 = @address2, ship_city = @city,
            ship_postcode = @postcode, ship_region = @region, ship_country = @country, ship_phone = @phone WHERE id = @id`,
  );
  const needsShipping = sqlite.prepare<[number], { r: number | null }>('SELECT max(requires_shipping) AS r FROM order_lines WHERE order_id = ?');
  const before = sqlite.prepare('SELECT ship_name, ship_address1, ship_address2, ship_city, ship_postcode, ship_country FROM orders WHERE id = ?');
  const outbox = createOutbox(sqlite);

  return (input: ShippingAddressInput): OrderAction =>
    (row, w) => {
      if (row.status === 'cancelled') throw new OmsError('CONFLICT', `Order ${row.name} is cancelled; its address can no longer change.`);
      if (row.fulfillment_status === 'fulfilled') throw new OmsError('CONFLICT', `Order ${row.name} has already shipped; its address can no longer change.`);
      const problem = validateShippingAddress(input)[0];
      if (problem) throw new OmsError('VALIDATION', `address.${problem.field}: ${problem.message}`, { field: `address.${problem.field}` });
      const a = normaliseShippingAddress(input);
      const old = before.get(row.id) as Record<string, string | null>;
      update.run({ ...a, id: row.id });
      search.reindexOrders([row.id]);
      if (row.platform) {
        outbox.enqueue({
          platform: row.platform,
          kind: 'order.address',
          entityType: 'order',
          entityId: row.id,
          payload: { orderId: row.id, orderExternalId: row.external_id, address: a },
          idempotencyKey: `orderhouse:${row.platform}:address:${row.id}:${w.at}`,
          at: w.at,
        });
      }
      const requiresShipping = (needsShipping.get(row.id)?.r ?? 1) === 1;
      w.set({ exceptionReason: reassessException(row.financial_status, a, requiresShipping, row.exception_reason) });
      w.event('address', `Shipping address changed to ${[a.name, a.address1, a.city, a.postcode, a.country].filter(Boolean).join(', ')}`);
      w.audit('order.address', { from: old, to: a });
      return true;
    };
}
