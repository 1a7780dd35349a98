// The export reads stored order bodies and continues each page from the last one: these tests pin down
// that this is invisible — same bytes as the plain writer, nothing lost while orders change mid-drain.

import { describe, expect, it } from 'vitest'
import { effectivePageSize, MAX_PAGES } from '../../src/services/export-orders.js'
import { ORDER_BODY_VERSION, writeOrdersDocument } from '../../src/shipstation/export-writer.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { makeOrder } from '../helpers/orders.js'
import { ordersOf, pagesOf } from '../helpers/xml.js'

const T0 = Date.UTC(2025, 4, 1, 8, 0)
const WINDOW = 'start_date=05/01/2025 08:00&end_date=05/01/2025 23:59'

/** The app on a clock the test sets; `at: null` is the real time (after WINDOW). */
async function clockedApp(): Promise<TestApp & { clock: { at: number | null } }> {
  const clock: { at: number | null } = { at: null }
  const t = await makeApp({ clock: () => clock.at ?? Date.now() })
  return Object.assign(t, { clock })
}

/** n orders, order i last modified at T0 + i seconds (inside WINDOW); later writes at the real time. */
async function loadAt(t: TestApp & { clock: { at: number | null } }, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) {
    t.clock.at = T0 + i * 1000
    if (!(await t.app.services.ingest(makeOrder(i), 'test')).ok) throw new Error('bad fixture')
  }
  t.clock.at = null
}

async function page(t: TestApp, n: number) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/shipstation?action=export&${WINDOW}&page=${n}`,
    headers: { authorization: SS_BASIC },
  })
  expect(res.statusCode).toBe(200)
  return res.body
}

describe('export from stored bodies', () => {
  it('is byte-identical to the plain writer over the same orders', async () => {
    const t = await clockedApp()
    await loadAt(t, 3)
    const { config } = t.app.services
    const { orders } = t.repos
    const expected = writeOrdersDocument(
      1,
      [1, 2, 3].map((i) => {
        const order = orders.findByKey(`key-${i}`)
        if (!order) throw new Error('missing')
        return { order, ctx: { orderStatus: 'paid', requestedWarehouse: order.warehouseId } }
      }),
    )
    expect(config.pageSize).toBe(100)
    expect(await page(t, 1)).toBe(expected)
  })

  it('re-renders a body stored by an older writer version, and keeps it', async () => {
    const t = await clockedApp()
    await loadAt(t, 1)
    const db = t.db
    db.prepare("UPDATE order_exports SET body = '<OrderNumber>stale</OrderNumber></Order>', version = 0").run()
    const [o] = ordersOf(await page(t, 1))
    expect(o?.OrderNumber).toBe('T1')
    expect(o?.Items.Item).toHaveLength(2)
    expect(db.prepare('SELECT version FROM order_exports').pluck().get()).toBe(ORDER_BODY_VERSION)
  })

  it('renders a missing body, and keeps it', async () => {
    const t = await clockedApp()
    await loadAt(t, 2)
    const db = t.db
    db.prepare('DELETE FROM order_exports WHERE order_id = (SELECT min(id) FROM orders)').run()
    expect(ordersOf(await page(t, 1)).map((o) => o.OrderNumber)).toEqual(['T1', 'T2'])
    expect(db.prepare('SELECT count(*) FROM order_exports').pluck().get()).toBe(2)
  })
})

describe('paging while orders change', () => {
  it('an order leaving the window after page 1 does not make page 2 skip another one', async () => {
    const t = await clockedApp()
    await loadAt(t, 250)
    const first = ordersOf(await page(t, 1)).map((o) => o.OrderNumber as string)
    expect(first).toHaveLength(100)
    // A re-posted order gets a new LastModified (now): it leaves this past window.
    const r = await t.app.services.ingest(makeOrder(5, { customerNotes: 'changed' }), 'test')
    expect(r.ok && r.outcome).toBe('updated')
    const rest = [...ordersOf(await page(t, 2)), ...ordersOf(await page(t, 3))].map((o) => o.OrderNumber as string)
    const all = [...first, ...rest]
    expect(new Set(all).size).toBe(all.length)
    expect(all.sort()).toEqual(Array.from({ length: 250 }, (_, i) => `T${i + 1}`).sort())
  })

  it('an order entering the window mid-drain is counted in pages and served once', async () => {
    const t = await clockedApp()
    await loadAt(t, 150)
    expect(pagesOf(await page(t, 1))).toBe(2)
    t.clock.at = T0 + 500_000
    if (!(await t.app.services.ingest(makeOrder(999), 'test')).ok) throw new Error('bad fixture')
    const p2 = await page(t, 2)
    expect(pagesOf(p2)).toBe(2)
    const numbers = ordersOf(p2).map((o) => o.OrderNumber)
    expect(numbers).toHaveLength(51)
    expect(numbers.at(-1)).toBe('T999')
  })

  it('serves any page directly, in any order, with the same content', async () => {
    const t = await clockedApp()
    await loadAt(t, 250)
    const p3 = await page(t, 3)
    const p1 = await page(t, 1)
    const p2 = await page(t, 2)
    expect(await page(t, 3)).toBe(p3)
    expect(await page(t, 2)).toBe(p2)
    expect(await page(t, 1)).toBe(p1)
    expect(ordersOf(p3).map((o) => o.OrderNumber)[0]).toBe('T201')
  })
})

describe('pages fit ShipStation’s 16-bit limit', () => {
  it.each([
    [0, 100, 100],
    [3_276_700, 100, 100],
    [3_276_701, 100, 101],
    [10_000_000, 100, 306],
    [50, 500, 500],
  ])('%i orders at %i per page → %i per page', (total, configured, size) => {
    expect(effectivePageSize(total, configured)).toBe(size)
    expect(Math.ceil(total / size)).toBeLessThanOrEqual(MAX_PAGES)
  })
})

describe('a re-posted order keeps what happened to it since', () => {
  it('re-posting with the same status does not undo a status set in between; a new status applies', async () => {
    const t = await makeApp()
    const { services } = t.app
    const first = await services.ingest(makeOrder(1, { orderStatus: 'awaiting_shipment' }), 'test')
    if (!first.ok) throw new Error('bad fixture')
    await services.setOrderStatus('T1', 'S', 'shipped elsewhere')
    const fix = await services.ingest(
      makeOrder(1, { orderStatus: 'awaiting_shipment', customerNotes: 'new address' }),
      'test',
    )
    expect(fix.ok && fix.outcome).toBe('updated')
    expect(t.repos.orders.findByKey('key-1')).toMatchObject({ statusCode: 'S', customerNotes: 'new address' })
    const cancel = await services.ingest(makeOrder(1, { orderStatus: 'cancelled', customerNotes: 'new address' }), 'test')
    expect(cancel.ok && cancel.outcome).toBe('updated')
    const order = t.repos.orders.findByKey('key-1')
    expect(order?.statusCode).toBe('9')
    expect(t.repos.orders.history(order?.id ?? 0).map((h) => h.toCode)).toEqual(['P', 'S', '9'])
  })
})
