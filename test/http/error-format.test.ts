// Each endpoint answers errors in its own format, however the request reached it: XML for ShipStation, always.

import { describe, expect, it } from 'vitest'
import { SS_BASIC, SS_PASS } from '../helpers/app.js'
import { listening, parseRawResponse, rawHttp } from '../helpers/raw-http.js'
import { pagesOf, parseXml } from '../helpers/xml.js'

const WINDOW = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
const BIG_HEADER = `X-Big: ${'a'.repeat(20_000)}\r\n`

/** One request over a real socket (inject cannot send an absolute-form target or a broken request line). */
async function send(port: number, requestLine: string, headers = '') {
  const raw = await rawHttp(port, `${requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`)
  return parseRawResponse(raw)
}

/** The XML `<Error>` of a ShipStation answer, checked to be one. */
function xmlError(res: { headers: Record<string, string>; body: string }) {
  expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
  return parseXml(res.body).Error as Record<string, string>
}

function jsonError(res: { headers: Record<string, string>; body: string }) {
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
  return (JSON.parse(res.body) as { error: Record<string, string> }).error
}

describe('the ShipStation endpoint answers XML however its path is spelled', () => {
  it.each([
    ['a percent-encoded letter', (_port: number) => '/%73hipstation'],
    ['an absolute-form target', (port: number) => `http://127.0.0.1:${port}/shipstation`],
    ['an absolute-form target, percent-encoded', (port: number) => `http://127.0.0.1:${port}/%73hipstation`],
  ])('%s reaches the route: an export, and its errors as XML', async (_name, path) => {
    const { port } = await listening()
    const auth = `Authorization: ${SS_BASIC}\r\n`
    const ok = await send(port, `GET ${path(port)}?action=export&${WINDOW} HTTP/1.1`, auth)
    expect([ok.status, pagesOf(ok.body)]).toEqual([200, 0])
    const bad = await send(port, `GET ${path(port)}?action=nope HTTP/1.1`, auth)
    expect(bad.status).toBe(400)
    expect(xmlError(bad)).toMatchObject({ Code: 'UNKNOWN_ACTION', Parameter: 'action' })
    const anonymous = await send(port, `GET ${path(port)}?action=export HTTP/1.1`)
    expect([anonymous.status, xmlError(anonymous).Code]).toEqual([401, 'UNAUTHORIZED'])
  })

  it.each([
    ['an unknown path under it', 'GET /shipstation/orders', 404, 'NOT_FOUND'],
    ['an unknown path, percent-encoded', 'GET /%73hipstation/orders', 404, 'NOT_FOUND'],
    ['a method it does not serve', 'DELETE /shipstation', 404, 'NOT_FOUND'],
    ['a path that is not valid percent-encoding', 'GET /shipstation/%E0', 400, 'BAD_URL'],
    ['bad percent-encoding, absolute-form', 'GET http://h/%73hipstation/%E0', 400, 'BAD_URL'],
  ])('%s → XML', async (_name, request, status, code) => {
    const { port } = await listening()
    // With credentials: without them every request under the prefix is a 401 first (credentials before all else).
    const res = await send(port, `${request} HTTP/1.1`, `Authorization: ${SS_BASIC}\r\n`)
    expect([res.status, xmlError(res).Code]).toEqual([status, code])
  })
})

describe('requests Node itself refuses get the format of the route they were for', () => {
  it.each([
    ['headers past 16 KiB', 'GET /shipstation?action=export HTTP/1.1', BIG_HEADER, 431, 'HEADERS_TOO_LARGE'],
    ['big headers, percent-encoded path', 'GET /%73hipstation HTTP/1.1', BIG_HEADER, 431, 'HEADERS_TOO_LARGE'],
    ['big headers, absolute-form', 'GET http://h/shipstation HTTP/1.1', BIG_HEADER, 431, 'HEADERS_TOO_LARGE'],
    ['a broken request line', 'GET /shipstation HTTP/9.9 nonsense', '', 400, 'MALFORMED_REQUEST'],
    ['a header without a colon', 'POST /shipstation HTTP/1.1', 'no colon\r\n', 400, 'MALFORMED_REQUEST'],
  ])('ShipStation, %s → XML', async (_name, line, headers, status, code) => {
    const { port } = await listening()
    const res = await send(port, line, headers)
    expect(res.headers['cache-control']).toBe('no-store')
    expect([res.status, xmlError(res).Code]).toEqual([status, code])
  })

  it.each([
    ['headers past 16 KiB', 'GET /api/orders/T1 HTTP/1.1', BIG_HEADER, 431, 'HEADERS_TOO_LARGE'],
    ['a broken request line', 'GET /healthz HTTP/9.9 nonsense', '', 400, 'MALFORMED_REQUEST'],
    ['a path that only starts like ShipStation', 'GET /shipstationx HTTP/9.9 nonsense', '', 400, 'MALFORMED_REQUEST'],
  ])('elsewhere, %s → JSON', async (_name, line, headers, status, code) => {
    const { port } = await listening()
    const res = await send(port, line, headers)
    expect([res.status, jsonError(res).code]).toEqual([status, code])
  })

  it('never logs the refused bytes, which hold the credentials (even at trace level)', async () => {
    const { t, port } = await listening({ env: { LOG_LEVEL: 'trace' } })
    const line = `GET /shipstation?SS-UserName=u&SS-Password=${SS_PASS} HTTP/1.1`
    const res = await send(port, line, `Authorization: ${SS_BASIC}\r\n${BIG_HEADER}`)
    expect(res.status).toBe(431)
    const secrets = [SS_PASS, SS_BASIC.slice('Basic '.length)]
    expect(loggedText(t.logs).filter((s) => secrets.some((x) => s.includes(x)))).toEqual([])
  })
})

/** Every string in the log lines, Buffers (pino writes them as `{type: 'Buffer', data: [...]}`) decoded. */
function loggedText(lines: unknown[]): string[] {
  const out: string[] = []
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v)
    else if (Array.isArray(v)) v.forEach(walk)
    else if (typeof v === 'object' && v !== null) {
      const o = v as { type?: unknown; data?: unknown }
      if (o.type === 'Buffer' && Array.isArray(o.data)) out.push(Buffer.from(o.data as number[]).toString('latin1'))
      else Object.values(v).forEach(walk)
    }
  }
  walk(lines)
  return out
}
