import type { OrderSummary, Queue } from '../../../src-shared/orders';

/** The columns of a queue row, and the row as the contract returns it (list and detail share it). */
export const SUMMARY_COLUMNS = `id, number, name, created_at, customer_name, email, total_minor, currency, financial_status,
  fulfillment_status, queue, exception_reason, item_count, tags, ship_country`;

export interface SummaryRow {
  id: number;
  number: number;
  name: string;
  created_at: string;
  customer_name: string;
  email: string | null;
  total_minor: number;
  currency: string;
  financial_status: OrderSummary['financialStatus'];
  fulfillment_status: OrderSummary['fulfillmentStatus'];
  queue: Queue;
  exception_reason: OrderSummary['exceptionReason'];
  item_count: number;
  tags: string;
  ship_country: string | null;
}

export const toSummary = (r: SummaryRow): OrderSummary => ({
  id: r.id,
  number: r.number,
  name: r.name,
  createdAt: r.created_at,
  customerName: r.customer_name,
  email: r.email,
  totalMinor: r.total_minor,
  currency: r.currency,
  financialStatus: r.financial_status,
  fulfillmentStatus: r.fulfillment_status,
  queue: r.queue,
  exceptionReason: r.exception_reason,
  itemCount: r.item_count,
  tags: r.tags ? r.tags.split(',') : [],
  shipCountry: r.ship_country,
});
