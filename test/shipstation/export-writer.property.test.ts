// Property: any order the domain can hold exports as a document that validates and reads back to the same values.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatShipStationDate } from '../../src/domain/dates.js'
import type { Address, Order, OrderLine } from '../../src/domain/order.js'
import { money, writeOrdersDocument } from '../../src/shipstation/export-writer.js'
import { removeIllegalXmlChars, truncateUtf16 } from '../../src/shipstation/xml-text.js'
import { domainOrder } from '../helpers/domain-orders.js'
import { assertValidOrdersXml } from '../helpers/validate-xml.js'
import { ordersOf } from '../helpers/xml.js'

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries: what parseCreateOrder can hand the writer, and text it cannot (controls, lone surrogates).

const SPICY = [
  '<',
  '&',
  ']]>',
  ']]',
  '>',
  '\r\n',
  '\r',
  '\n',
  '\t',
  ' ',
  '😀',
  '\u0000',
  '\u0001',
  '\uD800',
  '\uDFFF',
  '\uFFFE',
  '\u0085',
]
const anyChar = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...SPICY) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
)
/** Text up to a little past `max`, so truncation is exercised (long values only now and then: they are slow). */
const text = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: anyChar, maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: anyChar, minLength: max - 3, maxLength: max + 8 }) },
  )
/** Optional text as the intake hands it over: null, never '' (parseCreateOrder turns empty into null). */
const optional = (max: number) => fc.option(text(max), { nil: null }).map((v) => (v === '' ? null : v))
/**
 * Required text starts with a character XML can carry: a value made only of characters it cannot would export
 * as an empty required element (see the "known gap" test below).
 */
const required = (max: number) =>
  fc.tuple(fc.constantFrom('A', 'é', '9', '😀', ' x'), text(max)).map(([head, rest]) => head + rest)
const date = fc.date({
  min: new Date('0001-01-01T00:00:00Z'),
  max: new Date('9999-12-31T23:59:59Z'),
  noInvalidDate: true,
})
const epoch = date.map((d) => d.getTime())
const amount = fc.double({ min: -2e7, max: 2e7, noNaN: true })
const weight = fc.option(fc.double({ min: 0, max: 1_000_000, noNaN: true }), { nil: null })
const upper = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: n, maxLength: n })

const address = (shipTo: boolean): fc.Arbitrary<Address> =>
  fc.record({
    name: shipTo ? required(100) : fc.oneof(fc.constant(''), required(100)),
    company: optional(100),
    street1: shipTo ? required(200) : optional(200),
    street2: optional(200),
    street3: optional(200),
    city: shipTo ? required(100) : optional(100),
    state: optional(100),
    postalCode: optional(50),
    country: shipTo ? upper(2) : fc.option(upper(2), { nil: null }),
    phone: optional(50),
    residential: fc.option(fc.boolean(), { nil: null }),
  })

const orderLine: fc.Arbitrary<OrderLine> = fc.record({
  lineItemKey: fc.string({ unit: anyChar, minLength: 1, maxLength: 55 }),
  sku: text(100),
  name: required(200),
  imageUrl: fc.option(fc.webUrl(), { nil: null }),
  weight,
  weightUnits: fc.constantFrom('Pounds', 'Ounces', 'Grams') as fc.Arbitrary<OrderLine['weightUnits']>,
  quantity: fc.integer({ min: 1, max: 99_999 }),
  unitPrice: amount,
  taxAmount: fc.constant(null),
  shippingAmount: fc.constant(null),
  location: optional(100),
  upc: optional(12),
  adjustment: fc.boolean(),
  productId: fc.constant(null),
  fulfillmentSku: fc.constant(null),
  options: fc.array(fc.record({ name: required(100), value: text(100), weight }), { maxLength: 12 }),
})

const order: fc.Arbitrary<Order> = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 }),
  orderKey: fc.constant('k'),
  orderNumber: required(50),
  orderDate: epoch,
  paymentDate: fc.constant(null),
  shipByDate: fc.constant(null),
  statusCode: fc.constant('P'),
  customerId: optional(50),
  customerUsername: optional(100),
  customerEmail: optional(100),
  billTo: address(false),
  shipTo: address(true),
  lines: fc.array(orderLine, { maxLength: 3 }),
  orderTotal: amount,
  amountPaid: fc.constant(null),
  taxAmount: fc.option(amount, { nil: null }),
  shippingAmount: amount,
  currencyCode: fc.option(upper(3), { nil: null }),
  customerNotes: optional(1000),
  internalNotes: optional(1000),
  gift: fc.boolean(),
  giftMessage: optional(1000),
  paymentMethod: optional(50),
  requestedShippingService: optional(100),
  carrierCode: fc.constant(null),
  serviceCode: fc.constant(null),
  packageCode: fc.constant(null),
  confirmation: fc.constant(null),
  shipDate: fc.constant(null),
  weight: fc.constant(null),
  weightUnits: fc.constant(null),
  warehouseId: fc.constant(null),
  source: optional(50),
  storeId: fc.constant(null),
  customField1: optional(100),
  customField2: optional(100),
  customField3: optional(100),
  createdAt: epoch,
  modifiedAt: epoch,
})

// ---------------------------------------------------------------------------------------------------------------
// The model: what a conforming XML parser must read back, per the README's rules.

/**
 * Characters XML cannot carry are removed, the value is cut to `max` UTF-16 units, and, as in any
 * XML document, a CR or CR LF reaches the reader as LF. Null and empty values leave the element out.
 */
function expected(value: string | null, max: number): string | undefined {
  if (value === null || value === '') return undefined
  return truncateUtf16(removeIllegalXmlChars(value), max).replace(/\r\n?/g, '\n')
}

