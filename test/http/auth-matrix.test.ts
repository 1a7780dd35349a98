// Nobody let in: every protected route × every way of getting credentials wrong; the failed-login throttle.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashSecret } from '../../src/domain/credentials.js'
import { API_BASIC, API_ENV, API_KEY, API_SECRET, API_TOKEN } from '../helpers/api.js'
import { makeApp, OPS_BASIC, OPS_PASS, OPS_USER, SS_BASIC, SS_PASS, SS_USER, type TestApp } from '../helpers/app.js'
import { fingerprint } from '../helpers/db-state.js'
import { makeOrder } from '../helpers/orders.js'

type Role = 'shipstation' | 'api' | 'ops'
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`
const PAIRS: Record<Role, { user: string; pass: string; header: string }> = {
  shipstation: { user: SS_USER, pass: SS_PASS, header: SS_BASIC },
  api: { user: API_KEY, pass: API_SECRET, header: API_BASIC },
  ops: { user: OPS_USER, pass: OPS_PASS, header: OPS_BASIC },
}

interface Route {
  role: Role
  method: 'GET' | 'POST' | 'PUT'
  /** Without credentials; query credentials are appended. */
  url: string
  payload?: string
}

const WINDOW = 'start_date=01/01/2000&end_date=01/01/2100'
const NOTICE = '<ShipNotice><OrderNumber>T1</OrderNumber><TrackingNumber>1ZAUTH</TrackingNumber></ShipNotice>'
const ROUTES: Route[] = [
  { role: 'shipstation', method: 'GET', url: `/shipstation?action=export&${WINDOW}` },
  { role: 'shipstation', method: 'POST', url: `/shipstation?action=export&${WINDOW}` },
  { role: 'shipstation', method: 'POST', url: '/shipstation?action=shipnotify&order_number=T1', payload: NOTICE },
  { role: 'shipstation', method: 'GET', url: '/shipstation' },
  { role: 'api', method: 'POST', url: '/createorder.wws?action=CREATE', payload: JSON.stringify(makeOrder(7)) },
  { role: 'api', method: 'GET', url: '/api/orders/T1' },
  { role: 'api', method: 'PUT', url: '/api/orders/T1/status', payload: '{"code":"9"}' },
  { role: 'api', method: 'GET', url: '/api/orders/NOPE' },
  { role: 'ops', method: 'GET', url: '/ops' },
  { role: 'ops', method: 'GET', url: '/ops/api/orders' },
  { role: 'ops', method: 'GET', url: '/ops/api/orders/T1' },
  { role: 'ops', method: 'GET', url: '/ops/api/notices' },
  { role: 'ops', method: 'GET', url: '/ops/api/shipments' },
  { role: 'ops', method: 'GET', url: '/ops/api/status-map' },
  { role: 'ops', method: 'POST', url: '/ops/notices/1/reapply', payload: 'csrf=x' },
  { role: 'ops', method: 'GET', url: '/ops/no-such-page' },
  { role: 'ops', method: 'GET', url: '/metrics' },
]

/** The query-string forms of a role's credentials (ops has none: only the header counts there). */
function queryCreds(role: Role, user: string, pass: string): string {
  if (role === 'shipstation') return `SS-UserName=${encodeURIComponent(user)}&SS-Password=${encodeURIComponent(pass)}`
  if (role === 'api') return `authentication=${encodeURIComponent(Buffer.from(`${user}:${pass}`).toString('base64'))}`
  return `SS-UserName=${encodeURIComponent(user)}&SS-Password=${encodeURIComponent(pass)}`
}

interface Attempt {
  name: string
  header?: string
  query?: string
}

/** Every way to be refused on a route of `role`. */
function attempts(role: Role): Attempt[] {
  const { user, pass, header } = PAIRS[role]
  const others = (Object.keys(PAIRS) as Role[]).filter((r) => r !== role)
  return [
    { name: 'no credentials' },
    { name: 'wrong user', header: basic('someone-else', pass) },
    { name: 'wrong password', header: basic(user, `${pass}x`) },
    { name: 'empty password', header: basic(user, '') },
    { name: 'password in another case', header: basic(user, pass.toUpperCase()) },
    { name: 'user and password swapped', header: basic(pass, user) },
    { name: 'header "Basic" alone', header: 'Basic' },
    { name: 'header not base64', header: 'Basic !!!not-base64!!!' },
    { name: 'header without a colon', header: `Basic ${Buffer.from(user + pass).toString('base64')}` },
    { name: 'header in plain text', header: `Basic ${user}:${pass}` },
    { name: 'Bearer scheme', header: `Bearer ${header.slice(6)}` },
    { name: 'Digest scheme', header: `Digest username="${user}", response="x"` },
    { name: 'a 10 kB header', header: basic(user, 'p'.repeat(10_000)) },
    { name: 'a NUL in the password', header: basic(user, `${pass}\u0000`) },
    ...others.map((r) => ({ name: `the ${r} credentials in the header`, header: PAIRS[r].header })),
    ...others.map((r) => ({
      name: `the ${r} credentials in the query`,
      query: queryCreds(r, PAIRS[r].user, PAIRS[r].pass),
    })),
    { name: 'wrong header, right query', header: basic(user, 'wrong'), query: queryCreds(role, user, pass) },
    { name: 'wrong query only', query: queryCreds(role, user, 'wrong') },
    ...(role === 'ops'
      ? [{ name: 'right pair in the query only (ops takes the header only)', query: queryCreds(role, user, pass) }]
      : [{ name: 'right header, wrong query', header, query: queryCreds(role, user, 'wrong') }]),
  ]
}

const CASES = ROUTES.flatMap((route) =>
  attempts(route.role).map(
    (a) => [`${route.method} ${route.url.split('?')[0]} (${route.role}): ${a.name}`, route, a] as const,
  ),
)

describe('auth matrix: every protected route refuses every wrong credential', () => {
  let t: TestApp
  let before: Record<string, string>
  let attempts_made = 0
  beforeAll(async () => {
    t = await makeApp({ env: API_ENV, keep: true })
    await t.app.services.ingest(makeOrder(1), 'test')
    before = fingerprint(t.db)
  })
  afterAll(async () => {
    await t.close()
  })

  it.each(CASES)('%s', async (_name, route, attempt) => {
    const url = attempt.query ? `${route.url}${route.url.includes('?') ? '&' : '?'}${attempt.query}` : route.url
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' }
    if (attempt.header !== undefined) headers.authorization = attempt.header
    // Each attempt from its own address: the throttle (tested below) must not decide these answers.
    attempts_made++
    const remoteAddress = `10.0.${attempts_made >> 8}.${attempts_made & 255}`
    const res = await t.app.inject({ method: route.method, url, headers, payload: route.payload, remoteAddress })
    expect(res.statusCode, res.body.slice(0, 200)).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="sophio-shipstation"/)
    expect(res.headers['cache-control']).toBe('no-store')
    for (const secret of [SS_PASS, API_SECRET, OPS_PASS, API_TOKEN]) expect(res.body).not.toContain(secret)
    expect(fingerprint(t.db)).toEqual(before)
  })

  it.each(ROUTES.map((r) => [`${r.method} ${r.url.split('?')[0]} (${r.role})`, r] as const))(
    '%s lets its own role in',
    async (_name, route) => {
      const res = await t.app.inject({
        method: route.method,
        url: route.url,
        headers: { authorization: PAIRS[route.role].header, 'content-type': 'application/x-www-form-urlencoded' },
        payload: route.payload,
      })
      expect(res.statusCode).not.toBe(401)
      expect(res.statusCode).not.toBe(429)
    },
  )

  it('never shows a password, secret, token or password hash on the ops page, its JSON or /metrics', async () => {
    const secrets = [SS_PASS, API_SECRET, OPS_PASS, API_TOKEN].flatMap((x) => [x, hashSecret(x)])
    for (const url of ['/ops', '/ops/api/orders', '/ops/api/notices', '/ops/api/status-map', '/metrics']) {
      const res = await t.app.inject({ url, headers: { authorization: OPS_BASIC } })
      expect(res.statusCode).toBe(200)
      for (const secret of secrets) expect(res.body).not.toContain(secret)
    }
  })

  it('never writes a password, secret or token to the log', () => {
    const text = t.logText()
    for (const secret of [SS_PASS, API_SECRET, OPS_PASS, API_TOKEN, encodeURIComponent(API_TOKEN)]) {
      expect(text).not.toContain(secret)
    }
  })
})

describe('failed-login throttle', () => {
  const shipstation = (t: TestApp, authorization: string, remoteAddress = '203.0.113.7') =>
    t.app.inject({ url: `/shipstation?action=export&${WINDOW}`, headers: { authorization }, remoteAddress })

  it('answers 429 with Retry-After after 10 failures from one address and username; the right password still gets in', async () => {
    const t = await makeApp()
    const wrong = basic(SS_USER, 'guess')
    const first = []
    for (let i = 0; i < 10; i++) first.push((await shipstation(t, wrong)).statusCode)
    expect(first).toEqual(Array(10).fill(401))
    const eleventh = await shipstation(t, wrong)
    expect(eleventh.statusCode).toBe(429)
    expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(800)
    expect(eleventh.body).toContain('<Code>TOO_MANY_FAILED_LOGINS</Code>')
    // ShipStation itself, from the same address with the same username, is never locked out.
    expect((await shipstation(t, SS_BASIC)).statusCode).toBe(200)
    expect((await shipstation(t, wrong)).statusCode).toBe(429)
    // Another address, or another username, has its own count.
    expect((await shipstation(t, wrong, '198.51.100.1')).statusCode).toBe(401)
    expect((await shipstation(t, basic('other', 'guess'))).statusCode).toBe(401)
    const warnings = t.logs.filter((l) => String(l.msg).startsWith('repeated failed logins'))
    expect(warnings).toHaveLength(1)
  })

  it('does not count requests without credentials (a browser always asks once without)', async () => {
    const t = await makeApp()
    for (let i = 0; i < 15; i++) {
      expect((await t.app.inject({ url: `/shipstation?action=export&${WINDOW}` })).statusCode).toBe(401)
    }
    expect(t.app.services.loginThrottle.size()).toBe(0)
  })

  it('counts per role: API failures do not throttle ShipStation logins', async () => {
    const t = await makeApp({ env: API_ENV })
    for (let i = 0; i < 11; i++) {
      await t.app.inject({ method: 'GET', url: '/api/orders/T1', headers: { authorization: basic(SS_USER, 'x') } })
    }
    expect((await shipstation(t, basic(SS_USER, 'x'), '127.0.0.1')).statusCode).toBe(401)
  })
})
