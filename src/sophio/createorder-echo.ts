// Stored order → the createorder response: Sophio's sample response shape, with the fields the store adds.

import { toIso } from '../domain/dates.js'
import type { Address, Order, OrderLine, WeightUnit } from '../domain/order.js'
import type { StatusMap } from '../domain/status.js'
import type { OrderEcho } from './createorder-schema.js'

// The type is the response schema's (createorder-schema.ts): a field the schema lacks, or one it has that is
// not set here, is a compile error — the serialiser, which writes only the schema's fields, cannot drop one.
export type { OrderEcho }

/**
 * Line ids are derived, not stored: lines are rewritten on every update, so a row id would change each time.
 * `orderId × 1000 + position` is stable while a line keeps its place (an order has at most 1000 lines).
 */
export function orderItemId(orderId: number, position: number): number {
  return orderId * 1000 + position + 1
}

/** The response body for one order (camelCase, as ShipStation's REST order that Sophio copies). */
export function echoOrder(o: Order, statusMap: StatusMap): OrderEcho {
  const createDate = toIso(o.createdAt)
  const modifyDate = toIso(o.modifiedAt)
  return {
    orderId: o.id,
    orderNumber: o.orderNumber,
    orderKey: o.orderKey,
    orderDate: toIso(o.orderDate),
    createDate,
    modifyDate,
    paymentDate: isoOrNull(o.paymentDate),
    shipByDate: isoOrNull(o.shipByDate),
    // An unmapped code is echoed as it is: the order was stored, and the read-back says it is unmapped.
    orderStatus: statusMap.get(o.statusCode) ?? o.statusCode,
    sophioStatus: o.statusCode,
    customerId: numericId(o.customerId),
    customerUsername: o.customerUsername,
    customerEmail: o.customerEmail,
    billTo: echoAddress(o.billTo),
    shipTo: echoAddress(o.shipTo),
    items: o.lines.map((l, i) => echoLine(l, orderItemId(o.id, i), createDate, modifyDate)),
    orderTotal: o.orderTotal,
    amountPaid: o.amountPaid,
    taxAmount: o.taxAmount,
    shippingAmount: o.shippingAmount,
    currencyCode: o.currencyCode,
    customerNotes: o.customerNotes,
    internalNotes: o.internalNotes,
    gift: o.gift,
    giftMessage: o.giftMessage,
    paymentMethod: o.paymentMethod,
    requestedShippingService: o.requestedShippingService,
    carrierCode: o.carrierCode,
    serviceCode: o.serviceCode,
    packageCode: o.packageCode,
    confirmation: o.confirmation,
    shipDate: o.shipDate,
    holdUntilDate: null,
    weight: echoWeight(o.weight, o.weightUnits),
    dimensions: null,
    insuranceOptions: { provider: null, insureShipment: false, insuredValue: 0 },
    internationalOptions: { contents: null, customsItems: null, nonDelivery: null },
    advancedOptions: {
      warehouseId: o.warehouseId,
      storeId: o.storeId,
      source: o.source,
      customField1: o.customField1,
      customField2: o.customField2,
      customField3: o.customField3,
    },
    tagIds: [],
    userId: null,
    externallyFulfilled: false,
    externallyFulfilledBy: null,
    labelMessages: null,
  }
}

function echoAddress(a: Address): OrderEcho['shipTo'] {
  return { ...a, addressVerified: null }
}

function echoLine(l: OrderLine, id: number, createDate: string, modifyDate: string): OrderEcho['items'][number] {
  return {
    orderItemId: id,
    lineItemKey: l.lineItemKey,
    sku: l.sku,
    name: l.name,
    imageUrl: l.imageUrl,
    weight: echoWeight(l.weight, l.weightUnits),
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    taxAmount: l.taxAmount,
    shippingAmount: l.shippingAmount,
    warehouseLocation: l.location,
    options: l.options.map((o) => ({ name: o.name, value: o.value, weight: o.weight })),
    productId: numericId(l.productId),
    fulfillmentSku: l.fulfillmentSku,
    adjustment: l.adjustment,
    upc: l.upc,
    createDate,
    modifyDate,
  }
}

function echoWeight(value: number | null, units: WeightUnit | null): OrderEcho['weight'] {
  // Sophio sends the units in lower case ("pounds"); the XML export wants them capitalised.
  return value === null || units === null ? null : { value, units: units.toLowerCase() }
}

function isoOrNull(t: number | null): string | null {
  return t === null ? null : toIso(t)
}

/** ShipStation's REST shape types these ids as integers; keep a non-numeric id as the string it was. */
function numericId(id: string | null): number | string | null {
  if (id === null || !/^\d{1,15}$/.test(id)) return id
  return Number(id)
}
