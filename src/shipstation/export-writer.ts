// The export document (<Orders>): a hand-written string writer, fast enough to stream pages of orders.

import { formatShipStationDate } from '../domain/dates.js'
import type { Address, Order, OrderInput, OrderLine } from '../domain/order.js'
import { cdata, escapeXml, removeIllegalXmlChars, truncateUtf16 } from './xml-text.js'

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

export interface WriteContext {
  /** The `OrderStatus` value to export for the order. */
  orderStatus: string
  /** `RequestedWarehouse`, already mapped from the order's warehouse code. */
  requestedWarehouse: string | null
}

/** Fields whose value was cut to fit the spec's maximum length. */
export type Truncations = string[]

/** The opening of the document. */
export function ordersOpen(pages: number): string {
  return `${XML_DECLARATION}<Orders pages="${pages}">\n`
}

export const ORDERS_CLOSE = '</Orders>\n'

/** The document for a page with no orders. */
export function emptyOrders(pages: number): string {
  return `${XML_DECLARATION}<Orders pages="${pages}"/>\n`
}

/** Whole document in one string (tests and small pages). */
export function writeOrdersDocument(pages: number, orders: readonly { order: Order; ctx: WriteContext }[]): string {
  if (orders.length === 0) return emptyOrders(pages)
  let out = ordersOpen(pages)
  for (const { order, ctx } of orders) out += writeOrder(order, ctx, [])
  return out + ORDERS_CLOSE
}

/**
 * Version of the stored order body. Bump it whenever `writeOrderBody`'s output changes: bodies stored
 * by an older version are re-rendered when exported. Version 2: lengths cut in UTF-16 units, not code points.
 */
export const ORDER_BODY_VERSION = 2

/** One `<Order>` element. Names of truncated fields are pushed onto `truncated`. */
export function writeOrder(o: Order, ctx: WriteContext, truncated: Truncations): string {
  return writeOrderHead(o.id, o.modifiedAt, ctx) + writeOrderBody(o, truncated)
}

/**
 * The start of an `<Order>`: what changes without the order's content changing — its id, status word
 * (status map and mode are settings), LastModified and mapped warehouse. `xs:all` lets them come first.
 */
export function writeOrderHead(id: number, modifiedAt: number, ctx: WriteContext): string {
  const w = new ElementWriter([])
  w.out = '<Order>'
  w.raw('OrderID', String(id))
  w.text('OrderStatus', ctx.orderStatus, 50)
  w.raw('LastModified', formatShipStationDate(modifiedAt))
  w.text('RequestedWarehouse', ctx.requestedWarehouse, 100)
  return w.out
}

/**
 * The rest of the `<Order>`, up to and including `</Order>`: a function of the order's content alone,
 * so it is rendered once when the order is written and stored beside it.
 */
export function writeOrderBody(o: OrderInput, truncated: Truncations): string {
  const w = new ElementWriter(truncated)
  w.text('OrderNumber', o.orderNumber, 50)
  w.raw('OrderDate', formatShipStationDate(o.orderDate))
  w.text('ShippingMethod', o.requestedShippingService, 100)
  w.text('PaymentMethod', o.paymentMethod, 50)
  if (o.currencyCode) w.raw('CurrencyCode', o.currencyCode)
  w.raw('OrderTotal', money(o.orderTotal))
  if (o.taxAmount !== null) w.raw('TaxAmount', money(o.taxAmount))
  w.raw('ShippingAmount', money(o.shippingAmount))
  w.text('CustomerNotes', o.customerNotes, 1000)
  w.text('InternalNotes', o.internalNotes, 1000)
  w.raw('Gift', o.gift ? 'true' : 'false')
  w.text('GiftMessage', o.giftMessage, 1000)
  w.text('CustomField1', o.customField1, 100)
  w.text('CustomField2', o.customField2, 100)
  w.text('CustomField3', o.customField3, 100)
  w.text('Source', o.source, 50)
  writeCustomer(w, o)
  w.out += '<Items>'
  for (const line of o.lines) writeItem(w, line)
  w.out += '</Items></Order>\n'
  return w.out
}

