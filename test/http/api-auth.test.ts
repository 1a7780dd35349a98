// The Sophio API key pair: query `authentication` or HTTP Basic, 401 JSON otherwise, and never in the logs.

import { describe, expect, it } from 'vitest'
import { ensureCredential } from '../../src/services/credentials.js'
import { API_BASIC, API_ENV, API_KEY, API_SECRET, API_TOKEN, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { makeOrder } from '../helpers/orders.js'

const b64 = (s: string) => Buffer.from(s).toString('base64')

function post(t: TestApp, url: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers, payload: makeOrder(1) })
}

function stored(t: TestApp): number {
  return t.repos.orders.findByNumber('T1').length
}

describe('API credentials', () => {
  it.each([
    ['no credentials at all', createOrderUrl(null), {}],
    ['a wrong secret', createOrderUrl(b64(`${API_KEY}:not-the-secret`)), {}],
    ['a wrong key', createOrderUrl(b64(`someone-else:${API_SECRET}`)), {}],
    ['a pair without a colon', createOrderUrl(b64(`${API_KEY}${API_SECRET}`)), {}],
    ['an empty authentication', createOrderUrl(''), {}],
    ['a value that is not base64', createOrderUrl('%%%'), {}],
    ['the ShipStation credentials', createOrderUrl(null), { authorization: SS_BASIC }],
    ['a wrong Basic header', createOrderUrl(null), { authorization: `Basic ${b64(`${API_KEY}:nope`)}` }],
    ['a Bearer header', createOrderUrl(null), { authorization: `Bearer ${API_TOKEN}` }],
    ['a good query pair with a wrong Basic header', createOrderUrl(), { authorization: SS_BASIC }],
    ['a good Basic header with a wrong query pair', createOrderUrl(b64('a:b')), { authorization: API_BASIC }],
  ])('%s → 401 JSON with a Basic challenge, nothing stored', async (_name, url, headers) => {
    const t = await makeApp({ env: API_ENV })
    const res = await post(t, url, headers)
    expect(res.statusCode).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="sophio-shipstation"/)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.json().error.code).toBe('UNAUTHORIZED')
    expect(stored(t)).toBe(0)
  })

  it('checks credentials before anything else: a bad body without credentials is still 401', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({ method: 'POST', url: '/createorder.wws?action=NOPE', payload: '{"broken' })
    expect(res.statusCode).toBe(401)
  })

  it.each([
    ['authentication in the query, as Sophio documents it', createOrderUrl(), {}],
    ['the same pair as HTTP Basic', createOrderUrl(null), { authorization: API_BASIC }],
    ['both, when both are right', createOrderUrl(), { authorization: API_BASIC }],
  ])('accepts %s', async (_name, url, headers) => {
    const t = await makeApp({ env: API_ENV })
    expect((await post(t, url, headers)).statusCode).toBe(201)
  })

  it('accepts a token whose "+" was not percent-encoded (it arrives as a space)', async () => {
    // Find a secret whose base64 pair contains "+", as real generated secrets often do.
    let secret = ''
    for (let i = 0; !b64(`${API_KEY}:${secret}`).includes('+'); i++) secret = `secret>>>${i}-0123456789`
    const token = b64(`${API_KEY}:${secret}`)
    const t = await makeApp({ env: { SOPHIO_API_KEY: API_KEY, SOPHIO_API_SECRET: secret } })
    const res = await post(t, `/createorder.wws?action=CREATE&authentication=${token}`)
    expect(res.statusCode).toBe(201)
  })

  it('protects the read-back and the status change too', async () => {
    const t = await makeApp({ env: API_ENV })
    const get = await t.app.inject({ method: 'GET', url: '/api/orders/T1' })
    const put = await t.app.inject({ method: 'PUT', url: '/api/orders/T1/status', payload: { code: '9' } })
    expect([get.statusCode, put.statusCode]).toEqual([401, 401])
  })

  it('with nothing configured and nothing generated yet, every request is refused', async () => {
    const t = await makeApp()
    expect((await post(t, createOrderUrl())).statusCode).toBe(401)
  })

  it('a pair generated at first start (role "api") works, as query token and as Basic', async () => {
    const t = await makeApp()
    const pair = await ensureCredential(t.app.services.uow, 'api', null)
    if (!pair) throw new Error('expected a generated pair')
    expect(pair.username).toMatch(/^sophio-/)
    expect(await ensureCredential(t.app.services.uow, 'api', null)).toBeUndefined()
    const token = b64(`${pair.username}:${pair.password}`)
    expect((await post(t, createOrderUrl(token))).statusCode).toBe(201)
    const basic = await t.app.inject({
      method: 'GET',
      url: '/api/orders/T1',
      headers: { authorization: `Basic ${token}` },
    })
    expect(basic.statusCode).toBe(200)
  })

  it('never writes the key, the secret or the token to the log', async () => {
    const t = await makeApp({ env: API_ENV })
    await post(t, createOrderUrl())
    await post(t, createOrderUrl(null), { authorization: API_BASIC })
    await post(t, createOrderUrl(b64(`${API_KEY}:wrong-secret-value`)))
    await t.app.inject({ method: 'GET', url: `/api/orders/T1?authentication=${encodeURIComponent(API_TOKEN)}` })
    const text = t.logText()
    expect(t.logs.length).toBeGreaterThanOrEqual(4)
    expect(text).toContain('authentication=[REDACTED]')
    for (const secret of [API_KEY, API_SECRET, API_TOKEN, encodeURIComponent(API_TOKEN), 'wrong-secret-value']) {
      expect(text).not.toContain(secret)
    }
  })
})
