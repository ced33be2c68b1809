import { OmsError, type FulfilResult, type OrderActionResult, type ParsedInputOf } from '../../../src-shared/contract';
import type { FulfillmentStatus } from '../../../src-shared/orders';
import type { Caller, CoreContext } from '../context';
import { createOutbox } from '../outbox/outbox';
import { createStockLedger } from '../stock/ledger';
import type { Allocation } from './allocation';
import type { OrderWriter } from './order-writer';
import { createLocationPicker } from './pick-location';

interface LineRow {
  id: number;
  external_id: string | null;
  variant_id: number | null;
  sku: string | null;
  title: string;
  quantity: number;
  fulfilled_quantity: number;
  refunded_quantity: number;
}

/** Still to ship on one line. */
export const remainingOf = (l: { quantity: number; fulfilled_quantity: number; refunded_quantity: number }) => Math.max(0, l.quantity - l.fulfilled_quantity - l.refunded_quantity);

/**
 * orders.fulfil: in one transaction — check the lines and quantities, record
 * the fulfilment and its lines, move the stock out through the ledger at the
 * location, queue the push to the platform (orders that came from one), set
 * the fulfilment status and queue, timeline and audit. Nothing is half-done:
 * a failure anywhere rolls all of it back.
 */
export function createFulfil(ctx: CoreContext, writer: OrderWriter, allocation: Allocation) {
  const { sqlite } = ctx;
  const ledger = createStockLedger(sqlite);
  const outbox = createOutbox(sqlite);
  const pickLocation = createLocationPicker(sqlite);
  const lines = sqlite.prepare<[number], LineRow>(
    'SELECT id, external_id, variant_id, sku, title, quantity, fulfilled_quantity, refunded_quantity FROM order_lines WHERE order_id = ? ORDER BY id',
  );
  const insertFulfilment = sqlite.prepare(
    `INSERT INTO fulfilments(order_id, platform, location_id, status, tracking_company, tracking_number, user_id, created_at)
     VALUES (?, ?, ?, 'success', ?, ?, ?, ?)`,
  );
  const insertFulfilmentLine = sqlite.prepare('INSERT INTO fulfilment_lines(fulfilment_id, order_line_id, quantity) VALUES (?, ?, ?)');
  const addFulfilled = sqlite.prepare('UPDATE order_lines SET fulfilled_quantity = fulfilled_quantity + ? WHERE id = ?');

  return function fulfil(input: ParsedInputOf<'orders.fulfil'>, caller: Caller): FulfilResult {
    let extra: Omit<FulfilResult, keyof OrderActionResult> | null = null;
    let wasShort = false;
    const result = sqlite.transaction(() => {
      const r = writer.apply(input.orderId, caller, input.expectedUpdatedAt, (row, w) => {
        if (row.status === 'cancelled') throw new OmsError('CONFLICT', `Order ${row.name} was cancelled; do not ship it. Put the items back.`);
        if (row.on_hold === 1) throw new OmsError('CONFLICT', `Order ${row.name} is on hold (${row.hold_reason ?? 'no reason'}); it must be released before it ships.`);
        if (row.exception_reason === 'payment_failed') throw new OmsError('CONFLICT', `Order ${row.name}: the payment failed; do not ship it.`);
        wasShort = row.exception_reason === 'stock_short';

        const all = lines.all(row.id);
        const byId = new Map(all.map((l) => [l.id, l]));
        const seen = new Set<number>();
        const wanted: { line: LineRow; quantity: number }[] = [];
        input.lines.forEach((want, i) => {
          const line = byId.get(want.lineId);
          if (!line) throw new OmsError('VALIDATION', `lines.${i}.lineId: line ${want.lineId} is not on order ${row.name}.`, { field: `lines.${i}.lineId` });
          if (seen.has(want.lineId)) throw new OmsError('VALIDATION', `lines.${i}.lineId: line ${want.lineId} is listed twice.`, { field: `lines.${i}.lineId` });
          seen.add(want.lineId);
          const left = remainingOf(line);
          if (want.quantity > left) {
            throw new OmsError(
              'VALIDATION',
              `lines.${i}.quantity: ${line.sku ?? line.title} has ${left === 0 ? 'nothing' : `only ${left}`} left to fulfil, not ${want.quantity}.`,
              { field: `lines.${i}.quantity` },
            );
          }
          wanted.push({ line, quantity: want.quantity });
        });
        const byHand = (input.handVerified ?? []).map((h, i) => {
          const w = wanted.find((x) => x.line.id === h.lineId);
          if (!w) throw new OmsError('VALIDATION', `handVerified.${i}.lineId: line ${h.lineId} is not among the lines being fulfilled.`, { field: `handVerified.${i}.lineId` });
          if (h.quantity > w.quantity) throw new OmsError('VALIDATION', `handVerified.${i}.quantity: only ${w.quantity} of ${w.line.sku ?? w.line.title} ship now, not ${h.quantity}.`, { field: `handVerified.${i}.quantity` });
          return { lineId: h.lineId, sku: w.line.sku, title: w.line.title, quantity: h.quantity };
        });

        const location = pickLocation(
          wanted.map((x) => ({ variantId: x.line.variant_id, quantity: x.quantity })),
          input.locationId,
        );
        const fulfilmentId = Number(
          insertFulfilment.run(row.id, row.platform, location?.id ?? null, input.tracking?.company ?? null, input.tracking?.number ?? null, caller.userId, w.at).lastInsertRowid,
        );
        let movements = 0;
        const warnings: string[] = [];
        for (const { line, quantity } of wanted) {
          insertFulfilmentLine.run(fulfilmentId, line.id, quantity);
          addFulfilled.run(quantity, line.id);
          line.fulfilled_quantity += quantity;
          if (line.variant_id !== null && location) {
            ledger.move({ variantId: line.variant_id, locationId: location.id, delta: -quantity, reason: 'fulfilment', refType: 'fulfilment', refId: fulfilmentId, userId: caller.userId, at: w.at });
            movements++;
            const left = ledger.onHand(line.variant_id, location.id);
            if (left < 0) warnings.push(`${line.sku ?? line.title} is now at ${left} in ${location.name}: count it.`);
          }
        }

        const remaining = all.reduce((s, l) => s + remainingOf(l), 0);
        const shipped = all.some((l) => l.fulfilled_quantity > 0);
        const fulfillmentStatus: FulfillmentStatus = remaining === 0 ? 'fulfilled' : shipped ? 'partial' : 'unfulfilled';
        w.set({ fulfillmentStatus, ...(fulfillmentStatus === 'fulfilled' ? { readyToPack: false } : {}) });

        let pushQueued = false;
        if (row.platform) {
          pushQueued = outbox.enqueue({
            platform: row.platform,
            kind: 'fulfilment.create',
            entityType: 'fulfilment',
            entityId: fulfilmentId,
            payload: {
              orderId: row.id,
              orderExternalId: row.external_id,
              locationId: location?.id ?? null,
              locationExternalId: location?.externalId ?? null,
              lines: wanted.map((x) => ({ lineId: x.line.id, lineExternalId: x.line.external_id, quantity: x.quantity })),
              tracking: input.tracking ?? null,
              notifyCustomer: true,
            },
            idempotencyKey: `orderhouse:${row.platform}:fulfilment:${row.id}:${fulfilmentId}`,
            at: w.at,
          });
        }

        const units = wanted.reduce((s, x) => s + x.quantity, 0);
        const where = location ? ` from ${location.name}` : '';
        const track = input.tracking ? ` · ${input.tracking.company} ${input.tracking.number}` : '';
        const hand = byHand.length ? ` · confirmed by hand (no barcode): ${byHand.map((h) => `${h.quantity} × ${h.sku ?? h.title}`).join(', ')}` : '';
        w.event('fulfilment', `${fulfillmentStatus === 'fulfilled' ? 'Fulfilled' : 'Partly fulfilled'}: ${units} item${units === 1 ? '' : 's'}${where}${track}${remaining ? ` · ${remaining} still to ship` : ''}${hand}`);
        w.audit('order.fulfil', {
          fulfilmentId,
          locationId: location?.id ?? null,
          lines: wanted.map((x) => ({ lineId: x.line.id, sku: x.line.sku, quantity: x.quantity })),
          tracking: input.tracking ?? null,
          pushQueued,
          ...(byHand.length ? { handVerified: byHand.map((h) => ({ lineId: h.lineId, sku: h.sku, quantity: h.quantity })) } : {}),
        });
        extra = { fulfilmentId, fulfillmentStatus, locationId: location?.id ?? null, movements, pushQueued, warnings };
        return true;
      });
      // A short order shipped anyway took stock others may have counted on.
      if (wasShort) allocation.runFor({ orderIds: [input.orderId] }, caller.userId);
      return r;
    })();
    const e = extra as Omit<FulfilResult, keyof OrderActionResult> | null;
    if (!e) throw new Error('fulfil finished without a fulfilment');
    return { ...result, ...e };
  };
}
