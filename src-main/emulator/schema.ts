/**
 * The subset of the Shopify Admin GraphQL schema the emulator serves: the types,
 * fields and arguments the connector uses, spelled as the platform spells them,
 * so a query that passes here is a query the real API understands.
 */
export const EMULATOR_SDL = /* GraphQL */ `
directive @idempotent(key: String!) on FIELD

scalar DateTime
scalar Decimal
scalar Money
scalar URL
scalar UnsignedInt64

enum CurrencyCode { USD EUR GBP CAD AUD NZD JPY CHF SEK NOK DKK PLN CZK }
enum ProductStatus { ACTIVE ARCHIVED DRAFT }
enum ProductSortKeys { ID TITLE UPDATED_AT CREATED_AT }
enum CustomerSortKeys { ID NAME UPDATED_AT CREATED_AT }
enum OrderSortKeys { ID NUMBER UPDATED_AT CREATED_AT PROCESSED_AT }
enum LocationSortKeys { ID NAME }
enum CustomerEmailAddressMarketingState { SUBSCRIBED NOT_SUBSCRIBED UNSUBSCRIBED PENDING INVALID REDACTED }
enum OrderDisplayFinancialStatus { PENDING AUTHORIZED PARTIALLY_PAID PAID PARTIALLY_REFUNDED REFUNDED VOIDED EXPIRED }
enum OrderDisplayFulfillmentStatus { UNFULFILLED PARTIALLY_FULFILLED FULFILLED RESTOCKED PENDING_FULFILLMENT OPEN IN_PROGRESS ON_HOLD SCHEDULED REQUEST_DECLINED }
enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
enum FulfillmentStatus { SUCCESS CANCELLED ERROR FAILURE OPEN PENDING }
enum FulfillmentDisplayStatus { ATTEMPTED_DELIVERY CANCELED CARRIER_PICKED_UP CONFIRMED DELAYED DELIVERED FAILURE FULFILLED IN_TRANSIT LABEL_PRINTED LABEL_PURCHASED LABEL_VOIDED MARKED_AS_FULFILLED NOT_DELIVERED OUT_FOR_DELIVERY PICKED_UP READY_FOR_PICKUP SUBMITTED }
enum FulfillmentOrderStatus { OPEN IN_PROGRESS CANCELLED INCOMPLETE CLOSED SCHEDULED ON_HOLD }
enum RefundLineItemRestockType { NO_RESTOCK CANCEL RETURN LEGACY_RESTOCK }
enum OrderTransactionKind { SALE CAPTURE AUTHORIZATION VOID REFUND CHANGE EMV_AUTHORIZATION SUGGESTED_REFUND }
enum OrderTransactionStatus { SUCCESS FAILURE PENDING ERROR AWAITING_RESPONSE UNKNOWN }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
type Attribute { key: String! value: String }
type UserError { field: [String!] message: String! }

type Shop { name: String! myshopifyDomain: String! currencyCode: CurrencyCode! ianaTimezone: String! }

type LocationAddress { address1: String city: String zip: String countryCode: String }
type Location {
  id: ID! legacyResourceId: String! name: String! isActive: Boolean! address: LocationAddress! updatedAt: DateTime!
  inventoryLevels(first: Int, after: String, query: String, includeInactive: Boolean): InventoryLevelConnection!
}
type LocationConnection { nodes: [Location!]! pageInfo: PageInfo! }

type Product {
  id: ID! title: String! productType: String! vendor: String! tags: [String!]! status: ProductStatus!
  createdAt: DateTime! updatedAt: DateTime!
  variants(first: Int, after: String): ProductVariantConnection!
}
type ProductConnection { nodes: [Product!]! edges: [ProductEdge!]! pageInfo: PageInfo! }
type ProductEdge { node: Product! cursor: String! }
type ProductVariant {
  id: ID! title: String! sku: String barcode: String price: Money! updatedAt: DateTime!
  product: Product! inventoryItem: InventoryItem!
}
type ProductVariantConnection { nodes: [ProductVariant!]! edges: [ProductVariantEdge!]! pageInfo: PageInfo! }
type ProductVariantEdge { node: ProductVariant! cursor: String! }
type Weight { unit: String! value: Float! }
type InventoryItemMeasurement { weight: Weight }
type InventoryItem {
  id: ID! sku: String tracked: Boolean! requiresShipping: Boolean! unitCost: MoneyV2 measurement: InventoryItemMeasurement!
  updatedAt: DateTime! variant: ProductVariant!
  inventoryLevels(first: Int, after: String, query: String, includeInactive: Boolean): InventoryLevelConnection!
}
type InventoryItemConnection { nodes: [InventoryItem!]! edges: [InventoryItemEdge!]! pageInfo: PageInfo! }
type InventoryItemEdge { node: InventoryItem! cursor: String! }
type InventoryQuantity { name: String! quantity: Int! }
type InventoryLevel { id: ID! location: Location! item: InventoryItem! quantities(names: [String!]!): [InventoryQuantity!]! updatedAt: DateTime! }
type InventoryLevelConnection { nodes: [InventoryLevel!]! edges: [InventoryLevelEdge!]! pageInfo: PageInfo! }
type InventoryLevelEdge { node: InventoryLevel! cursor: String! }

type CustomerEmailAddress { emailAddress: String! marketingState: CustomerEmailAddressMarketingState! }
type CustomerPhoneNumber { phoneNumber: String! }
type MailingAddress { id: ID! name: String company: String address1: String address2: String city: String zip: String province: String country: String countryCodeV2: String phone: String }
type Customer {
  id: ID! firstName: String lastName: String displayName: String! note: String tags: [String!]!
  defaultEmailAddress: CustomerEmailAddress defaultPhoneNumber: CustomerPhoneNumber
  defaultAddress: MailingAddress addresses(first: Int): [MailingAddress!]!
  createdAt: DateTime! updatedAt: DateTime!
}
type CustomerConnection { nodes: [Customer!]! edges: [CustomerEdge!]! pageInfo: PageInfo! }
type CustomerEdge { node: Customer! cursor: String! }

type CardPaymentDetails { company: String number: String }
union PaymentDetails = CardPaymentDetails
type OrderTransaction { id: ID! kind: OrderTransactionKind! status: OrderTransactionStatus! gateway: String amountSet: MoneyBag! paymentDetails: PaymentDetails createdAt: DateTime! }
type TaxLine { title: String! rate: Float priceSet: MoneyBag! }
type LineItem {
  id: ID! title: String! variantTitle: String sku: String quantity: Int! currentQuantity: Int! requiresShipping: Boolean!
  originalUnitPriceSet: MoneyBag! totalDiscountSet: MoneyBag! taxLines(first: Int): [TaxLine!]! variant: ProductVariant
}
type LineItemConnection { nodes: [LineItem!]! edges: [LineItemEdge!]! pageInfo: PageInfo! }
type LineItemEdge { node: LineItem! cursor: String! }
type FulfillmentTrackingInfo { company: String number: String url: URL }
type FulfillmentLineItem { id: ID! lineItem: LineItem! quantity: Int }
type FulfillmentLineItemConnection { nodes: [FulfillmentLineItem!]! pageInfo: PageInfo! }
type Fulfillment {
  id: ID! status: FulfillmentStatus! createdAt: DateTime! updatedAt: DateTime! location: Location
  deliveredAt: DateTime displayStatus: FulfillmentDisplayStatus
  trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  fulfillmentLineItems(first: Int, after: String): FulfillmentLineItemConnection!
}
type RefundLineItem { id: ID lineItem: LineItem! quantity: Int! restockType: RefundLineItemRestockType! restocked: Boolean! subtotalSet: MoneyBag! }
type RefundLineItemConnection { nodes: [RefundLineItem!]! pageInfo: PageInfo! }
type Refund { id: ID! createdAt: DateTime note: String totalRefundedSet: MoneyBag! refundLineItems(first: Int, after: String): RefundLineItemConnection! }
type FulfillmentOrderLineItem { id: ID! totalQuantity: Int! remainingQuantity: Int! lineItem: LineItem! }
type FulfillmentOrderLineItemConnection { nodes: [FulfillmentOrderLineItem!]! pageInfo: PageInfo! }
type FulfillmentOrder { id: ID! status: FulfillmentOrderStatus! lineItems(first: Int, after: String): FulfillmentOrderLineItemConnection! }
type FulfillmentOrderConnection { nodes: [FulfillmentOrder!]! pageInfo: PageInfo! }
type Order {
  id: ID! name: String! createdAt: DateTime! updatedAt: DateTime! processedAt: DateTime! cancelledAt: DateTime cancelReason: OrderCancelReason
  closed: Boolean! email: String phone: String note: String tags: [String!]! currencyCode: CurrencyCode!
  displayFinancialStatus: OrderDisplayFinancialStatus displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  subtotalPriceSet: MoneyBag totalDiscountsSet: MoneyBag totalShippingPriceSet: MoneyBag! totalTaxSet: MoneyBag totalPriceSet: MoneyBag! totalRefundedSet: MoneyBag!
  customer: Customer shippingAddress: MailingAddress paymentGatewayNames: [String!]! customAttributes: [Attribute!]!
  transactions(first: Int): [OrderTransaction!]!
  lineItems(first: Int, after: String): LineItemConnection!
  fulfillments(first: Int): [Fulfillment!]!
  refunds(first: Int): [Refund!]!
  fulfillmentOrders(first: Int, after: String): FulfillmentOrderConnection!
}
type OrderConnection { nodes: [Order!]! edges: [OrderEdge!]! pageInfo: PageInfo! }
type OrderEdge { node: Order! cursor: String! }

enum BulkOperationStatus { CANCELED CANCELING COMPLETED CREATED EXPIRED FAILED RUNNING }
enum BulkOperationErrorCode { ACCESS_DENIED INTERNAL_SERVER_ERROR TIMEOUT }
enum BulkOperationType { QUERY MUTATION }
type BulkOperation {
  id: ID! status: BulkOperationStatus! errorCode: BulkOperationErrorCode type: BulkOperationType! query: String!
  objectCount: UnsignedInt64! rootObjectCount: UnsignedInt64! fileSize: UnsignedInt64 url: URL partialDataUrl: URL createdAt: DateTime! completedAt: DateTime
}
type BulkOperationUserError { field: [String!] message: String! }
type BulkOperationRunQueryPayload { bulkOperation: BulkOperation userErrors: [BulkOperationUserError!]! }

type Query {
  shop: Shop!
  locations(first: Int, after: String, query: String, sortKey: LocationSortKeys, reverse: Boolean, includeInactive: Boolean): LocationConnection!
  products(first: Int, after: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
  inventoryItems(first: Int, after: String, query: String, reverse: Boolean): InventoryItemConnection!
  customers(first: Int, after: String, query: String, sortKey: CustomerSortKeys, reverse: Boolean): CustomerConnection!
  orders(first: Int, after: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  order(id: ID!): Order
  product(id: ID!): Product
  location(id: ID): Location
  bulkOperation(id: ID!): BulkOperation
}

input FulfillmentOrderLineItemInput { id: ID! quantity: Int! }
input FulfillmentOrderLineItemsInput { fulfillmentOrderId: ID! fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!] }
input FulfillmentTrackingInput { company: String number: String url: URL }
input FulfillmentInput { lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]! trackingInfo: FulfillmentTrackingInput notifyCustomer: Boolean }
type FulfillmentCreatePayload { fulfillment: Fulfillment userErrors: [UserError!]! }

input OrderInput { id: ID! note: String tags: [String!] email: String }
type OrderUpdatePayload { order: Order userErrors: [UserError!]! }

input InventoryChangeInput { delta: Int! inventoryItemId: ID! locationId: ID! ledgerDocumentUri: String }
input InventoryAdjustQuantitiesInput { reason: String! name: String! referenceDocumentUri: String changes: [InventoryChangeInput!]! }
type InventoryChange { name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location }
type InventoryAdjustmentGroup { id: ID! createdAt: DateTime! reason: String! changes: [InventoryChange!]! }
type InventoryAdjustQuantitiesUserError { field: [String!] message: String! code: String }
type InventoryAdjustQuantitiesPayload { inventoryAdjustmentGroup: InventoryAdjustmentGroup userErrors: [InventoryAdjustQuantitiesUserError!]! }

input RefundLineItemInput { lineItemId: ID! quantity: Int! restockType: RefundLineItemRestockType locationId: ID }
input OrderTransactionInput { amount: Money! gateway: String! kind: OrderTransactionKind! orderId: ID! parentId: ID }
input RefundInput { orderId: ID! note: String notify: Boolean refundLineItems: [RefundLineItemInput!] transactions: [OrderTransactionInput!] }
type RefundCreatePayload { refund: Refund order: Order userErrors: [UserError!]! }

type OrderCancelUserError { field: [String!] message: String! code: String }
type OrderCancelPayload { job: Job orderCancelUserErrors: [OrderCancelUserError!]! userErrors: [UserError!]! }
type Job { id: ID! done: Boolean! }

type Mutation {
  bulkOperationRunQuery(query: String!, groupObjects: Boolean!): BulkOperationRunQueryPayload
  fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  orderUpdate(input: OrderInput!): OrderUpdatePayload
  inventoryAdjustQuantities(input: InventoryAdjustQuantitiesInput!): InventoryAdjustQuantitiesPayload
  refundCreate(input: RefundInput!): RefundCreatePayload
  orderCancel(orderId: ID!, reason: OrderCancelReason!, refund: Boolean!, restock: Boolean!, notifyCustomer: Boolean, staffNote: String): OrderCancelPayload
}
`;
