// Operator settings (config file), each shown by its effect on what ShipStation imports: the export XML.

import { describe, expect, it } from 'vitest'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { configFile } from '../helpers/config-file.js'
import { makeOrder } from '../helpers/orders.js'
import { ordersOf, pagesOf } from '../helpers/xml.js'

const WIDE = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'

function appWith(settings: Record<string, unknown>) {
  return makeApp({ env: { ...API_ENV, CONFIG_FILE: configFile(settings) } })
}

async function create(t: TestApp, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: createOrderUrl(), payload: body })
}

async function exported(t: TestApp, page = 1) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/shipstation?action=export&${WIDE}&page=${page}`,
    headers: { authorization: SS_BASIC },
  })
  expect(res.statusCode).toBe(200)
  return { orders: ordersOf(res.body), pages: pagesOf(res.body) }
}

function byNumber(orders: Record<string, any>[]) {
  return Object.fromEntries(orders.map((o) => [o.OrderNumber, o]))
}

/** An order that names no carrier, service or shipping method. */
function unshipped(n: number, patch: Record<string, unknown> = {}) {
  return makeOrder(n, { carrierCode: undefined, serviceCode: undefined, requestedShippingService: undefined, ...patch })
}

describe('defaultCarrier / defaultService', () => {
  it('gives orders without carrier and service the default; ShippingMethod shows it when the order has none', async () => {
    const t = await appWith({ defaultCarrier: 'ups', defaultService: 'Ground' })
    const a = (await create(t, unshipped(1))).json()
    expect(a).toMatchObject({ carrierCode: 'ups', serviceCode: 'Ground', requestedShippingService: 'UPS Ground' })
    await create(t, unshipped(2, { requestedShippingService: 'Priority Mail' }))
    await create(t, makeOrder(3, { carrierCode: 'fedex', serviceCode: undefined, requestedShippingService: undefined }))
    const o = byNumber((await exported(t)).orders)
    expect(o.T1.ShippingMethod).toBe('UPS Ground')
    // The buyer's choice at checkout is kept; only carrier and service are filled.
    expect(o.T2.ShippingMethod).toBe('Priority Mail')
    // An order that names a carrier chose it: left alone.
    expect(o.T3.ShippingMethod).toBeUndefined()
    expect(t.repos.orders.findByNumber('T3')[0]).toMatchObject({ carrierCode: 'fedex', serviceCode: null })
  })

  it('carrier only: ShippingMethod is the carrier name', async () => {
    const t = await appWith({ defaultCarrier: 'FedEx' })
    expect((await create(t, unshipped(1))).json()).toMatchObject({ carrierCode: 'fedex', serviceCode: null })
    expect((await exported(t)).orders[0]?.ShippingMethod).toBe('FedEx')
  })

  it('without the setting an order without carrier stays without one', async () => {
    const t = await appWith({})
    expect((await create(t, unshipped(1))).json()).toMatchObject({ carrierCode: null, requestedShippingService: null })
    expect((await exported(t)).orders[0]?.ShippingMethod).toBeUndefined()
  })
})

describe('exportPendingOrders', () => {
  const unpaid = (n: number) => makeOrder(n, { orderStatus: 'awaiting_payment' })

  it('false: orders awaiting payment stay out of the export, and pages counts only what is exported', async () => {
    const t = await appWith({ exportPendingOrders: false, pageSize: 2 })
    for (const n of [1, 2, 3]) await create(t, unpaid(n))
    for (const n of [4, 5, 6]) await create(t, makeOrder(n))
    await create(t, makeOrder(7, { sophioStatus: 'H' }))
    const p1 = await exported(t, 1)
    const p2 = await exported(t, 2)
    expect(p1.pages).toBe(2)
    expect([...p1.orders, ...p2.orders].map((o) => o.OrderNumber)).toEqual(['T4', 'T5', 'T6'])
    expect((await exported(t, 3)).orders).toEqual([])
  })

  it('false: an order enters the export once it is paid', async () => {
    const t = await appWith({ exportPendingOrders: false })
    await create(t, unpaid(1))
    expect((await exported(t)).orders).toEqual([])
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/orders/T1/status',
      headers: { authorization: API_BASIC },
      payload: { code: 'P' },
    })
    expect(res.statusCode).toBe(200)
    expect((await exported(t)).orders.map((o) => [o.OrderNumber, o.OrderStatus])).toEqual([['T1', 'paid']])
  })

  it('true (the default): orders awaiting payment are exported as unpaid', async () => {
    const t = await appWith({})
    await create(t, unpaid(1))
    await create(t, makeOrder(2))
    const o = byNumber((await exported(t)).orders)
    expect([o.T1?.OrderStatus, o.T2?.OrderStatus]).toEqual(['unpaid', 'paid'])
  })

  it('follows a custom status map: every code mapped to awaiting_payment is left out', async () => {
    const t = await appWith({
      exportPendingOrders: false,
      statusMap: { P: 'awaiting_shipment', Q: 'awaiting_payment', S: 'shipped', '9': 'cancelled' },
    })
    await create(t, makeOrder(1, { sophioStatus: 'Q' }))
    await create(t, makeOrder(2, { sophioStatus: 'P' }))
    expect((await exported(t)).orders.map((o) => o.OrderNumber)).toEqual(['T2'])
  })
})

describe('warehouses', () => {
  it('maps the Sophio warehouse code to the ShipStation warehouse name in RequestedWarehouse', async () => {
    const t = await appWith({ warehouses: { NJ1: 'New Jersey DC', TN: 'Somerville TN' } })
    const adv = (warehouseId: string | undefined) => ({ advancedOptions: { warehouseId, source: 'web' } })
    await create(t, makeOrder(1, adv('NJ1')))
    await create(t, makeOrder(2, adv('TN')))
    await create(t, makeOrder(3, adv('TX9')))
    await create(t, makeOrder(4, adv(undefined)))
    const o = byNumber((await exported(t)).orders)
    expect(o.T1.RequestedWarehouse).toBe('New Jersey DC')
    expect(o.T2.RequestedWarehouse).toBe('Somerville TN')
    // A code the map does not list is sent as it is (it may already be the ShipStation name).
    expect(o.T3.RequestedWarehouse).toBe('TX9')
    expect(o.T4.RequestedWarehouse).toBeUndefined()
  })
})

describe('allowedShipToCountries', () => {
  it('rejects an order shipping elsewhere with a clear message; it never reaches the export', async () => {
    const t = await appWith({ allowedShipToCountries: ['us'] })
    const ca = makeOrder(1, {
      shipTo: {
        name: 'Jean Tremblay',
        street1: '1 Rue Sainte-Catherine',
        city: 'Montréal',
        state: 'QC',
        country: 'CA',
      },
    })
    const res = await create(t, ca)
    expect(res.statusCode).toBe(400)
    expect(res.json().error.problems).toContainEqual({
      path: 'shipTo.country',
      message: 'this store ships only to US; CA is not accepted',
    })
    expect((await create(t, makeOrder(2))).statusCode).toBe(201)
    expect((await exported(t)).orders.map((o) => o.OrderNumber)).toEqual(['T2'])
  })

  it('applies to the CLI import path too (one validation)', async () => {
    const t = await appWith({ allowedShipToCountries: ['US', 'PR'] })
    const r = await t.app.services.ingest(
      makeOrder(1, { shipTo: { name: 'A', street1: 'B', city: 'C', country: 'MX' } }),
      'import',
    )
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors[0]?.message).toBe('this store ships only to US, PR; MX is not accepted')
  })

  it('unset: every country is accepted', async () => {
    const t = await appWith({})
    const gb = makeOrder(1, { shipTo: { name: 'A', street1: '1 High St', city: 'London', country: 'GB' } })
    expect((await create(t, gb)).statusCode).toBe(201)
    expect((await exported(t)).orders[0]?.Customer.ShipTo.Country).toBe('GB')
  })
})
