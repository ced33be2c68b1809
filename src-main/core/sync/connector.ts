/**
 * What the sync engine needs from a shop platform, and the platform-neutral
 * records a connector hands it. A connector pulls one page of changes since an
 * opaque cursor and pushes one outbox item; everything platform-specific
 * (wire format, paging, throttling, retries) stays behind this interface.
 */
import type { Address } from '../../../src-shared/orders';

export const SYNC_RESOURCES = ['locations', 'products', 'inventory', 'customers', 'orders'] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

/** An address as the platform sends it: the same fields as an order's address. */
export type PulledAddress = Address;
export interface PulledLocation { externalId: string; name: string; active: boolean; updatedAt: string }
export interface PulledVariant { externalId: string; inventoryItemId: string | null; sku: string | null; barcode: string | null; title: string | null; priceMinor: number; currency: string }
export interface PulledProduct { externalId: string; title: string; productType: string | null; vendor: string | null; tags: string[]; status: string; createdAt: string; updatedAt: string; variants: PulledVariant[] }
export interface PulledInventoryItem {
  inventoryItemId: string;
  variantExternalId: string | null;
  unitCostMinor: number | null;
  weightGrams: number | null;
  updatedAt: string;
  levels: { locationExternalId: string; onHand: number }[];
}
export interface PulledCustomer {
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  acceptsMarketing: boolean;
  createdAt: string;
  updatedAt: string;
  addresses: PulledAddress[];
}
export interface PulledOrderLine {
  externalId: string;
  variantExternalId: string | null;
  sku: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
  taxMinor: number;
  requiresShipping: boolean;
}
export interface PulledOrder {
  externalId: string;
  number: number;
  name: string;
  customer: { externalId: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null } | null;
  email: string | null;
  phone: string | null;
  currency: string;
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  refundedMinor: number;
  financialStatus: 'pending' | 'authorized' | 'paid' | 'partially_paid' | 'partially_refunded' | 'refunded' | 'voided' | 'failed';
  fulfillmentStatus: 'unfulfilled' | 'partial' | 'fulfilled';
  status: 'open' | 'cancelled' | 'closed';
  cancelledAt: string | null;
  cancelReason: string | null;
  tags: string[];
  note: string | null;
  ship: PulledAddress | null;
  gateway: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  createdAt: string;
  updatedAt: string;
  lines: PulledOrderLine[];
  fulfilments: { externalId: string; status: string; createdAt: string; deliveredAt: string | null; locationExternalId: string | null; trackingCompany: string | null; trackingNumber: string | null; trackingUrl: string | null; lines: { lineExternalId: string; quantity: number }[] }[];
  refunds: { externalId: string; createdAt: string; note: string | null; amountMinor: number; lines: { lineExternalId: string; quantity: number; amountMinor: number; restock: boolean }[] }[];
}

export interface PulledRecords {
  locations: PulledLocation;
  products: PulledProduct;
  inventory: PulledInventoryItem;
  customers: PulledCustomer;
  orders: PulledOrder;
}

/** One record of a page: parsed, or refused with the reason (and the scrubbed payload, for the quarantine). */
export type PullItem<R extends SyncResource> =
  | { ok: true; record: PulledRecords[R] }
  | { ok: false; externalId: string | null; reason: string; payload: unknown };

export interface PullPage<R extends SyncResource> {
  items: PullItem<R>[];
  /** Store with the rows of this page, in the same transaction. */
  nextCursor: string;
  /** True when this page reached the end of the changes. */
  done: boolean;
  /** Records of this pass handed out so far, of how many, when the platform said (a bulk first import). */
  progress?: { done: number; total: number };
  /**
   * A page of a first import read in bulk (the whole shop, in order): the engine
   * may load it as a bulk load — derived tables rebuilt once when the pass ends
   * instead of by triggers row by row (sync/bulk-load.ts).
   */
  bulk?: boolean;
}

/** An outbox row as the connector sees it: platform ids already looked up by the engine. */
export interface PushItem {
  id: number;
  kind: string;
  idempotencyKey: string;
  payload: Record<string, unknown>;
  /**
   * An earlier attempt may have reached the platform (it was sent, or failed, before):
   * a push without an idempotency key reads back before sending again.
   */
  mayHaveBeenSent?: boolean;
  /** When the change was queued: what the platform made before cannot be this change's effect. */
  queuedAt?: string;
}
export interface PushResult {
  /** The platform id of what the push created (fulfilment, refund), so the next pull matches it. */
  externalId?: string | null;
  /** order.create: the platform ids of the new order's lines, in the order they were sent. */
  lineExternalIds?: string[];
}

/** Why a call failed: `retryable` errors are tried again later; the others need a person. */
export class ConnectorError extends Error {
  constructor(
    readonly kind: 'auth' | 'network' | 'server' | 'throttled' | 'query' | 'rejected',
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface Connector {
  readonly platform: string;
  pull<R extends SyncResource>(resource: R, cursor: string | null, signal?: AbortSignal): Promise<PullPage<R>>;
  push(item: PushItem, signal?: AbortSignal): Promise<PushResult>;
  /**
   * A cursor that reads again every change since `to` (quarantine retry). Only
   * called between passes (`continuesPass` false); a cursor that has not
   * finished its first full read is returned unchanged.
   */
  rewind(cursor: string | null, to: string): string;
  /**
   * One record read again by its platform id, mapped like a pulled one: null when
   * the platform no longer has it, undefined when this connector cannot fetch
   * that resource by id (the engine then rewinds the cursor instead).
   */
  fetchOne?<R extends SyncResource>(resource: R, externalId: string, signal?: AbortSignal): Promise<PullItem<R> | null | undefined>;
  /** True when the cursor is in the middle of a pass (a later page, an unfinished bulk file). */
  continuesPass?(cursor: string | null): boolean;
}
