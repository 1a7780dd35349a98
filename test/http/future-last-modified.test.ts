// An order whose LastModified lies in the future (clock skew, a restore) still reaches ShipStation when it changes.

import { describe, expect, it } from 'vitest'
import { formatShipStationDate, MINUTE_MS } from '../../src/domain/dates.js'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'
import { ordersOf } from '../helpers/xml.js'

const YEAR_2100 = Date.parse('2100-01-01T00:00:00Z')

/** T1 stored, then its LastModified moved to 2100 in the file, as a restore from a wrong clock leaves it. */
async function orderFromTheFuture(): Promise<TestApp> {
  const t = await makeApp({ env: API_ENV, file: true })
  const r = await t.app.services.ingest(makeOrder(1), 'test')
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  t.db.prepare('UPDATE orders SET modified_at = ? WHERE id = ?').run(YEAR_2100, r.orderId)
  return t
}

/** The export ShipStation makes next: a window of the last few minutes, ending now. */
async function nextPoll(t: TestApp) {
  const now = Date.now()
  const q = (ms: number) => encodeURIComponent(formatShipStationDate(ms))
  const res = await t.app.inject({
    url: `/shipstation?action=export&start_date=${q(now - 5 * MINUTE_MS)}&end_date=${q(now)}`,
    headers: { authorization: SS_BASIC },
  })
  expect(res.statusCode).toBe(200)
  return ordersOf(res.body)
}

const CHANGES: [string, (t: TestApp) => Promise<number>, string][] = [
  [
    'a cancellation (PUT status 9)',
    async (t) =>
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/orders/T1/status',
          headers: { authorization: API_BASIC },
          payload: { code: '9' },
        })
      ).statusCode,
    'cancelled',
  ],
  [
    'a createorder update',
    async (t) =>
      (await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: makeOrder(1, { customerNotes: 'new' }) }))
        .statusCode,
    'paid',
  ],
  // A notice without Items ships the whole order.
  ['a shipment notice completing it', async (t) => (await postNotice(t, noticeText('no-items.xml'))).statusCode, 'shipped'],
]

describe('LastModified in the future', () => {
  it('a restored order from the future is out of ShipStation’s window (what makes it stuck)', async () => {
    const t = await orderFromTheFuture()
    expect(await nextPoll(t)).toEqual([])
  })

  it.each(CHANGES)('%s sets it to now, so the next poll carries the change, and warns', async (_name, change, status) => {
    const t = await orderFromTheFuture()
    const before = Date.now()
    expect(await change(t)).toBe(200)
    const modifiedAt = t.repos.orders.findByNumber('T1')[0]?.modifiedAt ?? 0
    expect(modifiedAt).toBeGreaterThanOrEqual(before)
    expect(modifiedAt).toBeLessThanOrEqual(Date.now())
    const polled = await nextPoll(t)
    expect(polled.map((o) => [o.OrderNumber, o.OrderStatus, o.LastModified])).toEqual([
      ['T1', status, formatShipStationDate(modifiedAt)],
    ])
    const warnings = t.logs.filter((l) => l.level === 40 && l.orderNumber === 'T1')
    expect(warnings.map((l) => [l.msg, l.lastModified])).toEqual([
      ['order LastModified was in the future: set to now, so the next export carries the change', '2100-01-01T00:00:00.000Z'],
    ])
  })
})
