// /ops/orders and /ops/api/orders: the order listing — filters, keyset pages, the form, the summary's links.

import { describe, expect, it } from 'vitest'
import { makeApp, OPS_BASIC, type TestApp } from '../helpers/app.js'
import { byId, rows, text } from '../helpers/html.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

const auth = { authorization: OPS_BASIC }
const DAY = 86_400_000
const T0 = Date.UTC(2026, 4, 10, 12, 0)

/**
 * T1…T6, one a day, oldest first (T6 modified now): T1 P (fully shipped), T2 P (partly), T3 X (unmapped),
 * T4 K, T5 9 (cancelled), T6 P. The clock then stands at T0.
 */
async function store(): Promise<TestApp> {
  let now = T0 - 5 * DAY
  const t = await makeApp({ clock: () => now })
  for (const [n, code] of [
    [1, 'P'],
    [2, 'P'],
    [3, 'X'],
    [4, 'K'],
    [5, '9'],
    [6, 'P'],
  ] as const) {
    if (!(await t.app.services.ingest(makeOrder(n, { sophioStatus: code }), 'test')).ok) throw new Error('not stored')
    if (n < 6) now += DAY
  }
  expect((await postNotice(t, noticeText('no-items.xml'))).statusCode).toBe(200)
  expect((await postNotice(t, noticeText('split-1-of-2.xml').replace(/<OrderID>1</, '<OrderID>2<'))).statusCode).toBe(200)
  // The notices moved T1 and T2 on (shipped, partly shipped): put them back as they were, shipments kept.
  t.db.prepare("UPDATE orders SET status_code = 'P', modified_at = ? WHERE id = ?").run(T0 - 5 * DAY, 1)
  t.db.prepare("UPDATE orders SET status_code = 'P', modified_at = ? WHERE id = ?").run(T0 - 4 * DAY, 2)
  return t
}

async function get(t: TestApp, url: string, status = 200): Promise<string> {
  const res = await t.app.inject({ url, headers: auth })
  expect([url, res.statusCode]).toEqual([url, status])
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  return res.body
}

/** The links of an element: text → href (entities decoded). */
function links(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<a[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [text(m[2] ?? ''), text(m[1] ?? '')]),
  )
}

const numbers = (html: string) => rows(byId(html, 'order-list')).map((r) => r.cells[0])

