/**
 * Stock allocation. Every open order that still has items to ship reserves
 * them, oldest order first: "available" for an order is what is on hand
 * across active locations minus what older, covered orders already reserve.
 * An order is covered only when every one of its lines is; a short order
 * reserves nothing, so it does not block newer orders that can ship (it goes
 * to Exceptions as "Not enough stock" until stock arrives).
 */
export interface AllocationOrder {
  id: number;
  /** Units still to ship per variant (lines of the same variant summed by the caller or not). */
  needs: { variantId: number; quantity: number }[];
}

export interface AllocationResult {
  /** Orders that cannot be covered, with the variants they are short of. */
  short: Map<number, { variantId: number; needed: number; available: number }[]>;
  /** Units reserved per variant by covered orders. */
  reserved: Map<number, number>;
}

/**
 * @param onHand units on hand per variant (negative levels count as zero)
 * @param orders open orders with something left to ship, oldest first
 */
export function allocate(onHand: ReadonlyMap<number, number>, orders: readonly AllocationOrder[]): AllocationResult {
  const reserved = new Map<number, number>();
  const short = new Map<number, { variantId: number; needed: number; available: number }[]>();
  for (const o of orders) {
    const need = new Map<number, number>();
    for (const n of o.needs) if (n.quantity > 0) need.set(n.variantId, (need.get(n.variantId) ?? 0) + n.quantity);
    const missing: { variantId: number; needed: number; available: number }[] = [];
    for (const [variantId, quantity] of need) {
      const available = Math.max(0, onHand.get(variantId) ?? 0) - (reserved.get(variantId) ?? 0);
      if (quantity > available) missing.push({ variantId, needed: quantity, available: Math.max(0, available) });
    }
    if (missing.length) {
      short.set(o.id, missing);
      continue;
    }
    for (const [variantId, quantity] of need) reserved.set(variantId, (reserved.get(variantId) ?? 0) + quantity);
  }
  return { short, reserved };
}

/** Available to promise for one variant: on hand minus what covered orders reserve. */
export function availableOf(onHand: number, reserved: number): number {
  return Math.max(0, onHand) - reserved;
}
