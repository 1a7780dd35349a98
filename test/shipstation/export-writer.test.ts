// The export writer: XSD-valid output, agreement with the xmlbuilder2 oracle, escaping and truncation.

import { describe, expect, it } from 'vitest'
import type { Order } from '../../src/domain/order.js'
import { money, writeOrder, writeOrdersDocument } from '../../src/shipstation/export-writer.js'
import { cdata, removeIllegalXmlChars, truncateUtf16 } from '../../src/shipstation/xml-text.js'
import { domainOrder, line } from '../helpers/domain-orders.js'
import { oracleOrdersXml } from '../helpers/oracle.js'
import { assertValidOrdersXml } from '../helpers/validate-xml.js'
import { ordersOf, parseXml } from '../helpers/xml.js'

const write = (orders: Order[], status = 'paid') =>
  writeOrdersDocument(
    1,
    orders.map((order) => ({ order, ctx: { orderStatus: status, requestedWarehouse: order.warehouseId } })),
  )

const oracle = (orders: Order[], status = 'paid') =>
  oracleOrdersXml(
    1,
    orders.map((order) => ({ order, status })),
  )

describe('export writer', () => {
  it('writes every field of a full order, valid against the XSD', async () => {
    const xml = write([domainOrder()])
    await assertValidOrdersXml(xml)
    const [o] = ordersOf(xml)
    expect(o).toMatchObject({
      OrderID: '42',
      OrderNumber: '296594',
      OrderDate: '07/17/2018 12:08',
      OrderStatus: 'paid',
      LastModified: '07/17/2018 12:09',
      ShippingMethod: 'Priority Mail',
      PaymentMethod: 'Credit Card',
      CurrencyCode: 'USD',
      OrderTotal: '66.63',
      TaxAmount: '1.50',
      ShippingAmount: '9.25',
      CustomerNotes: 'Leave at the back door',
      InternalNotes: 'Fulfilled by Sophio',
      Gift: 'true',
      GiftMessage: 'Happy birthday!',
      CustomField1: '153102358691-1749930787005',
      CustomField2: '296594',
      CustomField3: 'rush',
      RequestedWarehouse: 'Main Warehouse',
      Source: 'eBay',
      Customer: {
        CustomerCode: 'buyer@gmail.com',
        BillTo: { Name: 'Steve Smith', Company: 'Smith Garage', Email: 'buyer@gmail.com', Address2: 'Suite 4' },
        ShipTo: { Name: 'Steve Smith', Address1: '185 Airport Exchange Blvd', State: 'NJ', Country: 'US' },
      },
    })
    const [item, adj] = o?.Items.Item ?? []
    expect(item).toMatchObject({
      LineItemID: 'L1',
      SKU: 'VIC-OS32372',
      ImageUrl: 'https://img.example.com/p/VIC-OS32372.jpg',
      Weight: '0.37',
      WeightUnits: 'Pounds',
      Quantity: '2',
      UnitPrice: '7.46',
      Location: 'A-12-3',
      UPC: '012345678905',
      Adjustment: 'false',
      Options: { Option: [{ Name: 'size', Value: 'XL', Weight: '0.1' }] },
    })
    expect(adj).toMatchObject({ SKU: '', Adjustment: 'true', UnitPrice: '-5.00', Quantity: '1' })
  })

  it('agrees with the xmlbuilder2 oracle', () => {
    const orders = [domainOrder(), domainOrder({ id: 43, orderNumber: 'A&B <43>', gift: false, giftMessage: null })]
    expect(parseXml(write(orders))).toEqual(parseXml(oracle(orders)))
  })

  it('omits optional elements that have no value and stays valid', async () => {
    const bare = domainOrder({
      currencyCode: null,
      taxAmount: null,
      customerNotes: null,
      internalNotes: null,
      giftMessage: null,
      paymentMethod: null,
      requestedShippingService: null,
      warehouseId: null,
      source: null,
      customField1: null,
      customField2: null,
      customField3: null,
      customerEmail: null,
      customerUsername: null,
      lines: [line({ imageUrl: null, weight: null, weightUnits: null, location: null, upc: null, options: [] })],
    })
    const xml = write([bare])
    await assertValidOrdersXml(xml)
    const [o] = ordersOf(xml)
    expect(o).not.toHaveProperty('CurrencyCode')
    expect(o).not.toHaveProperty('RequestedWarehouse')
    expect(o?.Customer.CustomerCode).toBe('225846')
    expect(o?.Items.Item[0]).not.toHaveProperty('Weight')
    expect(parseXml(xml)).toEqual(parseXml(oracle([bare])))
  })

  it('writes an empty page as <Orders pages="N"/>', async () => {
    const xml = writeOrdersDocument(3, [])
    await assertValidOrdersXml(xml)
    expect(parseXml(xml).Orders).toEqual({ '@pages': '3' })
  })
})