describe('/ops/orders', () => {
  it('lists every order newest first: number linking to its detail, code, status, modified, country, total, shipped', async () => {
    const t = await store()
    const html = await get(t, '/ops/orders')
    const list = rows(byId(html, 'order-list'))
    expect(list.map((r) => r.cells)).toEqual([
      ['T6', 'P', 'Awaiting Shipment', '2026-05-10T12:00:00Z', 'US', expect.stringMatching(/^\d+\.\d\d$/), 'no'],
      ['T5', '9', 'Cancelled', '2026-05-09T12:00:00Z', 'US', expect.any(String), 'no'],
      ['T4', 'K', 'Awaiting Shipment', '2026-05-08T12:00:00Z', 'US', expect.any(String), 'no'],
      ['T3', 'X', 'not mapped', '2026-05-07T12:00:00Z', 'US', expect.any(String), 'no'],
      ['T2', 'P', 'Awaiting Shipment', '2026-05-06T12:00:00Z', 'US', expect.any(String), 'partly'],
      ['T1', 'P', 'Awaiting Shipment', '2026-05-05T12:00:00Z', 'US', expect.any(String), 'yes'],
    ])
    const t3 = byId(html, 'order-list').match(/<tr data-order="T3">[\s\S]*?<\/tr>/)?.[0] ?? ''
    expect(t3).toContain('<span class="badge b-unmapped">not mapped</span>')
    expect(links(byId(html, 'order-list')).get('T6')).toBe('/ops?order=T6#order')
    // One page holds them all: no pager links.
    expect(links(byId(html, 'pager')).size).toBe(0)
  })

  it.each([
    ['code=P,K', ['T6', 'T4', 'T2', 'T1']],
    ['status=awaiting_shipment', ['T6', 'T4', 'T2', 'T1']],
    ['status=unmapped', ['T3']],
    ['status=cancelled&code=9', ['T5']],
    ['since=2d', ['T6', 'T5', 'T4']],
    ['until=2026-05-08T12:00Z', ['T3', 'T2', 'T1']],
    ['since=4d&until=1d', ['T4', 'T3', 'T2']],
    // The 3 a.m. question: awaiting shipment and untouched for more than two days.
    ['status=awaiting_shipment&until=2d', ['T2', 'T1']],
    // An empty form field is no filter.
    ['code=&status=&since=&until=', ['T6', 'T5', 'T4', 'T3', 'T2', 'T1']],
  ])('filters: ?%s', async (query, expected) => {
    const t = await store()
    expect(numbers(await get(t, `/ops/orders?${query}`))).toEqual(expected)
  })

  it('pages by keyset: Older → and ← Newer carry the filter, every order once, back to the first page', async () => {
    const t = await store()
    const first = await get(t, '/ops/orders?status=awaiting_shipment&limit=3')
    expect(numbers(first)).toEqual(['T6', 'T4', 'T2'])
    const older = links(byId(first, 'pager')).get('Older →') as string
    expect(older).toMatch(/^\/ops\/orders\?status=awaiting_shipment&after=\d+-2&limit=3$/)
    expect(links(byId(first, 'pager')).has('← Newer')).toBe(false)

    const second = await get(t, older)
    expect(numbers(second)).toEqual(['T1'])
    expect(links(byId(second, 'pager')).has('Older →')).toBe(false)
    const newer = links(byId(second, 'pager')).get('← Newer') as string
    expect(newer).toMatch(/^\/ops\/orders\?status=awaiting_shipment&before=\d+-1&limit=3$/)
    expect(numbers(await get(t, newer))).toEqual(['T6', 'T4', 'T2'])

    // An order modified meanwhile moves to the top; the pages already cut stay consistent.
    t.db.prepare('UPDATE orders SET modified_at = ? WHERE id = 1').run(T0 + 1)
    expect(text(byId(await get(t, older), 'no-orders'))).toBe('No order matches.')
  })

  it('the form is a GET to itself that shows the filter in force', async () => {
    const t = await store()
    const html = await get(t, '/ops/orders?code=P&status=Awaiting%20Shipment&since=7d')
    const form = byId(html, 'order-filter')
    expect(form).toMatch(/^<form class="filter" id="order-filter" method="get" action="\/ops\/orders">/)
    expect(form).toContain('<input name="code" value="P"')
    expect(form).toContain('<input name="since" value="7d"')
    expect(form).toContain('<option value="awaiting_shipment" selected>Awaiting Shipment</option>')
    expect(links(byId(html, 'orders')).get('awaiting shipment, untouched for 2 days')).toBe(
      '/ops/orders?status=awaiting_shipment&until=2d',
    )
  })

  it('a filter it cannot read: 400 with the form and what is wrong', async () => {
    const t = await store()
    for (const [query, message] of [
      ['status=lost', 'status must be one of'],
      ['until=tomorrow', 'until must be an ISO date'],
      ['since=1d&until=3d', 'since must be earlier than until'],
      ['after=12', 'after and before take a cursor'],
      ['after=1-1&before=1-1', 'not both'],
    ]) {
      const html = await get(t, `/ops/orders?${query}`, 400)
      expect(text(byId(html, 'filter-error'))).toContain(message)
      expect(byId(html, 'order-filter')).toContain('method="get"')
    }
  })

  it('the summary cards link to their lists', async () => {
    const t = await store()
    const cards = links(byId(await get(t, '/ops'), 'summary'))
    expect(cards.get('6 orders')).toBe('/ops/orders')
    expect(cards.get('1 unmapped codes (1 orders)')).toBe('/ops/orders?status=unmapped')
  })
})

describe('/ops/api/orders', () => {
  it('takes the same filter and pages: links to the older and newer pages', async () => {
    const t = await store()
    const json = async (url: string) => {
      const res = await t.app.inject({ url, headers: auth })
      expect([url, res.statusCode]).toEqual([url, 200])
      return res.json()
    }
    const first = await json('/ops/api/orders?status=awaiting_shipment&until=1d&limit=2')
    expect(first.orders.map((o: any) => o.orderNumber)).toEqual(['T4', 'T2'])
    expect(first.orders[1]).toMatchObject({ shipToCountry: 'US', fulfilment: 'partial', lastModified: '2026-05-06T12:00:00.000Z' })
    expect(first.newer).toBeNull()
    expect(first.older).toMatch(/^\/ops\/api\/orders\?status=awaiting_shipment&until=1d&after=\d+-2&limit=2$/)
    const second = await json(first.older)
    expect(second.orders.map((o: any) => o.orderNumber)).toEqual(['T1'])
    expect(second.older).toBeNull()
    expect((await json(second.newer)).orders.map((o: any) => o.orderNumber)).toEqual(['T4', 'T2'])
    const bad = await t.app.inject({ url: '/ops/api/orders?until=soon', headers: auth })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({ code: 'BAD_FILTER', message: expect.stringContaining('until must be') })
  })
})
