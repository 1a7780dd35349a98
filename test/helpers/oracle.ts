// An independent export writer built on xmlbuilder2: the oracle the fast writer is checked against.

import { create } from 'xmlbuilder2'
import { formatShipStationDate } from '../../src/domain/dates.js'
import type { Order } from '../../src/domain/order.js'

const clean = (s: string) => Array.from(s.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, ''))

/** Whole characters while their UTF-16 length (what .NET's string.Length counts) stays within `max`. */
function fitUtf16(chars: string[], max: number): string {
  let out = ''
  for (const c of chars) {
    if (out.length + c.length > max) break
    out += c
  }
  return out
}

/** Same contract as the writer, written the slow, obvious way. */
export function oracleOrdersXml(pages: number, orders: { order: Order; status: string }[]): string {
  const root = create({ version: '1.0', encoding: 'utf-8' }).ele('Orders', { pages: String(pages) })
  for (const { order: o, status } of orders) {
    const e = root.ele('Order')
    const text = (parent: typeof e, name: string, v: string | null, max: number, always = false) => {
      if (v === null || v === '') {
        if (always) parent.ele(name)
        return
      }
      parent.ele(name).txt(fitUtf16(clean(v), max))
    }
    const money = (n: number) => n.toFixed(2)
    text(e, 'OrderID', String(o.id), 50)
    text(e, 'OrderNumber', o.orderNumber, 50)
    e.ele('OrderDate').txt(formatShipStationDate(o.orderDate))
    text(e, 'OrderStatus', status, 50)
    e.ele('LastModified').txt(formatShipStationDate(o.modifiedAt))
    text(e, 'ShippingMethod', o.requestedShippingService, 100)
    text(e, 'PaymentMethod', o.paymentMethod, 50)
    text(e, 'CurrencyCode', o.currencyCode, 3)
    e.ele('OrderTotal').txt(money(o.orderTotal))
    if (o.taxAmount !== null) e.ele('TaxAmount').txt(money(o.taxAmount))
    e.ele('ShippingAmount').txt(money(o.shippingAmount))
    text(e, 'CustomerNotes', o.customerNotes, 1000)
    text(e, 'InternalNotes', o.internalNotes, 1000)
    e.ele('Gift').txt(String(o.gift))
    text(e, 'GiftMessage', o.giftMessage, 1000)
    text(e, 'CustomField1', o.customField1, 100)
    text(e, 'CustomField2', o.customField2, 100)
    text(e, 'CustomField3', o.customField3, 100)
    text(e, 'RequestedWarehouse', o.warehouseId, 100)
    text(e, 'Source', o.source, 50)
    const c = e.ele('Customer')
    const email = o.customerEmail ?? o.customerUsername
    text(c, 'CustomerCode', email ?? o.customerId ?? o.orderNumber, 50)
    for (const [tag, a] of [
      ['BillTo', o.billTo],
      ['ShipTo', o.shipTo],
    ] as const) {
      const x = c.ele(tag)
      text(x, 'Name', tag === 'BillTo' ? a.name || o.shipTo.name : a.name, 100)
      text(x, 'Company', a.company, 100)
      text(x, 'Phone', a.phone, 50)
      if (tag === 'BillTo') text(x, 'Email', email, 100)
      text(x, 'Address1', a.street1, 200)
      text(x, 'Address2', [a.street2, a.street3].filter(Boolean).join(', ') || null, 200)
      text(x, 'City', a.city, 100)
      text(x, 'State', a.state, 100)
      text(x, 'PostalCode', a.postalCode, 50)
      text(x, 'Country', a.country, 2)
    }
    const items = e.ele('Items')
    for (const l of o.lines) {
      const i = items.ele('Item')
      text(i, 'LineItemID', l.lineItemKey, 50)
      text(i, 'SKU', l.sku, 100, true)
      text(i, 'Name', l.name, 200)
      text(i, 'ImageUrl', l.imageUrl, 500)
      if (l.weight !== null && l.weightUnits !== null) {
        i.ele('Weight').txt(String(l.weight))
        i.ele('WeightUnits').txt(l.weightUnits)
      }
      i.ele('Quantity').txt(String(l.quantity))
      i.ele('UnitPrice').txt(money(l.unitPrice))
      text(i, 'Location', l.location, 100)
      text(i, 'UPC', l.upc, 12)
      i.ele('Adjustment').txt(String(l.adjustment))
      if (l.options.length > 0) {
        const opts = i.ele('Options')
        for (const opt of l.options) {
          const oe = opts.ele('Option')
          text(oe, 'Name', opt.name, 100, true)
          text(oe, 'Value', opt.value, 100, true)
          if (opt.weight !== null) oe.ele('Weight').txt(String(opt.weight))
        }
      }
    }
  }
  return root.end({ prettyPrint: false })
}