function expectedAddress(a: Address, fallbackName: string): Record<string, string | undefined> {
  return {
    Name: expected(writable(a.name, fallbackName), 100),
    Company: expected(a.company, 100),
    Address1: expected(a.street1, 200),
    Address2: expected([a.street2, a.street3].filter(Boolean).join(', ') || null, 200),
    City: expected(a.city, 100),
    State: expected(a.state, 100),
    PostalCode: expected(a.postalCode, 50),
    Country: a.country ?? undefined,
    Phone: expected(a.phone, 50),
  }
}

/** The first value that is not empty once cleaned (the writer's fallback for required elements). */
const writable = (...values: (string | null)[]) =>
  values.find((v) => v && removeIllegalXmlChars(v) !== '') ?? values[values.length - 1] ?? null

/** Drops undefined members, so `toEqual` compares only the elements that must be there. */
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))

function expectedOrder(o: Order, status: string) {
  const email = o.customerEmail ?? o.customerUsername
  return {
    OrderID: String(o.id),
    OrderNumber: expected(o.orderNumber, 50),
    OrderStatus: status,
    OrderDate: formatShipStationDate(o.orderDate),
    LastModified: formatShipStationDate(o.modifiedAt),
    OrderTotal: money(o.orderTotal),
    ShippingAmount: money(o.shippingAmount),
    CustomerNotes: expected(o.customerNotes, 1000),
    GiftMessage: expected(o.giftMessage, 1000),
    CustomField1: expected(o.customField1, 100),
    Source: expected(o.source, 50),
    CustomerCode: expected(writable(email, o.customerId, o.orderNumber), 50),
    BillTo: defined({ ...expectedAddress(o.billTo, o.shipTo.name), Email: expected(email, 100) }),
    ShipTo: defined({ ...expectedAddress(o.shipTo, ''), Name: expected(o.shipTo.name, 100) }),
    Items: o.lines.map((l) =>
      defined({
        LineItemID: expected(l.lineItemKey, 50),
        SKU: expected(l.sku, 100) ?? '',
        Name: expected(l.name, 200),
        Quantity: String(l.quantity),
        UnitPrice: money(l.unitPrice),
        Location: expected(l.location, 100),
        UPC: expected(l.upc, 12),
        Options: l.options.slice(0, 10).map((x) => [expected(x.name, 100), expected(x.value, 100) ?? '']),
      }),
    ),
  }
}

/** The same members, read from the parsed `<Order>`. */
function readBack(x: Record<string, any>) {
  const pick = (o: Record<string, any>, keys: string[]) => defined(Object.fromEntries(keys.map((k) => [k, o[k]])))
  const addressKeys = ['Name', 'Company', 'Address1', 'Address2', 'City', 'State', 'PostalCode', 'Country', 'Phone']
  return {
    ...pick(x, ['OrderID', 'OrderNumber', 'OrderStatus', 'OrderDate', 'LastModified', 'OrderTotal', 'ShippingAmount']),
    ...pick(x, ['CustomerNotes', 'GiftMessage', 'CustomField1', 'Source']),
    CustomerCode: x.Customer.CustomerCode,
    BillTo: pick(x.Customer.BillTo, [...addressKeys, 'Email']),
    ShipTo: pick(x.Customer.ShipTo, addressKeys),
    Items: ((x.Items?.Item ?? []) as Record<string, any>[]).map((i) =>
      defined({
        ...pick(i, ['LineItemID', 'Name', 'Quantity', 'UnitPrice', 'Location', 'UPC']),
        SKU: i.SKU ?? '',
        Options: ((i.Options?.Option ?? []) as Record<string, any>[]).map((p) => [p.Name ?? '', p.Value ?? '']),
      }),
    ),
  }
}

describe('export writer properties', () => {
  it('any orders → a document that validates against the XSD and reads back to the same values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 2 }), optional(100), async (orders, warehouse) => {
        const xml = writeOrdersDocument(
          1,
          orders.map((o) => ({ order: o, ctx: { orderStatus: 'awaiting_shipment', requestedWarehouse: warehouse } })),
        )
        await assertValidOrdersXml(xml)
        const parsed = ordersOf(xml)
        expect(parsed).toHaveLength(orders.length)
        orders.forEach((o, i) => {
          const back = readBack(parsed[i] as Record<string, any>)
          expect(back).toEqual(defined(expectedOrder(o, 'awaiting_shipment')))
          expect(parsed[i]?.RequestedWarehouse).toBe(expected(warehouse, 100))
        })
      }),
      { numRuns: 30 },
    )
  }, 60_000)

  it('an email or Bill To name of characters XML cannot carry falls back, so required elements stay filled', async () => {
    const o = domainOrder({ customerEmail: '\u0001\uD800', customerUsername: null })
    o.billTo.name = '\u0002'
    const xml = writeOrdersDocument(1, [{ order: o, ctx: { orderStatus: 'paid', requestedWarehouse: null } }])
    await assertValidOrdersXml(xml)
    const customer = ordersOf(xml)[0]?.Customer
    expect([customer.CustomerCode, customer.BillTo.Name]).toEqual(['225846', 'Steve Smith'])
  })

  it('known gap: a required value made only of characters XML cannot carry exports empty (intake lets it in)', async () => {
    const xml = writeOrdersDocument(1, [
      { order: domainOrder({ orderNumber: '\u0001\u0002' }), ctx: { orderStatus: 'paid', requestedWarehouse: null } },
    ])
    // The writer keeps the element (never invalid markup) but it is empty; parseCreateOrder should refuse such
    // text — reported to the lead (src/sophio/createorder.ts).
    expect(ordersOf(xml)[0]?.OrderNumber).toBe('')
  })
})
