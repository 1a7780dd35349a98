// /ops: the operator page and its JSON twins — content, search, re-apply, credentials, cross-site protection.

import { describe, expect, it } from 'vitest'
import { csrfGuard } from '../../src/http/csrf.js'
import { makeApp, OPS_BASIC, OPS_PASS, OPS_USER, SS_BASIC, type TestApp } from '../helpers/app.js'
import { byId, inputValues, rows, text } from '../helpers/html.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

const auth = { authorization: OPS_BASIC }

/**
 * T1 (P, with ShipStation's verbatim sample notice: flagged, its item FD88821 is none of T1's lines), T2 (P), T3 (9),
 * T4 (X: unmapped); a notice waiting for T77; one rejected.
 */
async function seeded(): Promise<TestApp> {
  const t = await makeApp()
  for (const [n, code] of [
    [1, 'P'],
    [2, 'P'],
    [3, '9'],
    [4, 'X'],
  ] as const) {
    if (!(await t.app.services.ingest(makeOrder(n, { sophioStatus: code }), 'test')).ok) throw new Error('not stored')
  }
  const statuses = [
    (await postNotice(t, noticeText('shipstation-sample-verbatim.xml'), { query: 'order_number=T1' })).statusCode,
    (await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' })).statusCode,
    (await postNotice(t, noticeText('malformed.xml'))).statusCode,
  ]
  expect(statuses).toEqual([200, 404, 400])
  return t
}

/** The links inside some markup: text → href (entities decoded). */
function hrefs(html: string): Map<string, string> {
  return new Map(
    [...html.matchAll(/<a[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [text(m[2] ?? ''), text(m[1] ?? '')]),
  )
}

async function page(t: TestApp, url = '/ops'): Promise<string> {
  const res = await t.app.inject({ url, headers: auth })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
  return res.body
}

describe('/ops page', () => {
  it('shows the status map: counts per code and per ShipStation status, the unmapped code highlighted', async () => {
    const t = await seeded()
    const html = await page(t)
    const byCode = new Map(rows(byId(html, 'by-code')).map((r) => [r.cells[0], r]))
    expect(byCode.get('P')?.cells).toEqual(['P', 'Awaiting Shipment', 'paid', '2'])
    expect(byCode.get('9')?.cells).toEqual(['9', 'Cancelled', 'cancelled', '1'])
    expect(byCode.get('K')?.cells).toEqual(['K', 'Awaiting Shipment', 'paid', '0'])
    expect(byCode.get('X')?.cells).toEqual(['X', 'NOT MAPPED — ShipStation skips these', 'X', '1'])
    expect(byCode.get('X')?.attrs).toContain('class="problem"')
    expect(byCode.get('P')?.attrs).not.toContain('problem')

    const byStatus = rows(byId(html, 'by-status')).map((r) => r.cells)
    expect(byStatus).toEqual([
      ['Awaiting Payment', 'Unpaid Status', 'unpaid', '1 2 H D R V $ O', '0'],
      ['Awaiting Shipment', 'Paid Status', 'paid', 'P K W', '2'],
      ['Shipped', 'Shipped Status', 'shipped', 'F C S U', '0'],
      ['Cancelled', 'Cancelled Status', 'cancelled', '9', '1'],
      ['On Hold', 'On-Hold Status', 'on_hold', '—', '0'],
      ['not mapped', '—', '—', 'X', '1'],
      ['All orders', '4'],
    ])
    expect(text(byId(html, 'status-map'))).toContain('code "X" (1 order) is not in the status map')
    const summary = text(byId(html, 'summary'))
    expect(summary).toContain('4 orders')
    expect(summary).toContain('1 unmapped codes (1 orders)')
    expect(summary).toContain('1 notices waiting for their order')
    expect(summary).toContain('1 rejected notices')
  })

  it('lists recent shipments, recent notices with their outcome, and the notices to handle with a re-apply form', async () => {
    const t = await seeded()
    const html = await page(t)
    const shipments = rows(byId(html, 'shipments')).map((r) => r.cells)
    expect(shipments).toEqual([
      [expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), 'T1', '1Z909084330298430820', 'USPS Priority Mail', '2011-12-08', '2', '#1'],
    ])
    const notices = rows(byId(html, 'notices')).map((r) => r.cells.slice(0, 5))
    expect(notices.map((c) => [c[0], c[2], c[3]])).toEqual([
      ['3', 'rejected', 'none'],
      ['2', 'unmatched', 'T77'],
      ['1', 'flagged', 'T1'],
    ])
    const attention = byId(html, 'attention')
    expect(rows(attention).map((r) => [r.cells[0], r.cells[2], r.cells[4]])).toEqual([
      ['3', 'rejected', expect.stringMatching(/^Could not be read\. .* Re-apply #3$/)],
      ['2', 'unmatched', expect.stringMatching(/^Waiting for its order\. Applied by itself when order T77 arrives\. .* Re-apply #2$/)],
      ['1', 'flagged', expect.stringMatching(/^Order numbers disagree\. .* Items the order does not have\. /)],
    ])
    expect(attention).toContain('<form class="inline" method="post" action="/ops/notices/2/reapply">')
    // A flagged notice is applied already: a decision, no re-apply button.
    expect(inputValues(attention, 'csrf')).toHaveLength(2)
    expect(rows(attention)[2]?.cells[4]).not.toContain('Re-apply')
  })

  it('notices to handle include flagged ones with the decision to take, filtered from the summary cards', async () => {
    const t = await seeded()
    const overview = await page(t)
    const cards = hrefs(byId(overview, 'summary'))
    expect(cards.get('1 flagged notices (a decision)')).toBe('/ops?attention=flagged#attention')
    expect(cards.get('1 notices waiting for their order')).toBe('/ops?attention=unmatched#attention')
    expect(cards.get('1 rejected notices')).toBe('/ops?attention=rejected#attention')

    const flagged = byId(await page(t, '/ops?attention=flagged'), 'attention')
    expect(rows(flagged).map((r) => r.cells[0])).toEqual(['1'])
    const actions = [...flagged.matchAll(/<li data-kind="([^"]+)">([\s\S]*?)<\/li>/g)].map((m) => [m[1], text(m[2] ?? '')])
    expect(actions).toEqual([
      ['order-identity', expect.stringContaining('the package was recorded on order T1. Check in ShipStation')],
      ['unknown-items', expect.stringContaining('The package lists items order T1 has no line for')],
    ])
    // The choices name what is shown and link to the others.
    const choices = hrefs(flagged)
    expect(choices.get('all (3)')).toBe('/ops#attention')
    expect(choices.get('rejected (1)')).toBe('/ops?attention=rejected#attention')
    expect(choices.has('flagged — a decision (1)')).toBe(false)
    expect(rows(byId(await page(t, '/ops?attention=unmatched'), 'attention')).map((r) => r.cells[0])).toEqual(['2'])
    const bad = await t.app.inject({ url: '/ops?attention=applied', headers: auth })
    expect(bad.statusCode).toBe(400)
  })

  it('the JSON twin carries the same actions', async () => {
    const t = await seeded()
    const res = await t.app.inject({ url: '/ops/api/notices?outcome=flagged', headers: auth })
    expect(res.json().notices[0].actions.map((a: any) => a.kind)).toEqual(['order-identity', 'unknown-items'])
  })

  it('finds an order by number: its facts, lines, history, shipments and notices', async () => {
    const t = await seeded()
    const detail = byId(await page(t, '/ops?order=T1'), 'order-detail')
    const d = text(detail)
    expect(d).toContain('Order T1 (id 1, key key-1)')
    expect(d).toContain('ShipStation status Awaiting Shipment (OrderStatus paid )')
    const tables = detail.split('<h3>').slice(1)
    const section = (title: string) => tables.find((s) => s.startsWith(title)) ?? ''
    expect(rows(section('Lines')).map((r) => r.cells.slice(0, 5))).toEqual([
      ['222637', 'VIC-OS32372', expect.stringContaining('Engine Oil Pan Gasket'), '2', '0'],
      ['222638', 'SNA-3401222', expect.stringContaining('Power Steering'), '1', '0'],
    ])
    expect(rows(section('Status history')).map((r) => r.cells.slice(1))).toEqual([['—', 'P', 'test']])
    expect(rows(section('Shipments'))[0]?.cells[1]).toBe('1Z909084330298430820')
    expect(rows(section('Shipment notices')).map((r) => [r.cells[0], r.cells[2]])).toEqual([['1', 'flagged']])
    // The decision it leaves, next to it here as in "Notices to handle".
    expect(rows(section('Shipment notices'))[0]?.cells[3]).toMatch(/^Order numbers disagree\. .* Items the order does not have\. /)
  })

  it('says so when no order has the number, and escapes what was typed', async () => {
    const t = await seeded()
    const html = await page(t, `/ops?order=${encodeURIComponent('<script>alert(1)</script>')}`)
    expect(html).not.toContain('<script>')
    expect(text(byId(html, 'order-missing'))).toBe('No order with number <script>alert(1)</script> .')
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  it.each(['/ops', '/ops?order=T1', '/ops?order=NOPE', '/ops?attention=flagged', '/ops?reapplied=1&r=0', '/ops/orders'])(
    '%s: every element it opens is closed (a missing </div> reflows the whole page)',
    async (url) => {
      const t = await seeded()
      const html = await page(t, url)
      for (const tag of ['div', 'section', 'table', 'tr', 'td', 'form', 'ul', 'li', 'nav', 'p']) {
        const opened = html.match(new RegExp(`<${tag}[\\s>]`, 'g'))?.length ?? 0
        const closed = html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0
        expect([tag, closed]).toEqual([tag, opened])
      }
    },
  )

  it('answers with headers that keep it out of caches and frames, scripts off, forms to itself only', async () => {
    const t = await seeded()
    const res = await t.app.inject({ url: '/ops', headers: auth })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['x-frame-options']).toBe('DENY')
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/)
    expect(res.headers['referrer-policy']).toBe('same-origin')
  })
})

describe('/ops/api (JSON)', () => {
  it('status map, orders with filters, one order, notices and shipments', async () => {
    const t = await seeded()
    const get = async (url: string) => {
      const res = await t.app.inject({ url, headers: auth })
      expect([url, res.statusCode]).toEqual([url, 200])
      return res.json()
    }
    const map = await get('/ops/api/status-map')
    expect(map.unmapped).toEqual([{ code: 'X', orders: 1 }])
    expect(map.codes.find((c: any) => c.code === 'P').orders).toBe(2)
    expect((await get('/ops/api/orders?status=unmapped')).orders.map((o: any) => o.orderNumber)).toEqual(['T4'])
    expect((await get('/ops/api/orders?code=P&limit=1')).orders).toHaveLength(1)
    const one = await get('/ops/api/orders/T1')
    expect(one).toMatchObject({ orderNumber: 'T1', sophioStatus: 'P', shipStationStatus: 'awaiting_shipment' })
    expect(one.shipments[0].trackingNumber).toBe('1Z909084330298430820')
    expect((await get('/ops/api/notices?outcome=failed')).notices.map((n: any) => n.outcome)).toEqual([
      'rejected',
      'unmatched',
      'flagged',
    ])
    expect((await get('/ops/api/shipments')).shipments).toEqual([
      expect.objectContaining({ orderNumber: 'T1', trackingNumber: '1Z909084330298430820', units: 2 }),
    ])
  })

  it('refuses a bad filter (400) and answers 404 for an unknown order', async () => {
    const t = await seeded()
    const bad = await t.app.inject({ url: '/ops/api/orders?status=lost', headers: auth })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatchObject({
      code: 'BAD_FILTER',
      message: expect.stringContaining('status must be one of'),
    })
    for (const url of ['/ops/api/orders?status=shipped&status=nonsense', '/ops/api/notices?limit=5&limit=6']) {
      const twice = await t.app.inject({ url, headers: auth })
      expect(twice.statusCode).toBe(400)
      expect(twice.json().error.code).toBe('REPEATED_PARAMETER')
    }
    const missing = await t.app.inject({ url: '/ops/api/orders/NOPE', headers: auth })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error.code).toBe('ORDER_NOT_FOUND')
  })
})

describe('/ops credentials', () => {
  const paths: [string, string][] = [
    ['GET', '/ops'],
    ['GET', '/ops/'],
    ['GET', '/ops?order=T1'],
    ['HEAD', '/ops'],
    ['GET', '/ops/orders?status=unmapped'],
    ['GET', '/ops/api/status-map'],
    ['GET', '/ops/api/orders'],
    ['GET', '/ops/api/orders/T1'],
    ['GET', '/ops/api/notices'],
    ['GET', '/ops/api/shipments'],
    ['GET', '/ops/no-such-page'],
    ['POST', '/ops/notices/2/reapply'],
    ['POST', '/ops'],
    ['GET', '/metrics'],
  ]
  const b64 = (s: string) => Buffer.from(s).toString('base64')
  const wrong: [string, Record<string, string>][] = [
    ['no credentials', {}],
    ['a wrong password', { authorization: `Basic ${b64(`${OPS_USER}:not-it`)}` }],
    ['a wrong username', { authorization: `Basic ${b64(`someone:${OPS_PASS}`)}` }],
    ['the ShipStation credentials', { authorization: SS_BASIC }],
    ['a malformed header', { authorization: 'Basic !!!' }],
    ['a Bearer token', { authorization: `Bearer ${OPS_PASS}` }],
  ]

  // One app per path: six refusals stay under the failed-login throttle (its 429 is tested in auth-matrix).
  it.each(paths)('%s %s answers 401 with a Basic challenge and no content, whatever is wrong', async (method, url) => {
    const t = await seeded()
    for (const [why, headers] of wrong) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: method === 'POST' ? 'csrf=x' : undefined,
      })
      expect([why, res.statusCode]).toEqual([why, 401])
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/)
      expect(res.body).not.toContain('T77')
      expect(res.body).not.toContain('Awaiting Shipment')
    }
    // Nothing was re-applied by a refused POST.
    expect((await t.app.services.notices.get(2))?.outcome).toBe('unmatched')
  })

  it('the ops credentials open nothing else: not the ShipStation endpoint', async () => {
    const t = await seeded()
    const res = await t.app.inject({
      url: '/shipstation?action=export&start_date=01/01/2020&end_date=01/01/2030',
      headers: auth,
    })
    expect(res.statusCode).toBe(401)
  })
})

describe('/ops re-apply form', () => {
  /** Notice 2 waits for T77; give order 2 that number outside intake so a re-apply can succeed. */
  async function withWaitingNotice() {
    const t = await seeded()
    t.db.prepare("UPDATE orders SET order_number = 'T77' WHERE id = 2").run()
    const token = inputValues(byId(await page(t), 'attention'), 'csrf')[0] as string
    return { t, token }
  }

  const post = (t: TestApp, body: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/ops/notices/2/reapply',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:80', ...headers },
      payload: body,
    })

  it('re-applies with the token from the page, redirects (303) to the result', async () => {
    const { t, token } = await withWaitingNotice()
    const res = await post(t, `csrf=${encodeURIComponent(token)}&back=attention`, {
      origin: 'http://localhost:80',
      'sec-fetch-site': 'same-origin',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/ops?reapplied=2&r=1#attention')
    expect(await t.app.services.notices.get(2)).toMatchObject({ outcome: 'applied', resolvedBy: 'operator' })
    const after = await page(t, res.headers.location as string)
    // The result sits in the section the redirect lands on, next to the list it changed.
    expect(text(byId(byId(after, 'attention'), 'flash'))).toMatch(/^Notice #2 is now applied — order T77/)
    expect(rows(byId(after, 'attention')).map((r) => r.cells[0])).toEqual(['3', '1'])
  })

  it('back to a filtered list: the redirect keeps the filter', async () => {
    const { t, token } = await withWaitingNotice()
    const form = byId(await page(t, '/ops?attention=unmatched'), 'attention')
    expect(inputValues(form, 'back')).toEqual(['attention:unmatched'])
    const res = await post(t, `csrf=${encodeURIComponent(token)}&back=attention%3Aunmatched`)
    expect(res.headers.location).toBe('/ops?attention=unmatched&reapplied=2&r=1#attention')
  })

  it('back to the order: the redirect returns to its detail', async () => {
    const { t, token } = await withWaitingNotice()
    const res = await post(t, `csrf=${encodeURIComponent(token)}&back=${encodeURIComponent('order:T77')}`)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/ops?order=T77&reapplied=2&r=1#order')
    const after = await page(t, res.headers.location as string)
    expect(text(byId(byId(after, 'order'), 'flash'))).toMatch(/^Notice #2 is now applied — order T77/)
    expect(() => byId(byId(after, 'attention'), 'flash')).toThrow('no element with id "flash"')
  })

  it('says when a notice was not re-applied (already applied)', async () => {
    const { t, token } = await withWaitingNotice()
    const res = await t.app.inject({
      method: 'POST',
      url: '/ops/notices/1/reapply',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `csrf=${encodeURIComponent(token)}`,
    })
    expect(res.headers.location).toBe('/ops?reapplied=1&r=0#attention')
    expect(text(byId(await page(t, res.headers.location as string), 'flash'))).toMatch(
      /^Notice #1 was not re-applied: it is flagged/,
    )
  })

  it.each([
    ['no token', '', {}],
    ['an empty token', 'csrf=', {}],
    ['a tampered token', 'TAMPER', {}],
    ['a token from another process (other key)', 'FOREIGN', {}],
    ['a foreign Origin', 'TOKEN', { origin: 'https://evil.example' }],
    ['Origin null', 'TOKEN', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', 'TOKEN', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', 'TOKEN', { 'sec-fetch-site': 'same-site' }],
  ])('refuses a cross-site attempt: %s → 403, nothing applied', async (_n, which, headers: Record<string, string>) => {
    const { t, token } = await withWaitingNotice()
    const forged = csrfGuard({ trustedOrigins: [] }).token(`${OPS_USER}|whatever`)
    const value =
      which === 'TOKEN'
        ? token
        : which === 'TAMPER'
          ? `${token.slice(0, -2)}${token.endsWith('A') ? 'BB' : 'AA'}`
          : which === 'FOREIGN'
            ? forged
            : undefined
    const body = value === undefined ? which : `csrf=${encodeURIComponent(value)}`
    const res = await post(t, body, headers)
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(text(res.body)).toMatch(/403 (CSRF_TOKEN|CROSS_SITE)/)
    expect((await t.app.services.notices.get(2))?.outcome).toBe('unmatched')
  })

  it('refuses a body that is not a form (415), e.g. text/plain from another site', async () => {
    const { t, token } = await withWaitingNotice()
    const res = await post(t, `csrf=${token}`, { 'content-type': 'text/plain' })
    expect(res.statusCode).toBe(415)
    expect((await t.app.services.notices.get(2))?.outcome).toBe('unmatched')
  })
})

describe('csrfGuard', () => {
  const req = (headers: Record<string, string>) => ({ headers: { host: 'ops.example.com', ...headers } }) as any

  it('accepts its own fresh token for the same binding only', () => {
    const g = csrfGuard({ trustedOrigins: [] })
    const token = g.token('ops|hash-1')
    expect(() => g.verify(req({}), token, 'ops|hash-1')).not.toThrow()
    // A rotated password changes the binding: forms rendered before stop working.
    expect(() => g.verify(req({}), token, 'ops|hash-2')).toThrow(/not valid/)
  })

  it('refuses an expired token', () => {
    let now = 1_700_000_000_000
    const g = csrfGuard({ trustedOrigins: [], ttlMs: 1000, now: () => now })
    const token = g.token('b')
    now += 1001
    expect(() => g.verify(req({}), token, 'b')).toThrow(/too old/)
  })

  it('accepts the PUBLIC_URL origin behind a proxy, and the request’s own host', () => {
    const g = csrfGuard({ trustedOrigins: ['https://connector.example.com'] })
    const token = g.token('b')
    expect(() => g.verify(req({ origin: 'https://connector.example.com' }), token, 'b')).not.toThrow()
    expect(() => g.verify(req({ origin: 'http://ops.example.com' }), token, 'b')).not.toThrow()
    expect(() => g.verify(req({ origin: 'https://ops.example.com.evil.example' }), token, 'b')).toThrow(
      /another origin/,
    )
  })
})
