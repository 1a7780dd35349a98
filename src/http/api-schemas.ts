// JSON schemas of the Sophio JSON API: route validation, response serialisation and the OpenAPI description.

const str = { type: ['string', 'null'] } as const
const num = { type: ['number', 'null'] } as const
const bool = { type: ['boolean', 'null'] } as const
const id = { type: ['integer', 'string', 'null'] } as const
const nullish = { type: 'null' } as const
const iso = { type: ['string', 'null'], format: 'date-time' } as const

const problem = {
  type: 'object',
  properties: {
    path: { type: 'string', description: 'JSON path of the field, e.g. items[1].quantity' },
    message: { type: 'string' },
  },
} as const

export const ProblemList = { type: 'array', items: problem } as const

export const ErrorReply = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      additionalProperties: true,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        parameter: { type: 'string' },
        problems: { ...ProblemList, description: 'INVALID_ORDER only: every failing field' },
        warnings: { ...ProblemList, description: 'INVALID_ORDER only: suspicious values' },
      },
    },
    requestId: { type: 'string' },
  },
} as const

const weight = {
  type: ['object', 'null'],
  properties: { value: { type: 'number' }, units: { type: 'string', description: 'pounds, ounces or grams' } },
} as const

const address = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    company: str,
    street1: str,
    street2: str,
    street3: str,
    city: str,
    state: str,
    postalCode: str,
    country: str,
    phone: str,
    residential: bool,
    addressVerified: nullish,
  },
} as const

const item = {
  type: 'object',
  properties: {
    orderItemId: { type: 'integer', description: 'orderId × 1000 + position (1-based)' },
    lineItemKey: { type: 'string' },
    sku: { type: 'string' },
    name: { type: 'string' },
    imageUrl: str,
    weight,
    quantity: { type: 'integer' },
    unitPrice: { type: 'number' },
    taxAmount: num,
    shippingAmount: num,
    warehouseLocation: str,
    options: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' }, weight: num } },
    },
    productId: id,
    fulfillmentSku: str,
    adjustment: { type: 'boolean' },
    upc: str,
    createDate: iso,
    modifyDate: iso,
  },
} as const

/** The stored order in the shape of Sophio's sample createorder response. */
export const OrderEcho = {
  type: 'object',
  properties: {
    orderId: { type: 'integer' },
    orderNumber: { type: 'string' },
    orderKey: { type: 'string' },
    orderDate: iso,
    createDate: iso,
    modifyDate: { ...iso, description: 'LastModified: moves only when the order changes' },
    paymentDate: iso,
    shipByDate: iso,
    orderStatus: { type: 'string', description: 'ShipStation status the Sophio code maps to' },
    sophioStatus: { type: 'string', description: 'Sophio status code' },
    customerId: id,
    customerUsername: str,
    customerEmail: str,
    billTo: address,
    shipTo: address,
    items: { type: 'array', items: item },
    orderTotal: { type: 'number' },
    amountPaid: num,
    taxAmount: num,
    shippingAmount: { type: 'number' },
    currencyCode: str,
    customerNotes: str,
    internalNotes: str,
    gift: { type: 'boolean' },
    giftMessage: str,
    paymentMethod: str,
    requestedShippingService: str,
    carrierCode: str,
    serviceCode: str,
    packageCode: str,
    confirmation: str,
    shipDate: str,
    holdUntilDate: nullish,
    weight,
    dimensions: nullish,
    insuranceOptions: {
      type: 'object',
      properties: { provider: nullish, insureShipment: { type: 'boolean' }, insuredValue: { type: 'number' } },
    },
    internationalOptions: {
      type: 'object',
      properties: { contents: nullish, customsItems: nullish, nonDelivery: nullish },
    },
    advancedOptions: {
      type: 'object',
      properties: {
        warehouseId: str,
        storeId: str,
        source: str,
        customField1: str,
        customField2: str,
        customField3: str,
      },
    },
    tagIds: { type: 'array', items: { type: 'integer' } },
    userId: nullish,
    externallyFulfilled: { type: 'boolean' },
    externallyFulfilledBy: nullish,
    labelMessages: nullish,
  },
} as const

export const CreateOrderReply = {
  ...OrderEcho,
  properties: {
    ...OrderEcho.properties,
    outcome: { type: 'string', enum: ['created', 'updated', 'unchanged'] },
    warnings: { ...ProblemList, description: 'suspicious but accepted values, stored as sent' },
  },
} as const

export const CreateOrderQuery = {
  type: 'object',
  properties: {
    action: { type: 'string', description: 'CREATE (any case)' },
    authentication: { type: 'string', description: 'BASE64(apiKey:apiSecret); or use HTTP Basic' },
  },
} as const

