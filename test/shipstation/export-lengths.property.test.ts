// Property: every length-limited export field fits its maximum as .NET counts it (UTF-16 units), as a prefix.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Order, OrderLine } from '../../src/domain/order.js'
import { type WriteContext, writeOrdersDocument } from '../../src/shipstation/export-writer.js'
import { removeIllegalXmlChars } from '../../src/shipstation/xml-text.js'
import { domainOrder, line } from '../helpers/domain-orders.js'
import { assertValidOrdersXml } from '../helpers/validate-xml.js'
import { ordersOf } from '../helpers/xml.js'

type Parsed = Record<string, any>
interface Target {
  order: Order
  ctx: WriteContext
}

/** A free-text element: its maximum, where the writer takes it from, and its path in the parsed `<Order>`. */
const field = (path: string, max: number, set: (t: Target, v: string) => void, url = false) => ({ path, max, set, url })
const at = (x: Parsed, path: string): unknown => path.split('/').reduce<any>((v, k) => v?.[k], x)
const item = (t: Target) => t.order.lines[0] as OrderLine
const option = (t: Target) => item(t).options[0] as OrderLine['options'][number]

/** Every free-text element of the spec's tables. CustomerCode is the email, so it is read from Email's input. */
const FIELDS = [
  field('OrderNumber', 50, (t, v) => (t.order.orderNumber = v)),
  field('OrderStatus', 50, (t, v) => (t.ctx.orderStatus = v)),
  field('RequestedWarehouse', 100, (t, v) => (t.ctx.requestedWarehouse = v)),
  field('ShippingMethod', 100, (t, v) => (t.order.requestedShippingService = v)),
  field('PaymentMethod', 50, (t, v) => (t.order.paymentMethod = v)),
  field('CustomerNotes', 1000, (t, v) => (t.order.customerNotes = v)),
  field('InternalNotes', 1000, (t, v) => (t.order.internalNotes = v)),
  field('GiftMessage', 1000, (t, v) => (t.order.giftMessage = v)),
  field('CustomField1', 100, (t, v) => (t.order.customField1 = v)),
  field('CustomField2', 100, (t, v) => (t.order.customField2 = v)),
  field('CustomField3', 100, (t, v) => (t.order.customField3 = v)),
  field('Source', 50, (t, v) => (t.order.source = v)),
  field('Customer/BillTo/Email', 100, (t, v) => (t.order.customerEmail = v)),
  ...(['billTo', 'shipTo'] as const).flatMap((key) => {
    const tag = `Customer/${key === 'billTo' ? 'BillTo' : 'ShipTo'}`
    return [
      field(`${tag}/Name`, 100, (t, v) => (t.order[key].name = v)),
      field(`${tag}/Company`, 100, (t, v) => (t.order[key].company = v)),
      field(`${tag}/Phone`, 50, (t, v) => (t.order[key].phone = v)),
      field(`${tag}/Address1`, 200, (t, v) => (t.order[key].street1 = v)),
      field(`${tag}/Address2`, 200, (t, v) => (t.order[key].street2 = v)),
      field(`${tag}/City`, 100, (t, v) => (t.order[key].city = v)),
      field(`${tag}/State`, 100, (t, v) => (t.order[key].state = v)),
      field(`${tag}/PostalCode`, 50, (t, v) => (t.order[key].postalCode = v)),
    ]
  }),
  field('Items/Item/0/LineItemID', 50, (t, v) => (item(t).lineItemKey = v)),
  field('Items/Item/0/SKU', 100, (t, v) => (item(t).sku = v)),
  field('Items/Item/0/Name', 200, (t, v) => (item(t).name = v)),
  field('Items/Item/0/ImageUrl', 500, (t, v) => (item(t).imageUrl = v), true),
  field('Items/Item/0/Location', 100, (t, v) => (item(t).location = v)),
  field('Items/Item/0/UPC', 12, (t, v) => (item(t).upc = v)),
  field('Items/Item/0/Options/Option/0/Name', 100, (t, v) => (option(t).name = v)),
  field('Items/Item/0/Options/Option/0/Value', 100, (t, v) => (option(t).value = v)),
]
const EMAIL = FIELDS.findIndex((f) => f.path === 'Customer/BillTo/Email')
const CHECKS = [...FIELDS.map((f, i) => ({ ...f, input: i })), { path: 'Customer/CustomerCode', max: 50, input: EMAIL }]

/**
 * Astral characters (2 units each) mixed with BMP text and characters XML cannot carry, so a cut often falls
 * on a surrogate pair. No CR: a parser reads CR LF as LF, which the other property covers.
 */
const unit = fc.oneof(
  fc.constantFrom('😀', '🚚', '𝄞', 'a', 'é', ' ', '\u0001', '\uD800', '\uFFFE', '<', ']]>'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\r'),
)
/** Starts with a character XML can carry, so required elements are never left empty by the cleaning. */
const textNear = (max: number) =>
  fc
    .tuple(fc.constantFrom('A', '😀'), fc.string({ unit, minLength: Math.floor(max / 2) - 1, maxLength: max + 4 }))
    .map(([head, rest]) => head + rest)

/** An image address with astral characters in its path (the XSD types ImageUrl as xs:anyURI). */
const urlNear = (max: number) =>
  fc
    .string({ unit: fc.constantFrom('😀', '𝄞', 'a', 'é', '-'), minLength: max - 30, maxLength: max + 4 })
    .map((path) => `https://img.example.com/${path}`)

describe('export field lengths', () => {
  it('any text → at most the maximum in UTF-16 units, a prefix of the cleaned input, at most one unit short', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...FIELDS.map((f) => (f.url ? urlNear(f.max) : textNear(f.max)))), async (texts) => {
        const t: Target = { order: domainOrder({ lines: [line()] }), ctx: { orderStatus: '', requestedWarehouse: null } }
        FIELDS.forEach((f, i) => f.set(t, texts[i] as string))
        const xml = writeOrdersDocument(1, [t])
        await assertValidOrdersXml(xml)
        const parsed = ordersOf(xml)[0] as Parsed
        for (const c of CHECKS) {
          const cleaned = removeIllegalXmlChars(texts[c.input] as string)
          const value = at(parsed, c.path)
          expect(typeof value, c.path).toBe('string')
          const v = value as string
          expect(v.length, `${c.path}: UTF-16 length`).toBeLessThanOrEqual(c.max)
          expect(cleaned.startsWith(v), `${c.path}: a prefix of the input`).toBe(true)
          // Shorter than the maximum only by the half of a surrogate pair that did not fit.
          expect(v.length, `${c.path}: cut too short`).toBeGreaterThanOrEqual(Math.min(cleaned.length, c.max - 1))
        }
      }),
      // No shrinking: each run validates a large document with libxml2, and a long shrink would hit the timeout.
      { numRuns: 30, endOnFailure: true },
    )
  }, 60_000)
})
