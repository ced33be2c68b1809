/**
 * The Admin GraphQL the connector sends. Page sizes keep each query's requested
 * cost under the platform's 1,000-point single-query limit; nested lists that
 * may overflow carry pageInfo so the connector can fetch the rest.
 */
const MONEY = 'shopMoney { amount currencyCode }';
const ADDRESS = 'name company address1 address2 city zip province countryCodeV2 phone';
const PAGE = 'pageInfo { hasNextPage endCursor }';

export const LOCATIONS_QUERY = `query Locations($first: Int!, $after: String) {
  locations(first: $first, after: $after, includeInactive: true) { nodes { id name isActive updatedAt } ${PAGE} }
}`;

const VARIANT = 'id title sku barcode price updatedAt inventoryItem { id }';
export const PRODUCTS_QUERY = `query Products($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { id title productType vendor tags status createdAt updatedAt variants(first: 20) { nodes { ${VARIANT} } ${PAGE} } }
    ${PAGE}
  }
}`;
export const PRODUCT_VARIANTS_QUERY = `query ProductVariants($id: ID!, $after: String) {
  product(id: $id) { variants(first: 100, after: $after) { nodes { ${VARIANT} } ${PAGE} } }
}`;

export const INVENTORY_QUERY = `query Inventory($first: Int!, $after: String, $query: String) {
  inventoryItems(first: $first, after: $after, query: $query) {
    nodes {
      id updatedAt unitCost { amount currencyCode } measurement { weight { unit value } } variant { id }
      inventoryLevels(first: 10) { nodes { location { id } quantities(names: ["on_hand"]) { name quantity } } pageInfo { hasNextPage } }
    }
    ${PAGE}
  }
}`;

export const CUSTOMERS_QUERY = `query Customers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes {
      id firstName lastName note createdAt updatedAt
      defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber }
      addresses(first: 5) { ${ADDRESS} }
    }
    ${PAGE}
  }
}`;

/** The incremental levels phase (inventory-levels.ts): the shop's locations, then each one's levels changed since the pass began. */
export const LEVEL_LOCATIONS_QUERY = `query LevelLocations($after: String) {
  locations(first: 50, after: $after, includeInactive: true) { nodes { id } ${PAGE} }
}`;
export const LOCATION_LEVELS_QUERY = `query LocationLevels($id: ID!, $first: Int!, $after: String, $query: String) {
  location(id: $id) {
    inventoryLevels(first: $first, after: $after, query: $query) {
      nodes { id updatedAt quantities(names: ["on_hand"]) { name quantity } item { id updatedAt unitCost { amount currencyCode } measurement { weight { unit value } } variant { id } } }
      ${PAGE}
    }
  }
}`;

const orderFields = (lines: number, fulfilments: number, refunds: number, nested: number) => `
  id name createdAt updatedAt cancelledAt cancelReason closed email phone note tags currencyCode
  displayFinancialStatus displayFulfillmentStatus
  subtotalPriceSet { ${MONEY} } totalDiscountsSet { ${MONEY} } totalShippingPriceSet { ${MONEY} }
  totalTaxSet { ${MONEY} } totalPriceSet { ${MONEY} } totalRefundedSet { ${MONEY} }
  customer { id firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
  shippingAddress { ${ADDRESS} }
  paymentGatewayNames
  customAttributes { key value }
  transactions(first: 1) { gateway paymentDetails { ... on CardPaymentDetails { company number } } }
  lineItems(first: ${lines}) {
    nodes { id title variantTitle sku quantity requiresShipping originalUnitPriceSet { ${MONEY} } totalDiscountSet { ${MONEY} } taxLines(first: 2) { priceSet { ${MONEY} } } variant { id } }
    pageInfo { hasNextPage }
  }
  fulfillments(first: ${fulfilments}) {
    id status createdAt updatedAt deliveredAt displayStatus location { id } trackingInfo(first: 1) { company number url }
    fulfillmentLineItems(first: ${nested}) { nodes { quantity lineItem { id } } pageInfo { hasNextPage } }
  }
  refunds(first: ${refunds}) {
    id createdAt note totalRefundedSet { ${MONEY} }
    refundLineItems(first: ${nested}) { nodes { quantity restockType subtotalSet { ${MONEY} } lineItem { id } } pageInfo { hasNextPage } }
  }`;