describe('escaping and cleaning', () => {
  const LONG = 'é'.repeat(1200)
  it.each([
    ['CDATA terminator', 'a]]>b', 'a]]>b'],
    ['two terminators', ']]>]]>', ']]>]]>'],
    ['ampersand and angle brackets', 'Tom & Jerry <tools>', 'Tom & Jerry <tools>'],
    ['quotes', `"double" 'single'`, `"double" 'single'`],
    ['emoji (astral plane)', 'rush 🚚📦', 'rush 🚚📦'],
    ['control characters removed', 'a\u0000b\u0001c\u0008d\u000Be\u001Ff', 'abcdef'],
    ['tab, LF, CR kept', 'a\tb\nc', 'a\tb\nc'],
    ['lone surrogates removed', 'a\uD800b\uDC00c', 'abc'],
    ['U+FFFE/U+FFFF removed', 'a\uFFFEb\uFFFFc', 'abc'],
    ['1200 characters cut to 1000 UTF-16 units', LONG, 'é'.repeat(1000)],
  ])('%s', async (_label, input, expected) => {
    const xml = write([domainOrder({ customerNotes: input })])
    await assertValidOrdersXml(xml)
    expect(ordersOf(xml)[0]?.CustomerNotes).toBe(expected)
  })

  it('cuts in UTF-16 units, as .NET counts string.Length, and never splits a surrogate pair', () => {
    expect(truncateUtf16(`${'x'.repeat(48)}🚚tail`, 50)).toBe(`${'x'.repeat(48)}🚚`)
    expect(truncateUtf16(`${'x'.repeat(49)}🚚tail`, 50)).toBe('x'.repeat(49))
    expect(truncateUtf16('🚚'.repeat(60), 50)).toBe('🚚'.repeat(25))
  })

  it('a 1000-character note with emoji exports at most 1000 UTF-16 units (what maxLength 1000 means to .NET)', async () => {
    const xml = write([domainOrder({ customerNotes: `${'n'.repeat(998)}📦📦` })])
    await assertValidOrdersXml(xml)
    const notes = ordersOf(xml)[0]?.CustomerNotes as string
    expect([notes.length, notes]).toEqual([1000, `${'n'.repeat(998)}📦`])
  })

  it('reports which fields were cut', () => {
    const truncated: string[] = []
    writeOrder(
      domainOrder({ customerNotes: 'n'.repeat(1001), source: 's'.repeat(51) }),
      { orderStatus: 'paid', requestedWarehouse: null },
      truncated,
    )
    expect(truncated.sort()).toEqual(['CustomerNotes', 'Source'])
  })

  it('splits ]]> across two CDATA sections', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>')
  })

  it('leaves clean text untouched', () => {
    const s = 'Plain text 123'
    expect(removeIllegalXmlChars(s)).toBe(s)
  })

  it.each([
    [12.5, '12.50'],
    [0, '0.00'],
    [-0.001, '0.00'],
    [7.455, '7.46'],
    [-5, '-5.00'],
    [123456789, '9999999.99'],
  ])('money(%d) = %s', (n, s) => {
    expect(money(n)).toBe(s)
  })
})
