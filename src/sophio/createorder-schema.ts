// Sophio createorder as TypeBox schemas: the body as documented, the echo as answered — each schema is also its type.

import { type Static, type TOptional, type TUnknown, Type } from 'typebox'
import { Nullable, NullableBoolean, NullableDateTime, NullableId, NullableNumber, NullableString } from './json-types.js'

const Problem = Type.Object({
  path: Type.String({ description: 'JSON path of the field, e.g. items[1].quantity' }),
  message: Type.String(),
})

/** `[{ path, message }]`: what parseCreateOrder reports, errors and warnings alike. */
export function ProblemList(options: { description?: string } = {}) {
  return Type.Array(Problem, options)
}

const Weight = Nullable(
  Type.Object({ value: Type.Number(), units: Type.String({ description: 'pounds, ounces or grams' }) }),
)

const Address = Type.Object({
  name: Type.String(),
  company: NullableString,
  street1: NullableString,
  street2: NullableString,
  street3: NullableString,
  city: NullableString,
  state: NullableString,
  postalCode: NullableString,
  country: NullableString,
  phone: NullableString,
  residential: NullableBoolean,
  addressVerified: Type.Null(),
})

const Item = Type.Object({
  orderItemId: Type.Integer({ description: 'orderId × 1000 + position (1-based)' }),
  lineItemKey: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  imageUrl: NullableString,
  weight: Weight,
  quantity: Type.Integer(),
  unitPrice: Type.Number(),
  taxAmount: NullableNumber,
  shippingAmount: NullableNumber,
  warehouseLocation: NullableString,
  options: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), weight: NullableNumber })),
  productId: NullableId,
  fulfillmentSku: NullableString,
  adjustment: Type.Boolean(),
  upc: NullableString,
  createDate: NullableDateTime(),
  modifyDate: NullableDateTime(),
})

/**
 * The stored order in the shape of Sophio's sample createorder response. Every field is required: the
 * echo builder must set each one (a compile error otherwise), and the serialiser refuses an order without it.
 */
export const OrderEcho = Type.Object({
  orderId: Type.Integer(),
  orderNumber: Type.String(),
  orderKey: Type.String(),
  orderDate: NullableDateTime(),
  createDate: NullableDateTime(),
  modifyDate: NullableDateTime({ description: 'LastModified: moves only when the order changes' }),
  paymentDate: NullableDateTime(),
  shipByDate: NullableDateTime(),
  orderStatus: Type.String({ description: 'ShipStation status the Sophio code maps to' }),
  sophioStatus: Type.String({ description: 'Sophio status code' }),
  customerId: NullableId,
  customerUsername: NullableString,
  customerEmail: NullableString,
  billTo: Address,
  shipTo: Address,
  items: Type.Array(Item),
  orderTotal: Type.Number(),
  amountPaid: NullableNumber,
  taxAmount: NullableNumber,
  shippingAmount: Type.Number(),
  currencyCode: NullableString,
  customerNotes: NullableString,
  internalNotes: NullableString,
  gift: Type.Boolean(),
  giftMessage: NullableString,
  paymentMethod: NullableString,
  requestedShippingService: NullableString,
  carrierCode: NullableString,
  serviceCode: NullableString,
  packageCode: NullableString,
  confirmation: NullableString,
  shipDate: NullableString,
  holdUntilDate: Type.Null(),
  weight: Weight,
  dimensions: Type.Null(),
  insuranceOptions: Type.Object({
    provider: Type.Null(),
    insureShipment: Type.Boolean(),
    insuredValue: Type.Number(),
  }),
  internationalOptions: Type.Object({ contents: Type.Null(), customsItems: Type.Null(), nonDelivery: Type.Null() }),
  advancedOptions: Type.Object({
    warehouseId: NullableString,
    storeId: NullableString,
    source: NullableString,
    customField1: NullableString,
    customField2: NullableString,
    customField3: NullableString,
  }),
  tagIds: Type.Array(Type.Integer()),
  userId: Type.Null(),
  externallyFulfilled: Type.Boolean(),
  externallyFulfilledBy: Type.Null(),
  labelMessages: Type.Null(),
})
export type OrderEcho = Static<typeof OrderEcho>

/** The createorder answer: the echo, and what the upsert did. */
export const CreateOrderReply = Type.Object({
  ...OrderEcho.properties,
  outcome: Type.Enum(['created', 'updated', 'unchanged'], { type: 'string' }),
  warnings: ProblemList({ description: 'suspicious but accepted values, stored as sent' }),
})
export type CreateOrderReply = Static<typeof CreateOrderReply>

/**
 * Top-level fields of a createorder body, as documented (the keys are matched in any case). Each is a field
 * of the echo too: a name here that the echo does not have is a compile error.
 */
const BODY_FIELDS = {
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
} as const satisfies Partial<Record<keyof OrderEcho, string>>

type BodyField = keyof typeof BODY_FIELDS

/** Every documented field as `{ description }`: a schema that accepts any value (parseCreateOrder judges it). */
const described = Object.fromEntries(
  Object.entries(BODY_FIELDS).map(([k, description]) => [k, Type.Optional(Type.Unknown({ description }))]),
) as { [K in BodyField]: TOptional<TUnknown> }

/**
 * Deliberately loose: scalar fields carry no `type`, because Fastify's Ajv coerces types (`true` would
 * become quantity 1) and parseCreateOrder reports each problem with its path. The schema says what a
 * schema can: an object with a number, a date, a Ship To object and a non-empty list of line objects.
 */
export const CreateOrderBody = Type.Object(
  {
    ...described,
    orderNumber: Type.Unknown({ description: BODY_FIELDS.orderNumber }),
    orderDate: Type.Unknown({ description: BODY_FIELDS.orderDate }),
    shipTo: Type.Unsafe<Record<string, unknown>>({ type: 'object', description: BODY_FIELDS.shipTo }),
    items: Type.Array(Type.Unsafe<Record<string, unknown>>({ type: 'object' }), {
      minItems: 1,
      description: BODY_FIELDS.items,
    }),
  },
  { additionalProperties: true },
)

export const CREATE_ORDER_KEYS: readonly BodyField[] = Object.keys(BODY_FIELDS) as BodyField[]
