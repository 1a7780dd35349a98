// The JSON API's answers and their response schemas cannot drift: every field built is a field serialised, and back.

import { describe, expect, it } from 'vitest'
import { OrderReadBack, StatusChangeReply } from '../../src/http/api-schemas.js'
import { CreateOrderReply } from '../../src/sophio/createorder-schema.js'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
}

/** Where a value and its schema disagree about which keys exist: `$.items[0].upc: not in the schema`. */
function keyDrift(of: object, value: unknown, path = '$'): string[] {
  const schema = of as JsonSchema
  if (Array.isArray(value)) return value.flatMap((v, i) => keyDrift(schema.items ?? {}, v, `${path}[${i}]`))
  if (typeof value !== 'object' || value === null) return []
  const props = schema.properties ?? {}
  const v = value as Record<string, unknown>
  return [
    ...Object.keys(v)
      .filter((k) => !(k in props))
      .map((k) => `${path}.${k}: not in the schema`),
    ...Object.keys(props)
      .filter((k) => !(k in v))
      .map((k) => `${path}.${k}: in the schema, not built`),
    ...Object.keys(props)
      .filter((k) => k in v)
      .flatMap((k) => keyDrift(props[k] ?? {}, v[k], `${path}.${k}`)),
  ]
}

/**
 * Fields null or empty in every instance although the schema allows them to hold more: the sample would not
 * show their drift. Array elements count together (`$.history[].fromCode` is null only for the first entry).
 */
function unpopulated(schema: object, value: unknown): string[] {
  const empty = new Set<string>()
  const full = new Set<string>()
  const walk = (s: JsonSchema, v: unknown, path: string): void => {
    if (v === null) {
      if (s.type !== 'null') empty.add(path)
    } else if (Array.isArray(v)) {
      ;(v.length === 0 ? empty : full).add(path)
      v.forEach((x) => walk(s.items ?? {}, x, `${path}[]`))
    } else {
      full.add(path)
      if (typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(s.properties?.[k] ?? {}, x, `${path}.${k}`)
      }
    }
  }
  walk(schema as JsonSchema, value, '$')
  // tagIds is echoed as [] always (accepted, not stored).
  return [...empty].filter((p) => !full.has(p) && !p.endsWith('.tagIds'))
}

/** An order with every optional field of the createorder body set, so that no echo field is null (and a warning). */
function fullOrder() {
  const address = {
    name: 'Steve Smith',
    company: 'Smith Garage',
    street1: '185 Exchange Blvd',
    street2: 'Suite 4',
    street3: 'Back door',
    city: 'West Orange',
    state: 'NJ',
    postalCode: '07052',
    country: 'US',
    phone: '201-731-9692',
    residential: true,
  }
  return makeOrder(1, {
    orderNumber: 'ABC123',
    paymentDate: '2018-07-18T01:00:00',
    shipByDate: '2018-07-20T01:00:00',
    customerId: 42,
    customerUsername: 'steve',
    customerEmail: 'steve@example.com',
    billTo: address,
    shipTo: { ...address, company: 'Home', postalCode: '07052-12' },
    amountPaid: 30,
    taxAmount: 1,
    shippingAmount: 2,
    currencyCode: 'USD',
    customerNotes: 'ring twice',
    internalNotes: 'VIP',
    gift: true,
    giftMessage: 'Happy birthday',
    paymentMethod: 'card',
    requestedShippingService: 'Priority',
    carrierCode: 'stamps_com',
    serviceCode: 'usps_priority_mail',
    packageCode: 'package',
    confirmation: 'delivery',
    shipDate: '2018-07-21',
    weight: { value: 3, units: 'ounces' },
    advancedOptions: {
      warehouseId: 'W1',
      storeId: 'S1',
      source: 'web',
      customField1: 'c1',
      customField2: 'c2',
      customField3: 'c3',
    },
    items: [
      {
        lineItemKey: '25590',
        sku: 'FD88821',
        name: 'My Product Name',
        quantity: 2,
        unitPrice: 10,
        imageUrl: 'https://img.example.com/FD88821.png',
        weight: { value: 1, units: 'pounds' },
        taxAmount: 1,
        shippingAmount: 2,
        warehouseLocation: 'A-1',
        options: [{ name: 'Size', value: 'L', weight: 0.5 }],
        productId: '123',
        fulfillmentSku: 'FD88821-F',
        upc: '012345678905',
      },
    ],
  })
}

/** The full order, shipped (a shipment with every field set) and then moved to another code (history with a from). */
async function shippedOrder(t: TestApp) {
  const created = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: fullOrder() })
  expect(created.statusCode).toBe(201)
  const notice = noticeText('shipstation-sample-verbatim.xml')
    .replace('<NotesToCustomer></NotesToCustomer>', '<NotesToCustomer>Thanks!</NotesToCustomer>')
    .replace('<NotifyCustomer></NotifyCustomer>', '<NotifyCustomer>false</NotifyCustomer>')
  const ack = await postNotice(t, notice, { query: 'order_number=ABC123' })
  expect(ack.statusCode).toBe(200)
  return created
}

describe('response schemas and the objects they serialise', () => {
  it('createorder: the echo has exactly the fields of CreateOrderReply, and the route sends it unchanged', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: fullOrder() })
    expect(res.statusCode).toBe(201)
    // The same body again: the use case's own answer (unchanged), before any serialiser saw it.
    const again = await t.app.services.createOrder(fullOrder())
    if (!again.ok) throw new Error(JSON.stringify(again.errors))
    const built = { ...again.body, outcome: 'created' }
    expect(unpopulated(CreateOrderReply, built)).toEqual([])
    expect(keyDrift(CreateOrderReply, built)).toEqual([])
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(built)))
  })

  it('read-back: the order, history and shipments have exactly the fields of OrderReadBack, sent unchanged', async () => {
    const t = await makeApp({ env: API_ENV })
    await shippedOrder(t)
    await t.app.services.setOrderStatus('ABC123', '9', 'moved')
    const built = await t.app.services.readOrder('ABC123')
    expect(unpopulated(OrderReadBack, built)).toEqual([])
    expect(keyDrift(OrderReadBack, built)).toEqual([])
    const res = await t.app.inject({ method: 'GET', url: '/api/orders/ABC123', headers: { authorization: API_BASIC } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(built)))
  })

  it('status change: the answer has exactly the fields of StatusChangeReply, sent unchanged', async () => {
    const t = await makeApp({ env: API_ENV })
    await shippedOrder(t)
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/orders/ABC123/status',
      headers: { authorization: API_BASIC },
      payload: { code: '9', reason: 'moved' },
    })
    expect(res.statusCode).toBe(200)
    // The same change again changes nothing: the use case's answer is the one just sent, but for `changed`.
    const built = { ...(await t.app.services.setOrderStatus('ABC123', '9', 'moved')), changed: true }
    expect(unpopulated(StatusChangeReply, built)).toEqual([])
    expect(keyDrift(StatusChangeReply, built)).toEqual([])
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(built)))
  })

  it('keyDrift names a field either side has alone, at any depth', () => {
    const schema = { properties: { a: {}, b: { items: { properties: { c: {} } } } } }
    expect(keyDrift(schema, { a: 1, b: [{ c: 1 }] })).toEqual([])
    expect(keyDrift(schema, { a: 1, b: [{ c: 1, d: 2 }], e: 3 })).toEqual([
      '$.e: not in the schema',
      '$.b[0].d: not in the schema',
    ])
    expect(keyDrift(schema, { b: [{}] })).toEqual(['$.a: in the schema, not built', '$.b[0].c: in the schema, not built'])
  })
})
