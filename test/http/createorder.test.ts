// POST /createorder.wws through the real app: the seed accepted and echoed, upserts, every validation rule.

import { describe, expect, it } from 'vitest'
import { canonicalTopLevelKeys } from '../../src/http/createorder-route.js'
import { API_ENV, API_TOKEN, createOrderUrl } from '../helpers/api.js'
import { makeApp, type TestApp } from '../helpers/app.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'

async function post(t: TestApp, body: unknown, headers: Record<string, string> = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body)
  return t.app.inject({
    method: 'POST',
    url: createOrderUrl(),
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  })
}

function orderCount(t: TestApp): number {
  return [...t.repos.orders.countsByStatusCode().values()].reduce((a, b) => a + b, 0)
}

describe('createorder: the seed request', () => {
  it('accepts Sophio’s sample request unchanged (201) and echoes the stored order in the sample response shape', async () => {
    const t = await makeApp({ env: API_ENV })
    const sent = seedOrder()
    const res = await post(t, sent)
    expect(res.statusCode).toBe(201)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers.location).toBe('/api/orders/296594')
    const body = res.json()
    expect(body).toMatchObject({
      orderId: 1,
      orderNumber: '296594',
      orderKey: '322759-106515',
      orderDate: '2018-07-17T12:08:06.000Z',
      paymentDate: '2018-07-17T12:08:06.000Z',
      shipByDate: '2018-07-17T12:08:06.000Z',
      orderStatus: 'awaiting_shipment',
      sophioStatus: 'P',
      customerId: 225846,
      customerUsername: 'buyer@gmail.com',
      customerEmail: 'buyer@gmail.com',
      billTo: {
        name: 'Steve Smith',
        street1: '185 Exchange Blvd',
        city: 'West Orange',
        state: 'NJ',
        postalCode: '07052',
        country: 'US',
        phone: '201-731-9692',
        residential: true,
        addressVerified: null,
      },
      shipTo: { street1: '185 Airport Exchange Blvd', postalCode: '0752', country: 'US', residential: true },
      items: [
        {
          orderItemId: 1001,
          lineItemKey: '222637',
          sku: 'VIC-OS32372',
          name: 'Engine Oil Pan Gasket fits 2007-2011 Toyota Tundra Land Cruiser',
          weight: { value: 0.37, units: 'pounds' },
          quantity: 2,
          unitPrice: 7.46,
          taxAmount: 0,
          shippingAmount: 0,
          warehouseLocation: 'Bin',
          options: [{ name: 'size', value: '' }],
          productId: 222637,
          fulfillmentSku: 'VIC-OS32372',
          adjustment: false,
        },
        { orderItemId: 1002, lineItemKey: '222638', sku: 'SNA-3401222', quantity: 1, unitPrice: 47.46 },
      ],
      // The sample sends no orderTotal: lines + tax + shipping = 2 × 7.46 + 47.46 + 9.25.
      orderTotal: 71.63,
      amountPaid: 66.63,
      taxAmount: 0,
      shippingAmount: 9.25,
      gift: false,
      giftMessage: null,
      internalNotes: null,
      paymentMethod: 'Credit Card',
      requestedShippingService: 'Priority Mail',
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      packageCode: 'package',
      confirmation: 'delivery',
      shipDate: '2018-07-17',
      holdUntilDate: null,
      weight: { value: 2.07, units: 'pounds' },
      insuranceOptions: { provider: null, insureShipment: false, insuredValue: 0 },
      internationalOptions: { contents: null, customsItems: null, nonDelivery: null },
      advancedOptions: {
        source: '400402',
        customField1: '153102358691-1749930787005',
        customField2: '296594',
      },
      externallyFulfilled: false,
      outcome: 'created',
      warnings: [{ path: 'shipTo.postalCode', message: '"0752" is not a 5-digit US ZIP code; stored as sent' }],
    })
    expect(body.createDate).toBe(body.modifyDate)
    expect(Date.parse(body.createDate)).toBeGreaterThan(Date.now() - 60_000)
    expect(body.items[0].createDate).toBe(body.createDate)
    // Nothing the seed sent is lost on the way to the database: the stored order is what the echo says.
    const stored = t.repos.orders.findById(body.orderId)
    expect(stored?.shipTo.postalCode).toBe('0752')
    expect(stored?.source).toBe('400402')
    expect(stored?.lines.map((l) => l.lineItemKey)).toEqual(['222637', '222638'])
  })

  it('a retried identical request is harmless: 200, unchanged, same id and modifyDate, no second order', async () => {
    const t = await makeApp({ env: API_ENV })
    const first = (await post(t, seedOrder())).json()
    const again = await post(t, seedOrder())
    expect(again.statusCode).toBe(200)
    expect(again.headers.location).toBeUndefined()
    const body = again.json()
    expect(body).toMatchObject({ orderId: first.orderId, outcome: 'unchanged', modifyDate: first.modifyDate })
    expect(body.warnings).toHaveLength(1)
    expect(orderCount(t)).toBe(1)
  })

  it('a re-post with changes updates the same order (200): new modifyDate, createDate kept, never a duplicate', async () => {
    const t = await makeApp({ env: API_ENV })
    const first = (await post(t, seedOrder())).json()
    await new Promise((r) => setTimeout(r, 5))
    const changed = { ...seedOrder(), customerNotes: 'leave at the back door', shippingAmount: 12.5 }
    const res = await post(t, changed)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      orderId: first.orderId,
      outcome: 'updated',
      createDate: first.createDate,
      customerNotes: 'leave at the back door',
      shippingAmount: 12.5,
    })
    expect(Date.parse(body.modifyDate)).toBeGreaterThan(Date.parse(first.modifyDate))
    expect(orderCount(t)).toBe(1)
  })

  it('without an orderKey the orderNumber is the key: the same number updates', async () => {
    const t = await makeApp({ env: API_ENV })
    const { orderKey: _k, ...noKey } = seedOrder()
    const a = (await post(t, noKey)).json()
    const b = (await post(t, { ...noKey, customerNotes: 'second' })).json()
    expect(a.orderKey).toBe('296594')
    expect(b).toMatchObject({ orderId: a.orderId, outcome: 'updated' })
    expect(orderCount(t)).toBe(1)
  })

  it('matches keys in any case (the sample itself spells AdvancedOptions)', async () => {
    const t = await makeApp({ env: API_ENV })
    const shouty = {
      OrderNumber: 'CASE-1',
      ORDERDATE: '2024-03-01T10:00:00Z',
      ShipTo: {
        Name: 'A Buyer',
        Street1: '1 Main St',
        City: 'Austin',
        State: 'TX',
        Country: 'us',
        PostalCode: '73301',
      },
      Items: [{ SKU: 'X-1', Name: 'Widget', Quantity: 1, UnitPrice: 5 }],
      AdvancedOptions: { CustomField3: 'c3' },
    }
    const res = await post(t, shouty)
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      orderNumber: 'CASE-1',
      shipTo: { name: 'A Buyer', country: 'US' },
      items: [{ sku: 'X-1', quantity: 1 }],
      advancedOptions: { customField3: 'c3' },
      warnings: [],
    })
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['no content type', null],
  ])('reads the body as JSON whatever the Content-Type (%s)', async (_name, type) => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({
      method: 'POST',
      url: createOrderUrl(),
      headers: type === null ? {} : { 'content-type': type },
      payload: JSON.stringify(makeOrder(7)),
    })
    expect(res.statusCode).toBe(201)
    expect(res.json().orderNumber).toBe('T7')
  })

  it('stores many orders sent at once, each answered after its own write', async () => {
    const t = await makeApp({ env: API_ENV, file: true })
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => post(t, makeOrder(i + 1))))
    expect(results.map((r) => r.statusCode)).toEqual(Array(40).fill(201))
    expect(new Set(results.map((r) => r.json().orderId)).size).toBe(40)
    expect(orderCount(t)).toBe(40)
  })
})

