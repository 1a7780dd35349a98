// TypeBox schemas of the Sophio JSON API: route validation, response serialisation, the OpenAPI description — and the types.

import { type Static, Type } from 'typebox'
import { OrderEcho, ProblemList } from '../sophio/createorder-schema.js'
import { Nullable, NullableDateTime, NullableString } from '../sophio/json-types.js'

export const ErrorReply = Type.Object({
  error: Type.Object(
    {
      code: Type.String(),
      message: Type.String(),
      parameter: Type.Optional(Type.String()),
      problems: Type.Optional(ProblemList({ description: 'INVALID_ORDER only: every failing field' })),
      warnings: Type.Optional(ProblemList({ description: 'INVALID_ORDER only: suspicious values' })),
    },
    { additionalProperties: true },
  ),
  requestId: Type.String(),
})

export const CreateOrderQuery = Type.Object({
  action: Type.Optional(Type.String({ description: 'CREATE (any case)' })),
  authentication: Type.Optional(Type.String({ description: 'BASE64(apiKey:apiSecret); or use HTTP Basic' })),
})

const HistoryEntry = Type.Object({
  fromCode: NullableString,
  toCode: Type.String(),
  at: NullableDateTime(),
  reason: Type.String(),
})

const Shipment = Type.Object({
  trackingNumber: Type.String(),
  carrier: NullableString,
  service: NullableString,
  carrierFee: Nullable(Type.Number(), { description: 'what the label cost (ShipNotice ShippingCost)' }),
  shipDate: Nullable(Type.String(), { description: 'yyyy-MM-dd' }),
  labelCreateDate: NullableDateTime(),
  notesToBuyer: NullableString,
  buyerNotifiedByShipStation: Nullable(Type.Boolean(), {
    description: 'true when ShipStation already emailed the buyer',
  }),
  recordedAt: NullableDateTime(),
  items: Type.Array(
    Type.Object({ lineItemKey: NullableString, sku: NullableString, name: NullableString, quantity: Type.Integer() }),
    { description: 'the lines and quantities in this package' },
  ),
})

export const OrderReadBack = Type.Object({
  order: OrderEcho,
  sophioStatus: Type.String(),
  shipStationStatus: Nullable(Type.String(), { description: 'null when the code is not in the status map' }),
  lastModified: NullableDateTime(),
  history: Type.Array(HistoryEntry),
  shipments: Type.Array(Shipment),
})
export type OrderReadBack = Static<typeof OrderReadBack>

export const StatusChangeReply = Type.Object({
  ...OrderReadBack.properties,
  changed: Type.Boolean({ description: 'false when the order already had this code' }),
})
export type StatusChangeReply = Static<typeof StatusChangeReply>

export const OrderParams = Type.Object({ orderNumber: Type.String({ minLength: 1, maxLength: 50 }) })

export const StatusChangeBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 10, description: 'a Sophio code in the status map, e.g. 9' }),
    reason: Type.Optional(Type.String({ maxLength: 200, description: 'kept in the status history' })),
  },
  { additionalProperties: false },
)
