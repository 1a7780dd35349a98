// /healthz and /readyz without credentials; /metrics in Prometheus text format, its counters moving.

import { statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../src/db/migrations.js'
import { makeApp, OPS_BASIC, SS_BASIC, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'
import { ordersOf } from '../helpers/xml.js'

const WIDE = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'

interface Scrape {
  /** `name{a="x",b="y"}` (labels sorted) → value. */
  samples: Map<string, number>
  types: Map<string, string>
}

/** A strict reader of the text format: every line is a comment (HELP/TYPE) or a sample of a declared family. */
function parseMetrics(body: string): Scrape {
  const samples = new Map<string, number>()
  const types = new Map<string, string>()
  const helps = new Set<string>()
  for (const line of body.split('\n')) {
    if (line === '') continue
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line)
    if (meta?.[2] && meta[3]) {
      if (meta[1] === 'TYPE') types.set(meta[2], meta[3])
      else helps.add(meta[2])
      continue
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+]+|NaN)$/.exec(line)
    if (!m?.[1] || !m[3]) throw new Error(`not a metrics line: ${line}`)
    expect(types.has(m[1]) && helps.has(m[1])).toBe(true)
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map((l) => `${l[1]}="${l[2]}"`)
      .sort()
    samples.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1], Number(m[3]))
  }
  return { samples, types }
}

async function scrape(t: TestApp): Promise<Scrape> {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: OPS_BASIC } })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8')
  return parseMetrics(res.body)
}

describe('/healthz and /readyz', () => {
  it('answer without credentials', async () => {
    const t = await makeApp()
    const health = await t.app.inject({ url: '/healthz' })
    expect([health.statusCode, health.json()]).toEqual([200, { status: 'ok' }])
    const ready = await t.app.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({
      status: 'ready',
      database: 'reachable',
      storage: 'ok',
      schemaVersion: SCHEMA_VERSION,
      expectedSchemaVersion: SCHEMA_VERSION,
    })
    expect(ready.headers['cache-control']).toBe('no-store')
  })

  it('/readyz is 503 when the schema is not the one this program expects', async () => {
    const t = await makeApp({ file: true })
    t.db.pragma(`user_version = ${SCHEMA_VERSION - 1}`)
    const res = await t.app.inject({ url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'not ready', database: 'reachable', schemaVersion: SCHEMA_VERSION - 1 })
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200)
  })

  it('/readyz is 503 when the database cannot be reached', async () => {
    const t = await makeApp({ file: true })
    t.db.close()
    const res = await t.app.inject({ url: '/readyz' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toMatchObject({ status: 'not ready', database: 'unreachable', schemaVersion: null })
  })
})

describe('/metrics', () => {
  it('needs the ops credentials', async () => {
    const t = await makeApp()
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/metrics', headers: { authorization: SS_BASIC } })).statusCode).toBe(401)
  })

  it('declares every family with its type', async () => {
    const t = await makeApp()
    const { types } = await scrape(t)
    expect(Object.fromEntries(types)).toMatchObject({
      sophio_http_requests_total: 'counter',
      sophio_orders_exported_total: 'counter',
      sophio_unmapped_orders_exported_total: 'counter',
      sophio_ship_notices: 'gauge',
      sophio_orders: 'gauge',
      sophio_unmapped_codes: 'gauge',
      sophio_ready: 'gauge',
      sophio_wal_bytes: 'gauge',
    })
  })

  it('moves after an export and a notice: requests, orders exported, notices by outcome, orders per code', async () => {
    const t = await makeApp()
    for (const [n, code] of [
      [1, 'P'],
      [2, 'P'],
      [3, 'X'],
    ] as const) {
      // Order 1 is Sophio's sample, 296594: the order the fixture notices name.
      const order = n === 1 ? { ...seedOrder(), sophioStatus: code } : makeOrder(n, { sophioStatus: code })
      expect((await t.app.services.ingest(order, 'test')).ok).toBe(true)
    }
    const before = (await scrape(t)).samples
    expect(before.get('sophio_orders_exported_total')).toBe(0)
    expect(before.get('sophio_ship_notices{outcome="applied"}')).toBe(0)
    expect(before.get('sophio_orders{code="P",shipstation_status="awaiting_shipment"}')).toBe(2)
    expect(before.get('sophio_orders{code="X",shipstation_status="unmapped"}')).toBe(1)
    expect(before.get('sophio_orders{code="K",shipstation_status="awaiting_shipment"}')).toBe(0)
    expect(before.get('sophio_unmapped_codes')).toBe(1)
    expect(before.get('sophio_ready')).toBe(1)
    expect(before.has('sophio_http_requests_total{method="GET",route="/shipstation",status="200"}')).toBe(false)

    const res = await t.app.inject({
      url: `/shipstation?action=export&${WIDE}&page=1`,
      headers: { authorization: SS_BASIC },
    })
    expect(ordersOf(res.body)).toHaveLength(3)
    const notice = await postNotice(t, noticeText('no-items.xml'), { query: 'order_number=296594' })
    expect(notice.statusCode).toBe(200)
    expect((await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' })).statusCode).toBe(404)

    const after = (await scrape(t)).samples
    expect(after.get('sophio_orders_exported_total')).toBe(3)
    expect(after.get('sophio_unmapped_orders_exported_total')).toBe(1)
    expect(after.get('sophio_ship_notices{outcome="applied"}')).toBe(1)
    expect(after.get('sophio_ship_notices{outcome="unmatched"}')).toBe(1)
    expect(after.get('sophio_ship_notices{outcome="rejected"}')).toBe(0)
    // 296594 is shipped now: one order moved from P to S.
    expect(after.get('sophio_orders{code="P",shipstation_status="awaiting_shipment"}')).toBe(1)
    expect(after.get('sophio_orders{code="S",shipstation_status="shipped"}')).toBe(1)
    expect(after.get('sophio_http_requests_total{method="GET",route="/shipstation",status="200"}')).toBe(1)
    expect(after.get('sophio_http_requests_total{method="POST",route="/shipstation",status="200"}')).toBe(1)
    expect(after.get('sophio_http_requests_total{method="POST",route="/shipstation",status="404"}')).toBe(1)
    expect(after.get('sophio_http_requests_total{method="GET",route="/metrics",status="200"}')).toBe(1)
  })

  it('labels requests by route pattern, never by URL (order numbers stay out)', async () => {
    const t = await makeApp()
    for (const n of ['A1', 'B2', 'C3'])
      await t.app.inject({ url: `/ops/api/orders/${n}`, headers: { authorization: OPS_BASIC } })
    await t.app.inject({ url: '/no/such/thing?x=1' })
    const { samples } = await scrape(t)
    expect(
      samples.get('sophio_http_requests_total{method="GET",route="/ops/api/orders/:orderNumber",status="404"}'),
    ).toBe(3)
    expect(samples.get('sophio_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1)
    expect([...samples.keys()].some((k) => /A1|B2|C3|no\/such/.test(k))).toBe(false)
  })
})

describe('sophio_wal_bytes', () => {
  it('is the size of the -wal file next to the database (0 in memory)', async () => {
    expect((await scrape(await makeApp())).samples.get('sophio_wal_bytes')).toBe(0)
    const t = await makeApp({ file: true })
    for (let n = 1; n <= 20; n++) expect((await t.app.services.ingest(makeOrder(n), 'test')).ok).toBe(true)
    const bytes = statSync(`${t.config.databasePath}-wal`).size
    expect(bytes).toBeGreaterThan(0)
    expect((await scrape(t)).samples.get('sophio_wal_bytes')).toBe(bytes)
  })
})