/** Limits of the page query: an order beyond them is read again on its own with the wider query. */
export const ORDER_PAGE_LIMITS = { lines: 5, fulfilments: 2, refunds: 2, nested: 5 };
export const ORDER_DETAIL_LIMITS = { lines: 30, fulfilments: 4, refunds: 4, nested: 10 };

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${orderFields(ORDER_PAGE_LIMITS.lines, ORDER_PAGE_LIMITS.fulfilments, ORDER_PAGE_LIMITS.refunds, ORDER_PAGE_LIMITS.nested)} }
    ${PAGE}
  }
}`;
export const ORDER_DETAIL_QUERY = `query OrderDetail($id: ID!) {
  order(id: $id) { ${orderFields(ORDER_DETAIL_LIMITS.lines, ORDER_DETAIL_LIMITS.fulfilments, ORDER_DETAIL_LIMITS.refunds, ORDER_DETAIL_LIMITS.nested)} }
}`;

/** Page sizes per resource (cost-bounded, see the note above). */
export const PAGE_SIZE = { locations: 50, products: 10, inventory: 20, customers: 80, orders: 5 } as const;

/**
 * fulfillmentCreate, orderUpdate and orderCancel go without `@idempotent`: the
 * 2026-04 schema says the directive is "Only supported on mutations that
 * explicitly document idempotency support in their description", and theirs do
 * not. Fulfilments and cancellations are read back before they are sent
 * (order-push.ts); orderUpdate sets note and tags to absolute values, so sending
 * it twice has the effect of sending it once.
 */
export const FULFILLMENT_ORDERS_QUERY = `query FulfillmentOrders($id: ID!) {
  order(id: $id) { id fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 50) { nodes { id remainingQuantity lineItem { id } } } } } }
}`;
/** Read only when an earlier attempt may have landed: the order's fulfilments, to find the one it made. */
export const FULFILMENTS_READBACK_QUERY = `query FulfilmentsReadback($id: ID!) {
  order(id: $id) { id fulfillments(first: 15) { id status createdAt trackingInfo(first: 1) { number } fulfillmentLineItems(first: 20) { nodes { quantity lineItem { id } } } } }
}`;
export const FULFILLMENT_CREATE = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
}`;
export const ORDER_UPDATE = `mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) { order { id updatedAt } userErrors { field message } }
}`;
export const ORDER_CANCELLED_QUERY = `query OrderCancelled($id: ID!) { order(id: $id) { id cancelledAt } }`;
export const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, refund: false, restock: true, notifyCustomer: false, staffNote: $staffNote) {
    job { id } orderCancelUserErrors { field message code }
  }
}`;
export const INVENTORY_ADJUST = `mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) { inventoryAdjustmentGroup { id } userErrors { field message code } }
}`;
export const REFUND_CREATE = `mutation RefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) { refund { id } userErrors { field message } }
}`;

// ── bulk operations (first import) ─────────────────────────────────────────
/** Bulk queries read whole connections (edges { node }, no first) into JSONL; nested connection nodes come as their own lines with __parentId. */
const BULK_ORDER_FIELDS = orderFields(0, 50, 50, 100).replace(
  /lineItems\(first: 0\) \{\s*nodes \{([\s\S]*?)\}\s*pageInfo \{ hasNextPage \}\s*\}/,
  (_m, fields: string) => `lineItems { edges { node {${fields}} } }`,
);
export const BULK_QUERIES = {
  orders: `{ orders { edges { node { ${BULK_ORDER_FIELDS} } } } }`,
  customers: `{ customers { edges { node { id firstName lastName note createdAt updatedAt defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber } addresses(first: 20) { ${ADDRESS} } } } } }`,
  products: `{ products { edges { node { id title productType vendor tags status createdAt updatedAt variants { edges { node { ${VARIANT} } } } } } } }`,
  // Levels come as child lines (__parentId); they carry their own id so the reader knows their type.
  inventory: `{ inventoryItems { edges { node { id updatedAt unitCost { amount currencyCode } measurement { weight { unit value } } variant { id } inventoryLevels { edges { node { id location { id } quantities(names: ["on_hand"]) { name quantity } } } } } } } }`,
} as const;
export const BULK_RUN = `mutation BulkRun($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) { bulkOperation { id status createdAt } userErrors { field message } }
}`;
export const BULK_STATUS = `query BulkStatus($id: ID!) {
  bulkOperation(id: $id) { id status errorCode objectCount fileSize url createdAt }
}`;