describe('createorder: validation (400, every failing field by JSON path, nothing stored)', () => {
  const base = () => makeOrder(1)
  const without = (key: string) => {
    const o = base()
    delete o[key]
    return o
  }
  const withShipTo = (patch: Record<string, unknown>) => {
    const o = base()
    o.shipTo = { ...(o.shipTo as Record<string, unknown>), ...patch }
    return o
  }
  const withItem = (patch: Record<string, unknown>) => {
    const o = base()
    const items = o.items as Record<string, unknown>[]
    o.items = [{ ...items[0], ...patch }, items[1]]
    return o
  }

  it.each([
    ['no order number', without('orderNumber'), 'orderNumber', 'is required'],
    ['an empty order number', { ...base(), orderNumber: '  ' }, 'orderNumber', 'is required'],
    ['no order date', without('orderDate'), 'orderDate', 'is required (ISO 8601'],
    ['an order date that is not a date', { ...base(), orderDate: '2018-02-30' }, 'orderDate', 'is not a date'],
    ['no Ship To', without('shipTo'), 'shipTo', 'a Ship To address is required'],
    ['a Ship To that is not an object', { ...base(), shipTo: 'West Orange, NJ' }, 'shipTo', 'must be an object'],
    ['no Ship To name', withShipTo({ name: '' }), 'shipTo.name', 'is required'],
    ['no Ship To street', withShipTo({ street1: null }), 'shipTo.street1', 'is required'],
    ['no Ship To city', withShipTo({ city: undefined }), 'shipTo.city', 'is required'],
    ['no Ship To country', withShipTo({ country: '' }), 'shipTo.country', 'is required'],
    ['a 3-letter country', withShipTo({ country: 'USA' }), 'shipTo.country', 'must be a 2-letter ISO 3166-1'],
    ['a US address without state', withShipTo({ state: '' }), 'shipTo.state', 'is required for US addresses'],
    ['a CA address without province', withShipTo({ country: 'CA', state: null }), 'shipTo.state', 'is required for CA'],
    ['no items', without('items'), 'items', 'at least one line is required'],
    ['an empty item list', { ...base(), items: [] }, 'items', 'at least one line is required'],
    ['an item that is not an object', { ...base(), items: ['VIC-OS32372'] }, 'items[0]', 'must be an object'],
    ['an item without SKU', withItem({ sku: '' }), 'items[0].sku', 'is required'],
    ['an item without name', withItem({ name: null }), 'items[0].name', 'is required'],
    ['an item without quantity', withItem({ quantity: undefined }), 'items[0].quantity', 'is required'],
    ['quantity 0', withItem({ quantity: 0 }), 'items[0].quantity', 'must be between 1 and 99999 (got 0)'],
    ['quantity 100000', withItem({ quantity: 100_000 }), 'items[0].quantity', 'must be between 1 and 99999'],
    ['a fractional quantity', withItem({ quantity: 1.5 }), 'items[0].quantity', 'must be a whole number'],
    ['a quantity that is not a number', withItem({ quantity: 'two' }), 'items[0].quantity', 'must be a number'],
    ['an item without price', withItem({ unitPrice: undefined }), 'items[0].unitPrice', 'is required'],
    ['a negative price', withItem({ unitPrice: -1 }), 'items[0].unitPrice', 'must be between 0 and'],
    [
      'an unknown weight unit',
      withItem({ weight: { value: 1, units: 'stone' } }),
      'items[0].weight.units',
      'unknown unit "stone"',
    ],
    ['an unknown status', { ...base(), orderStatus: 'paid' }, 'orderStatus', 'unknown status "paid"'],
  ])('%s', async (_name, body, path, message) => {
    const t = await makeApp({ env: API_ENV })
    const res = await post(t, body)
    expect(res.statusCode).toBe(400)
    const { error } = res.json()
    expect(error.code).toBe('INVALID_ORDER')
    expect(error.message).toMatch(/^the order was not stored: \d+ problems?$/)
    expect(error.problems).toContainEqual({ path, message: expect.stringContaining(message) })
    expect(orderCount(t)).toBe(0)
  })

  it('lists every failing field at once, with the warnings', async () => {
    const t = await makeApp({ env: API_ENV })
    const body = {
      orderDate: 'yesterday',
      shipTo: { name: 'X', street1: '1 Main St', city: 'Newark', country: 'US', postalCode: '0752' },
      items: [
        { sku: 'A', name: 'A', quantity: 0, unitPrice: 1 },
        { sku: '', name: 'B', quantity: 1, unitPrice: 'free' },
      ],
    }
    const res = await post(t, body)
    expect(res.statusCode).toBe(400)
    const { error } = res.json()
    expect(error.problems.map((p: { path: string }) => p.path)).toEqual([
      'orderNumber',
      'orderDate',
      'shipTo.state',
      'items[0].quantity',
      'items[1].sku',
      'items[1].unitPrice',
    ])
    expect(error.warnings).toEqual([expect.objectContaining({ path: 'shipTo.postalCode' })])
    expect(orderCount(t)).toBe(0)
  })

  it.each([
    ['not an object', '[1,2,3]', '$'],
    ['a JSON string', '"order"', '$'],
  ])('a body that is %s → 400 INVALID_ORDER at %s', async (_name, raw, path) => {
    const t = await makeApp({ env: API_ENV })
    const res = await post(t, raw)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.problems).toContainEqual({ path, message: 'the order must be a JSON object' })
  })

  it('a body that is not JSON → 400 naming the line and column, nothing stored', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await post(t, '{"orderNumber": ')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({
      code: 'MALFORMED_JSON',
      message: 'the body is not valid JSON: line 1, column 17: expected a value, found the end of the text',
    })
    const pretty = await post(t, '{\n  "orderNumber": "1"\n  "orderKey": "k"\n}')
    expect(pretty.json().error.message).toBe(
      'the body is not valid JSON: line 3, column 3: expected "," or "}" after a property value, found "\\"orderKey\\": "',
    )
    expect(orderCount(t)).toBe(0)
  })

  it.each([
    ['missing', ''],
    ['another action', 'action=DELETE&'],
  ])('action %s → 400 UNSUPPORTED_ACTION (after the credential check)', async (_name, action) => {
    const t = await makeApp({ env: API_ENV })
    const url = `/createorder.wws?${action}authentication=${encodeURIComponent(API_TOKEN)}`
    const res = await t.app.inject({ method: 'POST', url, payload: makeOrder(1) })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_ACTION', parameter: 'action' })
  })

  it('accepts action=create in any case', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({
      method: 'POST',
      url: createOrderUrl().replace('action=CREATE', 'action=create'),
      payload: makeOrder(1),
    })
    expect(res.statusCode).toBe(201)
  })
})

describe('canonicalTopLevelKeys', () => {
  it('returns a body that needs no renaming as it is', () => {
    const body = { orderNumber: '1', advancedOptions: {}, somethingElse: 2 }
    expect(canonicalTopLevelKeys(body)).toBe(body)
  })

  it('renames documented fields written in another case; the last spelling wins, like the parser', () => {
    expect(canonicalTopLevelKeys({ AdvancedOptions: { a: 1 }, ORDERNUMBER: 'x', Extra: 1 })).toEqual({
      advancedOptions: { a: 1 },
      orderNumber: 'x',
      Extra: 1,
    })
    expect(canonicalTopLevelKeys({ orderNumber: 'first', OrderNumber: 'last' })).toEqual({ orderNumber: 'last' })
  })

  it.each([null, 'text', 3, [1, 2]])('leaves %j alone', (v) => {
    expect(canonicalTopLevelKeys(v)).toBe(v)
  })
})
