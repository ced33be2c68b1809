import type { FinancialStatus } from '../../../src-shared/orders';
import type { Rng } from './random';

/**
 * What happened to an order between checkout and `now`. Older orders are
 * shipped and closed; orders from the last days are still being worked (new,
 * ready to pack, on hold, partially shipped, waiting for payment); a steady
 * share is cancelled or refunded; a handful of old ones are stuck, as in any
 * real back office.
 */

export type Gateway = 'shopify_payments' | 'paypal' | 'manual';

export interface Fate {
  gateway: Gateway;
  financial: FinancialStatus;
  cancelledAt: number | null;
  cancelReason: string | null;
  /** All lines shipped at this time. */
  fulfilledAt: number | null;
  /** The first line shipped at this time, the rest not yet. */
  partialAt: number | null;
  holdAt: number | null;
  holdReason: string | null;
  readyToPack: boolean;
  addressProblem: boolean;
  refund: 'none' | 'full' | 'partial';
  refundAt: number | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const HOLD_REASONS = [
  'Customer asked to change the delivery address',
  'Fraud check: billing and shipping countries differ',
  'Waiting for stock from the supplier',
  'Customer asked for a later delivery date',
  'Gift message to confirm with the customer',
  'Carrier could not verify the address',
];

export const CANCEL_REASONS = ['customer', 'inventory', 'fraud', 'declined', 'other'];
const CANCEL_WEIGHTS = [55, 18, 8, 9, 10];

/** A time between a and b, never after `now`. */
const between = (rng: Rng, a: number, b: number, now: number) => Math.min(now - 1000, a + Math.floor(rng.next() * Math.max(0, b - a)));

export function decideFate(rng: Rng, createdMs: number, nowMs: number, lineCount: number, unitCount: number, busyDay: boolean): Fate {
  const age = nowMs - createdMs;
  const g = rng.next();
  const gateway: Gateway = g < 0.65 ? 'shopify_payments' : g < 0.9 ? 'paypal' : 'manual';
  const fate: Fate = {
    gateway,
    financial: 'paid',
    cancelledAt: null,
    cancelReason: null,
    fulfilledAt: null,
    partialAt: null,
    holdAt: null,
    holdReason: null,
    readyToPack: false,
    addressProblem: false,
    refund: 'none',
    refundAt: null,
  };

  // Cancellations happen soon after checkout (fraud checks, "ordered the wrong size").
  if (rng.chance(0.025)) {
    const at = createdMs + 5 * 60_000 + Math.floor(rng.next() * rng.next() * 2 * DAY);
    if (at < nowMs) {
      fate.cancelledAt = at;
      fate.cancelReason = CANCEL_REASONS[rng.weighted(CANCEL_WEIGHTS)] as string;
      fate.financial = gateway === 'shopify_payments' && rng.chance(0.6) ? 'voided' : 'refunded';
      if (fate.financial === 'refunded') {
        fate.refund = 'full';
        fate.refundAt = at;
      }
      return fate;
    }
  }

  // Time to ship: median ~30 h, longer on busy promotion days, capped at 12 days.
  let lag = Math.exp(Math.log(30 * HOUR) + 0.6 * rng.normal());
  if (busyDay) lag *= 1.6;
  lag = Math.min(12 * DAY, Math.max(1.5 * HOUR, lag));
  const stuck = rng.chance(0.003);

  if (createdMs + lag <= nowMs && !stuck) {
    fate.fulfilledAt = createdMs + Math.floor(lag);
    if (rng.chance(0.04)) {
      const at = fate.fulfilledAt + 2 * DAY + Math.floor(rng.next() * 33 * DAY);
      if (at < nowMs) {
        fate.refund = unitCount > 1 && rng.chance(0.6) ? 'partial' : 'full';
        fate.refundAt = at;
        fate.financial = fate.refund === 'full' ? 'refunded' : 'partially_refunded';
      }
    }
    return fate;
  }

  // Still being worked: recent orders (and a few stuck old ones).
  if (gateway === 'manual') fate.financial = rng.chance(stuck ? 0.7 : 0.4) ? 'pending' : 'paid';
  else if (gateway === 'paypal') fate.financial = rng.chance(0.01) ? 'pending' : 'paid';
  else {
    const p = rng.next();
    fate.financial = p < 0.012 ? 'failed' : p < 0.14 ? 'authorized' : 'paid';
  }
  // Old orders stuck in the back office are often stuck on a bad address.
  fate.addressProblem = rng.chance(stuck ? 0.15 : 0.025);
  if (rng.chance(stuck ? 0.35 : 0.04)) {
    fate.holdAt = between(rng, createdMs + 10 * 60_000, createdMs + Math.max(age, 20 * 60_000), nowMs);
    fate.holdReason = rng.pick(HOLD_REASONS);
  }
  if (lineCount > 1 && age > 12 * HOUR && rng.chance(stuck ? 0.4 : 0.18)) {
    fate.partialAt = between(rng, createdMs + 6 * HOUR, nowMs, nowMs);
  }
  fate.readyToPack = age > 3 * HOUR && rng.chance(0.45);
  return fate;
}
