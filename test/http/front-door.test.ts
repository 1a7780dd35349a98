// The root and the edges of the JSON API: a pointer at /, 404s with their request id, empty bodies named.

import { describe, expect, it } from 'vitest'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp } from '../helpers/app.js'
import { makeOrder } from '../helpers/orders.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('the root and unknown paths', () => {
  it('GET / points a person to /ops, /healthz and the docs — in HTML for a browser, JSON otherwise', async () => {
    const t = await makeApp()
    const browser = await t.app.inject({ url: '/', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } })
    expect(browser.statusCode).toBe(200)
    expect(browser.headers['content-type']).toBe('text/html; charset=utf-8')
    const hrefs = [...browser.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    expect(hrefs).toEqual(['/ops', '/healthz', '/readyz', '/api/openapi.json'])
    const script = await t.app.inject({ url: '/' })
    expect(script.statusCode).toBe(200)
    expect(script.json()).toEqual({
      service: 'sophio-shipstation',
      links: { ops: '/ops', health: '/healthz', ready: '/readyz', api: '/api/openapi.json' },
    })
  })

  it('an unknown path is a JSON 404 that carries its request id; the path is named, the query never', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ url: '/nowhere?SS-Password=secret' })
    expect(res.statusCode).toBe(404)
    const body = res.json()
    expect(body).toEqual({ error: { code: 'NOT_FOUND', message: 'no route GET /nowhere' }, requestId: expect.stringMatching(UUID) })
    const line = t.logs.find((l) => (l as { reqId?: string }).reqId === body.requestId)
    expect(line).toBeDefined()
  })
})

describe('empty bodies', () => {
  it.each([
    ['createorder', 'POST', createOrderUrl()],
    ['status change', 'PUT', '/api/orders/T1/status'],
  ])('%s with no body → 400 EMPTY_BODY whatever the Content-Type', async (_name, method, url) => {
    const t = await makeApp({ env: API_ENV })
    expect((await t.app.services.ingest(makeOrder(1), 'test')).ok).toBe(true)
    for (const type of [undefined, 'application/json', 'application/json; charset=utf-8', 'text/plain']) {
      const headers: Record<string, string> = { authorization: API_BASIC }
      if (type) headers['content-type'] = type
      const res = await t.app.inject({ method: method as 'POST', url, headers, payload: '' })
      expect([type, res.statusCode, res.json().error.code]).toEqual([type, 400, 'EMPTY_BODY'])
      expect(res.json().requestId).toMatch(UUID)
    }
  })
})

describe('log lines', () => {
  it('carry their time as ISO 8601 UTC', async () => {
    const t = await makeApp()
    await t.app.inject({ url: '/healthz' })
    const times = t.logs.map((l) => (l as { time?: unknown }).time)
    expect(times.length).toBeGreaterThan(0)
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
})
