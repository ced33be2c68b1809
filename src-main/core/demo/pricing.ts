/**
 * Order arithmetic in integer minor units, exact by construction:
 *   subtotal = Σ price × quantity
 *   discount = Σ line discount      (an order-level discount spread over the lines)
 *   tax      = Σ line tax + shipping tax
 *   total    = subtotal − discount + shipping + tax
 */

export interface PricedLine {
  priceMinor: number;
  quantity: number;
  /** Filled in by priceOrder. */
  discountMinor: number;
  /** Filled in by priceOrder. */
  taxMinor: number;
}

export interface OrderTotals {
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  taxMinor: number;
  totalMinor: number;
}

/** Tax on an amount at a rate in thousandths of a percent (20000 = 20 %), rounded half up. */
export const taxOn = (amountMinor: number, taxMilli: number): number => Math.round((amountMinor * taxMilli) / 100_000);

/**
 * Spreads `orderDiscount` over the lines in proportion to their value (floor,
 * then the leftover units one by one from the first line), taxes each line on
 * its discounted value and the shipping where the country taxes it.
 */
export function priceOrder(lines: PricedLine[], orderDiscount: number, shippingMinor: number, taxMilli: number, shippingTaxed: boolean): OrderTotals {
  let subtotal = 0;
  for (const l of lines) subtotal += l.priceMinor * l.quantity;
  const discount = Math.max(0, Math.min(orderDiscount, subtotal));
  let given = 0;
  for (const l of lines) {
    l.discountMinor = subtotal === 0 ? 0 : Math.floor((discount * l.priceMinor * l.quantity) / subtotal);
    given += l.discountMinor;
  }
  for (let k = 0; given < discount; k = (k + 1) % lines.length) {
    const l = lines[k] as PricedLine;
    if (l.discountMinor < l.priceMinor * l.quantity) {
      l.discountMinor++;
      given++;
    }
  }
  let tax = 0;
  for (const l of lines) {
    l.taxMinor = taxOn(l.priceMinor * l.quantity - l.discountMinor, taxMilli);
    tax += l.taxMinor;
  }
  const shippingTax = shippingTaxed ? taxOn(shippingMinor, taxMilli) : 0;
  tax += shippingTax;
  return {
    subtotalMinor: subtotal,
    discountMinor: discount,
    shippingMinor,
    shippingTaxMinor: shippingTax,
    taxMinor: tax,
    totalMinor: subtotal - discount + shippingMinor + tax,
  };
}

/** What refunding `quantity` units of a line returns to the customer: their share of price, discount and tax. */
export function lineRefund(l: PricedLine, quantity: number): number {
  if (quantity >= l.quantity) return l.priceMinor * l.quantity - l.discountMinor + l.taxMinor;
  return l.priceMinor * quantity - Math.floor((l.discountMinor * quantity) / l.quantity) + Math.floor((l.taxMinor * quantity) / l.quantity);
}
