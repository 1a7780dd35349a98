// Concurrent requests: one order per orderKey however many arrive at once; export pages stay whole while orders are written.

import { describe, expect, it } from 'vitest'
import { API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { configFile } from '../helpers/config-file.js'
import { integrityCheck, rowCounts } from '../helpers/db-state.js'
import { makeOrder } from '../helpers/orders.js'
import { ordersOf, pagesOf } from '../helpers/xml.js'

function create(t: TestApp, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: createOrderUrl(), payload: body })
}

describe('createorder under concurrency', () => {
  it('50 identical requests at once → one order: one 201, 49 × 200 unchanged', async () => {
    const t = await makeApp({ env: API_ENV, file: true })
    const replies = await Promise.all(Array.from({ length: 50 }, () => create(t, makeOrder(1))))
    const statuses = replies.map((r) => r.statusCode).sort()
    expect(statuses).toEqual([...Array(49).fill(200), 201])
    expect(new Set(replies.map((r) => r.json().orderId)).size).toBe(1)
    expect(replies.filter((r) => r.json().outcome === 'unchanged')).toHaveLength(49)
    expect(rowCounts(t.db)).toMatchObject({ orders: 1, order_lines: 2, order_status_history: 1 })
  })

  it('30 different versions of one orderKey at once → one order holding one of them, never a mix', async () => {
    const t = await makeApp({ env: API_ENV, file: true })
    const versions = Array.from({ length: 30 }, (_, i) => makeOrder(1, { customerNotes: `version ${i}`, taxAmount: i }))
    const replies = await Promise.all(versions.map((v) => create(t, v)))
    expect(replies.map((r) => r.statusCode).filter((s) => s === 201)).toHaveLength(1)
    expect(replies.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true)
    const [order, ...more] = t.repos.orders.findByNumber('T1')
    expect(more).toEqual([])
    const n = Number(order?.customerNotes?.replace('version ', ''))
    expect(order?.taxAmount).toBe(n)
    expect(integrityCheck(t.db)).toBe('ok')
  })
})

const T0 = Date.UTC(2025, 4, 1, 8, 0)
const WINDOW = 'start_date=05/01/2025 08:00&end_date=05/01/2025 23:59'

async function exportPage(t: TestApp, window: string, page: number): Promise<string> {
  const res = await t.app.inject({
    url: `/shipstation?action=export&${window}&page=${page}`,
    headers: { authorization: SS_BASIC },
  })
  expect(res.statusCode).toBe(200)
  return res.body
}

/** Drains a window page by page; returns the order numbers of each page. */
async function drain(t: TestApp, window: string): Promise<string[][]> {
  const pages: string[][] = []
  for (let n = 1; n <= 1000; n++) {
    const xml = await exportPage(t, window, n)
    pages.push(ordersOf(xml).map((o) => o.OrderNumber as string))
    if (n >= pagesOf(xml)) break
    // Let the writers in between pages, as ShipStation's own pauses would.
    await new Promise((r) => setImmediate(r))
  }
  return pages
}

describe('export pages while orders are written', () => {
  it('a fixed window loses nothing and repeats nothing while 200 orders are created and 100 updated', async () => {
    // Orders 1–250 are stamped inside the window; the writers after them get the real time (after it).
    let at: number | null = null
    const t = await makeApp({
      env: { ...API_ENV, CONFIG_FILE: configFile({ pageSize: 25 }) },
      file: true,
      clock: () => at ?? Date.now(),
    })
    for (let i = 1; i <= 250; i++) {
      at = T0 + i * 1000
      if (!(await t.app.services.ingest(makeOrder(i), 'test')).ok) throw new Error('bad fixture')
    }
    at = null
    // Writers: new orders (modified now, outside the window) and updates to orders outside it.
    const writers = [
      ...Array.from({ length: 200 }, (_, i) => () => create(t, makeOrder(1000 + i))),
      ...Array.from({ length: 100 }, (_, i) => () => create(t, makeOrder(1000 + i, { customerNotes: 'changed' }))),
    ]
    let written = 0
    const writing = (async () => {
      for (const batch of Array.from({ length: 30 }, (_, b) => writers.slice(b * 10, b * 10 + 10))) {
        const replies = await Promise.all(batch.map((w) => w()))
        for (const r of replies) expect([200, 201]).toContain(r.statusCode)
        written += batch.length
      }
    })()
    const pages = await drain(t, WINDOW)
    // The pages really were read between writes, not before or after all of them.
    expect(written).toBeGreaterThan(0)
    expect(written).toBeLessThan(writers.length)
    await writing
    for (const p of pages) expect(new Set(p).size).toBe(p.length)
    const seen = pages.flat()
    expect(seen).toHaveLength(250)
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 250 }, (_, i) => `T${i + 1}`)))
  })

  it('an open window drained while orders arrive serves every order that was there at the start exactly once', async () => {
    const t = await makeApp({ env: { ...API_ENV, CONFIG_FILE: configFile({ pageSize: 20 }) }, file: true })
    for (let i = 1; i <= 100; i++) await create(t, makeOrder(i))
    const open = 'start_date=01/01/2000 00:00&end_date=12/31/2099 23:59'
    const writing = Promise.all(Array.from({ length: 100 }, (_, i) => create(t, makeOrder(500 + i))))
    const pages = await drain(t, open)
    await writing
    const seen = pages.flat()
    expect(new Set(seen).size).toBe(seen.length)
    for (let i = 1; i <= 100; i++) expect(seen).toContain(`T${i}`)
  })
})
