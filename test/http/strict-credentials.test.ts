// Strict credentials on the real app: a repeat in any letter case, a second header, a non-canonical token → 401.

import { describe, expect, it } from 'vitest'
import { API_ENV, API_KEY, API_SECRET, API_TOKEN } from '../helpers/api.js'
import { makeApp, OPS_BASIC, OPS_PASS, OPS_USER, SS_BASIC, SS_PASS } from '../helpers/app.js'
import { pushBody } from '../helpers/raw-client.js'

const WINDOW = 'start_date=01/01/2000&end_date=01/01/2100'
const b64 = (s: string) => Buffer.from(s).toString('base64')
const enc = encodeURIComponent

describe('a repeated credential parameter is refused, never "the last one wins"', () => {
  it('SS-UserName twice is not a username at all, even when the configured one is "malformed"', async () => {
    const t = await makeApp({ env: { SHIPSTATION_USERNAME: 'malformed', SHIPSTATION_PASSWORD: SS_PASS } })
    const url = `/shipstation?action=export&${WINDOW}`
    const right = await t.app.inject({ url: `${url}&SS-UserName=malformed&SS-Password=${enc(SS_PASS)}` })
    expect(right.statusCode).toBe(200)
    for (const users of ['SS-UserName=a&SS-UserName=b', 'SS-UserName=malformed&ss-username=malformed']) {
      const res = await t.app.inject({ url: `${url}&${users}&SS-Password=${enc(SS_PASS)}` })
      expect([users, res.statusCode]).toEqual([users, 401])
    }
  })

  it.each([
    ['a wrong token, then the right one in upper case', `authentication=${enc(b64('x:y'))}&AUTHENTICATION=${enc(API_TOKEN)}`],
    ['the right token twice, in two letter cases', `AUTHENTICATION=${enc(API_TOKEN)}&authentication=${enc(API_TOKEN)}`],
    ['the right token twice', `authentication=${enc(API_TOKEN)}&authentication=${enc(API_TOKEN)}`],
  ])('the API with %s → 401', async (_name, query) => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({ url: `/api/orders/T1?${query}` })
    expect(res.statusCode).toBe(401)
    expect(res.json().error.code).toBe('UNAUTHORIZED')
  })
})

describe('HTTP Basic: exactly one header, canonical base64', () => {
  const opsToken = OPS_BASIC.slice('Basic '.length)
  it.each([
    ['bytes after the padding', `Basic ${opsToken}QUJD`],
    ['a second base64 block after the padding', `Basic ${opsToken}${b64('x')}`],
    ['non-zero bits after the last byte', `Basic ${opsToken.replace(/w==$/, 'x==')}`],
  ])('%s → 401, though a lenient decoder reads the right pair', async (_name, authorization) => {
    const token = authorization.slice('Basic '.length)
    expect(token).not.toBe(opsToken)
    expect(Buffer.from(token, 'base64').toString().startsWith(`${OPS_USER}:${OPS_PASS}`)).toBe(true)
    const t = await makeApp()
    const res = await t.app.inject({ url: '/ops/api/status-map', headers: { authorization } })
    expect(res.statusCode).toBe(401)
  })

  it.each([
    ['ShipStation', `/shipstation?action=export&${WINDOW}`, SS_BASIC],
    ['the API', '/api/orders/T1', `Basic ${b64(`${API_KEY}:${API_SECRET}`)}`],
    ['operators', '/ops/api/status-map', OPS_BASIC],
  ])('%s: a second Authorization header → 401 (Node would silently keep only the first)', async (_n, path, right) => {
    const t = await makeApp({ env: API_ENV })
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const address = t.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const request = (auth: string[]) =>
      pushBody(
        port,
        [`GET ${path} HTTP/1.1`, 'Host: x', 'Connection: close', ...auth.map((a) => `Authorization: ${a}`), '', ''].join(
          '\r\n',
        ),
        0,
        10_000,
      )
    expect((await request([right])).status).not.toBe(401)
    expect((await request([right, 'Basic d3Jvbmc6d3Jvbmc='])).status).toBe(401)
    expect((await request([right, right])).status).toBe(401)
  })
})
