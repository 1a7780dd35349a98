// A full run — export, shipnotify, createorder, ops login and re-apply, failed logins, malformed requests on a
// real socket — leaves no secret in the logs, at every level down to trace.

import type { InjectOptions } from 'fastify'
import { describe, expect, it } from 'vitest'
import { API_BASIC, API_ENV, API_SECRET, API_TOKEN, createOrderUrl } from '../helpers/api.js'
import { makeApp, OPS_BASIC, OPS_PASS, OPS_USER, SS_BASIC, SS_PASS, SS_USER } from '../helpers/app.js'
import { byId, inputValues } from '../helpers/html.js'
import { noticeText } from '../helpers/notices.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'
import { listenOnLoopback, rawHttp } from '../helpers/raw-http.js'

const WIDE = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
const WRONG = 'a-wrong-password-typed-by-someone'

/** Every secret of the test credentials, as it could appear in a line: plain, URL-encoded, inside Basic. */
const SECRETS = {
  'ShipStation password': SS_PASS,
  'ShipStation password, URL-encoded': encodeURIComponent(SS_PASS),
  'ShipStation Basic header': SS_BASIC.slice(6),
  'API secret': API_SECRET,
  'authentication= value': API_TOKEN,
  'authentication= value, URL-encoded': encodeURIComponent(API_TOKEN),
  'API Basic header': API_BASIC.slice(6),
  'ops password': OPS_PASS,
  'ops Basic header': OPS_BASIC.slice(6),
  'a wrong password': WRONG,
}

/** The log text with every Buffer pino wrote as `{"type":"Buffer","data":[71,69,…]}` decoded: bytes are text too. */
function readable(text: string): string {
  const buffers = [...text.matchAll(/"type":"Buffer","data":\[([0-9,]*)\]/g)].map((m) =>
    Buffer.from((m[1] ?? '').split(',').filter(Boolean).map(Number)).toString('latin1'),
  )
  return [text, ...buffers].join('\n')
}

/** The names of the secrets found in the log (expected: none). */
function secretsIn(logText: string, extra: Record<string, string> = {}): string[] {
  const haystack = readable(logText)
  return Object.entries({ ...SECRETS, ...extra })
    .filter(([, secret]) => haystack.includes(secret))
    .map(([name]) => name)
}

