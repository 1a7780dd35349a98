// GET /api/orders/:orderNumber and PUT …/status through the real app, checked against the ShipStation export.

import { afterEach, describe, expect, it, vi } from 'vitest'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'
import { ordersOf } from '../helpers/xml.js'

afterEach(() => {
  vi.useRealTimers()
})

/** Only Date is faked: Fastify's timers and the group commit's setImmediate run for real. */
function clockAt(iso: string) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(iso))
}

async function create(t: TestApp, body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: body })
  if (res.statusCode !== 201) throw new Error(res.body)
  return res.json()
}

function get(t: TestApp, orderNumber: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/orders/${encodeURIComponent(orderNumber)}`,
    headers: { authorization: API_BASIC },
  })
}

function setStatus(t: TestApp, orderNumber: string, body: unknown) {
  return t.app.inject({
    method: 'PUT',
    url: `/api/orders/${encodeURIComponent(orderNumber)}/status`,
    headers: { authorization: API_BASIC },
    payload: body as Record<string, unknown>,
  })
}

/** `start`/`end` as ShipStation sends them: MM/dd/yyyy HH:mm, UTC. */
async function exportWindow(t: TestApp, start: string, end: string) {
  const q = `start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`
  const res = await t.app.inject({
    method: 'GET',
    url: `/shipstation?action=export&${q}`,
    headers: { authorization: SS_BASIC },
  })
  expect(res.statusCode).toBe(200)
  return ordersOf(res.body)
}

describe('GET /api/orders/:orderNumber', () => {
  it('returns the order, its Sophio code and ShipStation status, its history and (no) shipments', async () => {
    const t = await makeApp({ env: API_ENV })
    const created = await create(t, seedOrder())
    const res = await get(t, '296594')
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json()
    const { outcome: _o, warnings: _w, ...echo } = created
    expect(body.order).toEqual(echo)
    expect(body).toMatchObject({
      sophioStatus: 'P',
      shipStationStatus: 'awaiting_shipment',
      lastModified: created.modifyDate,
      history: [{ fromCode: null, toCode: 'P', at: created.createDate, reason: 'api' }],
      shipments: [],
    })
  })

  it('404 for an unknown order number', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await get(t, 'NOPE-1')
    expect(res.statusCode).toBe(404)
    expect(res.json().error).toMatchObject({ code: 'ORDER_NOT_FOUND', message: 'no order with number "NOPE-1"' })
  })

  it('finds order numbers with spaces and slashes (percent-encoded in the path)', async () => {
    const t = await makeApp({ env: API_ENV })
    await create(t, makeOrder(1, { orderNumber: 'WEB 12/7', orderKey: 'k-web' }))
    const res = await get(t, 'WEB 12/7')
    expect(res.statusCode).toBe(200)
    expect(res.json().order.orderNumber).toBe('WEB 12/7')
  })

  it('after a shipnotify shows tracking, carrier, service, carrier fee, ship date, note to buyer and the lines', async () => {
    const t = await makeApp({ env: API_ENV })
    await create(
      t,
      makeOrder(1, {
        orderNumber: 'ABC123',
        items: [{ lineItemKey: '25590', sku: 'FD88821', name: 'My Product Name', quantity: 2, unitPrice: 10 }],
      }),
    )
    const notice = noticeText('shipstation-sample-verbatim.xml').replace(
      '<NotesToCustomer></NotesToCustomer>',
      '<NotesToCustomer>Thanks for your order!</NotesToCustomer>',
    )
    const ack = await postNotice(t, notice, {
      query: 'order_number=ABC123&carrier=USPS&service=Priority+Mail&tracking_number=1Z909084330298430820',
    })
    expect(ack.statusCode).toBe(200)

    const body = (await get(t, 'ABC123')).json()
    expect(body).toMatchObject({ sophioStatus: 'S', shipStationStatus: 'shipped' })
    expect(body.history.map((h: { toCode: string }) => h.toCode)).toEqual(['P', 'S'])
    expect(body.shipments).toEqual([
      {
        trackingNumber: '1Z909084330298430820',
        carrier: 'USPS',
        service: 'Priority Mail',
        carrierFee: 4.95,
        shipDate: '2011-12-08',
        labelCreateDate: '2011-12-08T12:56:00.000Z',
        notesToBuyer: 'Thanks for your order!',
        buyerNotifiedByShipStation: null,
        recordedAt: expect.any(String),
        items: [{ lineItemKey: '25590', sku: 'FD88821', name: 'My Product Name', quantity: 2 }],
      },
    ])
  })
})

describe('PUT /api/orders/:orderNumber/status', () => {
  it('moves the order to a code in the status map, records it and moves LastModified', async () => {
    const t = await makeApp({ env: API_ENV })
    clockAt('2030-01-01T10:00:00Z')
    const created = await create(t, makeOrder(1))
    vi.setSystemTime(new Date('2030-01-01T10:05:30Z'))
    const res = await setStatus(t, 'T1', { code: '9', reason: 'buyer cancelled by phone' })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({
      changed: true,
      sophioStatus: '9',
      shipStationStatus: 'cancelled',
      lastModified: '2030-01-01T10:05:30.000Z',
      order: { orderId: created.orderId, orderStatus: 'cancelled', sophioStatus: '9' },
    })
    expect(body.history).toEqual([
      { fromCode: null, toCode: 'P', at: '2030-01-01T10:00:00.000Z', reason: 'api' },
      { fromCode: 'P', toCode: '9', at: '2030-01-01T10:05:30.000Z', reason: 'api: buyer cancelled by phone' },
    ])
  })

  it('the change appears in the next export window; a cancelled order stays in the export', async () => {
    const t = await makeApp({ env: API_ENV })
    clockAt('2030-01-01T10:00:10Z')
    await create(t, makeOrder(1))
    const first = await exportWindow(t, '01/01/2030 09:59', '01/01/2030 10:00')
    expect(first.map((o) => [o.OrderNumber, o.OrderStatus])).toEqual([['T1', 'paid']])

    vi.setSystemTime(new Date('2030-01-01T10:07:00Z'))
    expect((await setStatus(t, 'T1', { code: '9' })).statusCode).toBe(200)
    const next = await exportWindow(t, '01/01/2030 10:01', '01/01/2030 10:07')
    expect(next).toHaveLength(1)
    expect(next[0]).toMatchObject({ OrderNumber: 'T1', OrderStatus: 'cancelled', LastModified: '01/01/2030 10:07' })
    // The order left the earlier window: ShipStation sees it once per change.
    expect(await exportWindow(t, '01/01/2030 09:59', '01/01/2030 10:00')).toEqual([])
  })

  it('keeps LastModified strictly increasing when changes land in the same millisecond', async () => {
    const t = await makeApp({ env: API_ENV })
    clockAt('2030-01-01T10:00:00Z')
    await create(t, makeOrder(1))
    await setStatus(t, 'T1', { code: 'K' })
    await setStatus(t, 'T1', { code: '9' })
    const at = (await get(t, 'T1')).json().history.map((h: { at: string }) => Date.parse(h.at))
    expect(at).toEqual([at[0], at[0] + 1, at[0] + 2])
  })

  it('accepts the code as a number ({"code": 9})', async () => {
    const t = await makeApp({ env: API_ENV })
    await create(t, makeOrder(1))
    const res = await setStatus(t, 'T1', { code: 9 })
    expect(res.statusCode).toBe(200)
    expect(res.json().sophioStatus).toBe('9')
  })

  it('the same code again changes nothing: no history row, LastModified kept', async () => {
    const t = await makeApp({ env: API_ENV })
    const created = await create(t, makeOrder(1))
    const res = await setStatus(t, 'T1', { code: 'P' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ changed: false, lastModified: created.modifyDate })
    expect(res.json().history).toHaveLength(1)
  })

  it.each([
    [
      'a code outside the status map',
      { code: 'Z' },
      400,
      'UNKNOWN_STATUS_CODE',
      '"Z" is not a Sophio code in the status map',
    ],
    ['no code', {}, 400, 'FST_ERR_VALIDATION', "must have required property 'code'"],
    ['an empty code', { code: '' }, 400, 'FST_ERR_VALIDATION', 'body/code'],
  ])('%s → %i %s', async (_name, body, status, code, message) => {
    const t = await makeApp({ env: API_ENV })
    await create(t, makeOrder(1))
    const res = await setStatus(t, 'T1', body)
    expect(res.statusCode).toBe(status)
    expect(res.json().error.code).toBe(code)
    expect(res.json().error.message).toContain(message)
    expect((await get(t, 'T1')).json().history).toHaveLength(1)
  })

  it('404 for an unknown order', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await setStatus(t, 'T404', { code: '9' })
    expect(res.statusCode).toBe(404)
    expect(res.json().error.code).toBe('ORDER_NOT_FOUND')
  })

  it('a retried createorder does not undo a cancellation (identical content is left alone)', async () => {
    const t = await makeApp({ env: API_ENV })
    await create(t, makeOrder(1))
    await setStatus(t, 'T1', { code: '9' })
    const again = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: makeOrder(1) })
    expect(again.json()).toMatchObject({ outcome: 'unchanged', sophioStatus: '9', orderStatus: 'cancelled' })
  })
})