/** Top-level fields of a createorder body, as documented (the keys are matched in any case). */
const BODY_FIELDS: Record<string, string> = {
  orderNumber: 'string ≤50, required',
  orderKey: 'string ≤100; the upsert key (default: orderNumber)',
  orderDate: 'ISO 8601, required; without an offset taken as UTC',
  paymentDate: 'ISO 8601',
  shipByDate: 'ISO 8601',
  orderStatus: 'awaiting_payment | awaiting_shipment | shipped | cancelled | on_hold, or a Sophio code',
  sophioStatus: 'a Sophio code from the status map (wins over orderStatus)',
  customerId: 'string or number',
  customerUsername: 'string',
  customerEmail: 'string',
  billTo: 'address; defaults to shipTo',
  shipTo: 'address, required: name, street1, city, country (2 letters); state for US/CA',
  items: 'at least one line: sku, name, quantity 1..99999, unitPrice',
  amountPaid: 'number',
  taxAmount: 'number',
  shippingAmount: 'number',
  orderTotal: 'number; default: lines + tax + shipping',
  currencyCode: 'ISO 4217, e.g. USD',
  customerNotes: 'string',
  internalNotes: 'string',
  gift: 'boolean',
  giftMessage: 'string',
  paymentMethod: 'string',
  requestedShippingService: 'string; exported as ShippingMethod',
  carrierCode: 'string; the default carrier applies when carrierCode and serviceCode are both empty',
  serviceCode: 'string',
  packageCode: 'string',
  confirmation: 'string',
  shipDate: 'string',
  weight: '{ value, units: pounds | ounces | grams }',
  dimensions: 'accepted, not stored',
  advancedOptions: '{ warehouseId, source, storeId, customField1..3 }; AdvancedOptions is accepted too',
  tagIds: 'accepted, not stored',
}

/**
 * Deliberately loose: scalar fields carry no `type`, because Fastify's Ajv coerces types (`true` would
 * become quantity 1) and parseCreateOrder reports each problem with its path. The schema says what a
 * schema can: an object with a number, a date, a Ship To object and a non-empty list of line objects.
 */
export const CreateOrderBody = {
  type: 'object',
  required: ['orderNumber', 'orderDate', 'shipTo', 'items'],
  additionalProperties: true,
  properties: {
    ...Object.fromEntries(Object.entries(BODY_FIELDS).map(([k, description]) => [k, { description }])),
    shipTo: { type: 'object', description: BODY_FIELDS.shipTo },
    items: { type: 'array', minItems: 1, items: { type: 'object' }, description: BODY_FIELDS.items },
  },
} as const

export const CREATE_ORDER_KEYS: readonly string[] = Object.keys(BODY_FIELDS)

const historyEntry = {
  type: 'object',
  properties: { fromCode: str, toCode: { type: 'string' }, at: iso, reason: { type: 'string' } },
} as const

const shipment = {
  type: 'object',
  properties: {
    trackingNumber: { type: 'string' },
    carrier: str,
    service: str,
    carrierFee: { ...num, description: 'what the label cost (ShipNotice ShippingCost)' },
    shipDate: { ...str, description: 'yyyy-MM-dd' },
    labelCreateDate: iso,
    notesToBuyer: str,
    buyerNotifiedByShipStation: { ...bool, description: 'true when ShipStation already emailed the buyer' },
    recordedAt: iso,
    items: {
      type: 'array',
      description: 'the lines and quantities in this package',
      items: {
        type: 'object',
        properties: { lineItemKey: str, sku: str, name: str, quantity: { type: 'integer' } },
      },
    },
  },
} as const

export const OrderReadBack = {
  type: 'object',
  properties: {
    order: OrderEcho,
    sophioStatus: { type: 'string' },
    shipStationStatus: { ...str, description: 'null when the code is not in the status map' },
    lastModified: iso,
    history: { type: 'array', items: historyEntry },
    shipments: { type: 'array', items: shipment },
  },
} as const

export const StatusChangeReply = {
  ...OrderReadBack,
  properties: {
    ...OrderReadBack.properties,
    changed: { type: 'boolean', description: 'false when the order already had this code' },
  },
} as const

export const OrderParams = {
  type: 'object',
  required: ['orderNumber'],
  properties: { orderNumber: { type: 'string', minLength: 1, maxLength: 50 } },
} as const

export const StatusChangeBody = {
  type: 'object',
  required: ['code'],
  additionalProperties: false,
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 10, description: 'a Sophio code in the status map, e.g. 9' },
    reason: { type: 'string', maxLength: 200, description: 'kept in the status history' },
  },
} as const