function writeCustomer(w: ElementWriter, o: OrderInput): void {
  const email = o.customerEmail ?? o.customerUsername
  w.out += '<Customer>'
  // CustomerCode is required: the buyer's email, else their id, else the order number (never empty).
  w.text('CustomerCode', firstWritable(email, o.customerId, o.orderNumber), 50)
  w.out += '<BillTo>'
  w.text('Name', firstWritable(o.billTo.name, o.shipTo.name), 100)
  w.text('Company', o.billTo.company, 100)
  w.text('Phone', o.billTo.phone, 50)
  w.text('Email', email, 100)
  writeAddressParts(w, o.billTo)
  w.out += '</BillTo><ShipTo>'
  w.text('Name', o.shipTo.name, 100)
  w.text('Company', o.shipTo.company, 100)
  writeAddressParts(w, o.shipTo)
  w.text('Phone', o.shipTo.phone, 50)
  w.out += '</ShipTo></Customer>'
}

/**
 * The first value with something left once the characters XML cannot carry are gone (an email of control
 * characters must not leave a required element empty); the last one when none has.
 */
function firstWritable(...values: (string | null)[]): string | null {
  return values.find((v) => v && removeIllegalXmlChars(v) !== '') ?? values[values.length - 1] ?? null
}

function writeAddressParts(w: ElementWriter, a: Address): void {
  w.text('Address1', a.street1, 200)
  // The Custom Store schema has no Address3: street3 joins Address2.
  w.text('Address2', [a.street2, a.street3].filter(Boolean).join(', ') || null, 200)
  w.text('City', a.city, 100)
  w.text('State', a.state, 100)
  w.text('PostalCode', a.postalCode, 50)
  if (a.country) w.raw('Country', a.country)
}

function writeItem(w: ElementWriter, l: OrderLine): void {
  w.out += '<Item>'
  w.text('LineItemID', l.lineItemKey, 50)
  w.text('SKU', l.sku, 100, true)
  w.text('Name', l.name, 200)
  w.text('ImageUrl', l.imageUrl, 500)
  if (l.weight !== null && l.weightUnits !== null) {
    w.raw('Weight', weight(l.weight))
    w.raw('WeightUnits', l.weightUnits)
  }
  w.raw('Quantity', String(l.quantity))
  w.raw('UnitPrice', money(l.unitPrice))
  w.text('Location', l.location, 100)
  w.text('UPC', l.upc, 12)
  w.raw('Adjustment', l.adjustment ? 'true' : 'false')
  if (l.options.length > 0) {
    w.out += '<Options>'
    for (const opt of l.options.slice(0, 10)) {
      w.out += '<Option>'
      w.text('Name', opt.name, 100, true)
      w.text('Value', opt.value, 100, true)
      if (opt.weight !== null) w.raw('Weight', weight(opt.weight))
      w.out += '</Option>'
    }
    w.out += '</Options>'
  }
  w.out += '</Item>'
}

class ElementWriter {
  out = ''
  constructor(private readonly truncated: Truncations) {}

  /** Free text in CDATA; omitted when empty unless `always` (required elements). */
  text(name: string, value: string | null, max: number, always = false): void {
    if (value === null || value === '') {
      if (always) this.out += `<${name}/>`
      return
    }
    let v = removeIllegalXmlChars(value)
    const cut = truncateUtf16(v, max)
    if (cut.length !== v.length) {
      this.truncated.push(name)
      v = cut
    }
    this.out += `<${name}>${cdata(v)}</${name}>`
  }

  /** A value we produced ourselves (number, date, enumeration): escaped, never CDATA. */
  raw(name: string, value: string): void {
    this.out += `<${name}>${escapeXml(value)}</${name}>`
  }
}

/** Two decimals, no thousands separator; clamped into decimal(9,2). */
export function money(n: number): string {
  const clamped = Math.max(-9_999_999.99, Math.min(9_999_999.99, n))
  const s = clamped.toFixed(2)
  return s === '-0.00' ? '0.00' : s
}

/** Up to four decimals, trailing zeros dropped but never fewer than one. */
function weight(n: number): string {
  return String(Math.round(n * 10_000) / 10_000)
}