describe('logs of a full run', () => {
  it.each(['info', 'trace'])('at %s carry one line per request with its id, and none of the secrets', async (level) => {
    const t = await makeApp({ env: { ...API_ENV, LOG_LEVEL: level } })
    const ssQuery = `SS-UserName=${SS_USER}&SS-Password=${encodeURIComponent(SS_PASS)}`
    const requests: InjectOptions[] = [
      // Sophio intake: `authentication=` in the query as documented, then Basic.
      { method: 'POST', url: createOrderUrl(), payload: seedOrder() },
      { method: 'POST', url: createOrderUrl(null), headers: { authorization: API_BASIC }, payload: makeOrder(2) },
      // ShipStation: export by header and by query string; a notice with query credentials; one for an unknown order.
      { url: `/shipstation?action=export&${WIDE}&page=1`, headers: { authorization: SS_BASIC } },
      { url: `/shipstation?action=export&${WIDE}&page=1&${ssQuery}` },
      {
        method: 'POST',
        url: `/shipstation?action=shipnotify&order_number=296594&carrier=UPS&${ssQuery}`,
        headers: { 'content-type': 'text/xml' },
        payload: noticeText('no-items.xml'),
      },
      {
        method: 'POST',
        url: '/shipstation?action=shipnotify&order_number=T77',
        headers: { authorization: SS_BASIC, 'content-type': 'text/xml' },
        payload: noticeText('unknown-order.xml'),
      },
      // Failed logins, each with a password that must not be logged either.
      { url: `/shipstation?action=export&${WIDE}&page=1&SS-UserName=${SS_USER}&SS-Password=${WRONG}` },
      { url: '/ops', headers: { authorization: `Basic ${Buffer.from(`${OPS_USER}:${WRONG}`).toString('base64')}` } },
      { method: 'POST', url: createOrderUrl(Buffer.from(`k:${WRONG}`).toString('base64')), payload: makeOrder(3) },
      // The operator: page, order search, metrics.
      { url: '/ops', headers: { authorization: OPS_BASIC } },
      { url: '/ops?order=296594', headers: { authorization: OPS_BASIC } },
      // A proxy's request id is kept, so its log and ours line up.
      { url: '/metrics', headers: { authorization: OPS_BASIC, 'x-request-id': 'proxy-id-42' } },
    ]
    for (const r of requests) await t.app.inject(r)
    // The re-apply form: its token comes from the page.
    const page = await t.app.inject({ url: '/ops', headers: { authorization: OPS_BASIC } })
    const token = inputValues(byId(page.body, 'attention'), 'csrf')[0] as string
    const reapply = await t.app.inject({
      method: 'POST',
      url: '/ops/notices/2/reapply',
      headers: { authorization: OPS_BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(token)}`,
    })
    expect(reapply.statusCode).toBe(303)

    expect(secretsIn(t.logText(), { 'the form token': token })).toEqual([])

    // One completion line per request, each naming its request id; the URLs keep their shape.
    const lines = t.logs.filter((l) => l.msg === 'request' || l.msg === 'request failed')
    expect(lines).toHaveLength(requests.length + 2)
    expect(lines.every((l) => typeof l.reqId === 'string' && l.reqId !== '')).toBe(true)
    expect(new Set(lines.map((l) => l.reqId)).size).toBe(lines.length)
    expect(lines.find((l) => l.reqId === 'proxy-id-42')).toMatchObject({ url: '/metrics', statusCode: 200 })
    expect(lines.map((l) => l.url)).toContain(
      `/shipstation?action=export&${WIDE}&page=1&SS-UserName=${SS_USER}&SS-Password=[REDACTED]`,
    )
    expect(
      lines.some((l) => String(l.url).startsWith('/createorder.wws?action=CREATE&authentication=[REDACTED]')),
    ).toBe(true)
  })
})

describe('malformed requests on a real socket', () => {
  // Node refuses these before Fastify sees a request; at trace Fastify logged the error with its raw bytes.
  const query = `SS-UserName=${SS_USER}&SS-Password=${encodeURIComponent(SS_PASS)}&authentication=${encodeURIComponent(API_TOKEN)}`
  const secretHeaders = `Authorization: ${SS_BASIC}\r\nSS-Password: ${SS_PASS}\r\nCookie: k=${OPS_PASS}\r\n`
  it.each([
    [
      'a 20 kB header (431)',
      `GET /shipstation?action=export&${query} HTTP/1.1\r\nHost: x\r\n${secretHeaders}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      /^HTTP\/1\.1 431 /,
    ],
    [
      'a garbage request line (400)',
      `GET /shipstation?action=export&${query} HTTP/9.9 nonsense\r\n${secretHeaders}\r\n`,
      /^HTTP\/1\.1 400 /,
    ],
    [
      'a header without a colon after the credentials (400)',
      `POST /createorder.wws?action=CREATE&${query} HTTP/1.1\r\nHost: x\r\nAuthorization: ${API_BASIC}\r\n${secretHeaders}no colon here\r\n\r\n`,
      /^HTTP\/1\.1 400 /,
    ],
    [
      'Content-Length and Transfer-Encoding together (400)',
      `POST /ops?${query} HTTP/1.1\r\nHost: x\r\nAuthorization: ${OPS_BASIC}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      /^HTTP\/1\.1 400 /,
    ],
  ])('at trace: %s leaves no secret in the log', async (_name, request, status) => {
    const t = await makeApp({ env: { ...API_ENV, LOG_LEVEL: 'trace' } })
    const port = await listenOnLoopback(t)
    expect(await rawHttp(port, request)).toMatch(status)
    expect(secretsIn(t.logText())).toEqual([])
  })
})
