// GET/POST /shipstation?action=export through the real app: paging, statuses, errors, auth, the seed order.

import { readFileSync } from 'node:fs'
import { XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { makeApp, SS_BASIC, SS_PASS, SS_USER, type TestApp } from '../helpers/app.js'
import { configFile } from '../helpers/config-file.js'
import { makeOrder, seedOrder } from '../helpers/orders.js'
import { assertValidOrdersXml } from '../helpers/validate-xml.js'
import { ordersOf, pagesOf, parseXml } from '../helpers/xml.js'

const WIDE = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'

async function exportXml(t: TestApp, query: string, method: 'GET' | 'POST' = 'GET') {
  const res = await t.app.inject({
    method,
    url: `/shipstation?action=export&${query}`,
    headers: { authorization: SS_BASIC },
  })
  return res
}

async function load(t: TestApp, count: number, patch: (i: number) => Record<string, unknown> = () => ({})) {
  for (let i = 1; i <= count; i++) {
    const r = await t.app.services.ingest(makeOrder(i, patch(i)), 'test')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
  }
}

describe('export: the seed order', () => {
  it('imports Sophio’s sample request unchanged and exports every field that has an XML home', async () => {
    const t = await makeApp()
    const r = await t.app.services.ingest(seedOrder(), 'test')
    expect(r.ok).toBe(true)
    const res = await exportXml(t, WIDE)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
    await assertValidOrdersXml(res.body)
    expect(pagesOf(res.body)).toBe(1)
    const [o] = ordersOf(res.body)
    expect(o).toMatchObject({
      OrderNumber: '296594',
      OrderDate: '07/17/2018 12:08',
      OrderStatus: 'paid',
      ShippingMethod: 'Priority Mail',
      PaymentMethod: 'Credit Card',
      OrderTotal: '71.63',
      TaxAmount: '0.00',
      ShippingAmount: '9.25',
      Gift: 'false',
      CustomField1: '153102358691-1749930787005',
      CustomField2: '296594',
      Source: '400402',
      Customer: {
        CustomerCode: 'buyer@gmail.com',
        BillTo: {
          Name: 'Steve Smith',
          Phone: '201-731-9692',
          Email: 'buyer@gmail.com',
          Address1: '185 Exchange Blvd',
          City: 'West Orange',
          State: 'NJ',
          PostalCode: '07052',
          Country: 'US',
        },
        ShipTo: {
          Name: 'Steve Smith',
          Address1: '185 Airport Exchange Blvd',
          City: 'West Orange',
          State: 'NJ',
          PostalCode: '0752',
          Country: 'US',
          Phone: '201-731-9692',
        },
      },
    })
    expect(o?.OrderID).toMatch(/^\d+$/)
    expect(o?.Items.Item).toEqual([
      {
        LineItemID: '222637',
        SKU: 'VIC-OS32372',
        Name: 'Engine Oil Pan Gasket fits 2007-2011 Toyota Tundra Land Cruiser',
        Weight: '0.37',
        WeightUnits: 'Pounds',
        Quantity: '2',
        UnitPrice: '7.46',
        Location: 'Bin',
        Adjustment: 'false',
        Options: { Option: [{ Name: 'size', Value: '' }] },
      },
      {
        LineItemID: '222638',
        SKU: 'SNA-3401222',
        Name: 'Power Steering Pressure Line Hose Assembly fits 2006-2008 Honda Civic',
        Weight: '1.72',
        WeightUnits: 'Pounds',
        Quantity: '1',
        UnitPrice: '47.46',
        Location: 'Bin',
        Adjustment: 'false',
        Options: { Option: [{ Name: 'size', Value: '' }] },
      },
    ])
  })

  it('answers POST like GET (ShipStation’s Test Connection may POST)', async () => {
    const t = await makeApp()
    await load(t, 2)
    const get = await exportXml(t, WIDE, 'GET')
    const post = await t.app.inject({
      method: 'POST',
      url: `/shipstation?action=export&${WIDE}`,
      headers: { authorization: SS_BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    })
    expect(post.statusCode).toBe(200)
    expect(ordersOf(post.body).map((o) => o.OrderNumber)).toEqual(ordersOf(get.body).map((o) => o.OrderNumber))
  })

  it('does not move LastModified by exporting', async () => {
    const stored = Date.UTC(2024, 0, 10, 9, 30, 15, 250)
    let now = stored
    const t = await makeApp({ clock: () => now })
    await load(t, 1)
    // Ten minutes later: an export that bumped LastModified would show (and store) 09:40.
    now = stored + 10 * 60_000
    for (let i = 0; i < 2; i++) {
      expect(ordersOf((await exportXml(t, WIDE)).body)[0]?.LastModified).toBe('01/10/2024 09:30')
    }
    expect(t.repos.orders.findByKey('key-1')?.modifiedAt).toBe(stored)
  })
})

describe('export: the demo fixtures', () => {
  it('every demo order exports into a document valid against the XSD', async () => {
    const t = await makeApp()
    const lines = readFileSync(new URL('../../fixtures/orders/demo-orders.ndjson', import.meta.url), 'utf8')
      .trim()
      .split('\n')
    for (const line of lines) expect((await t.app.services.ingest(JSON.parse(line), 'test')).ok).toBe(true)
    const res = await exportXml(t, WIDE)
    await assertValidOrdersXml(res.body)
    const orders = ordersOf(res.body)
    expect(orders).toHaveLength(12)
    expect(orders.find((o) => o.OrderNumber === 'DEMO-3')).toMatchObject({
      Gift: 'true',
      GiftMessage: 'Happy birthday, Dad! 🎂',
    })
    expect(orders.find((o) => o.OrderNumber === 'DEMO-5')?.OrderStatus).toBe('cancelled')
    expect(orders.find((o) => o.OrderNumber === 'DEMO-6')?.Customer.ShipTo).toMatchObject({
      City: 'Montréal',
      Country: 'CA',
    })
  })
})

describe('export: paging', () => {
  it('0 orders → <Orders pages="0"/>', async () => {
    const t = await makeApp()
    const res = await exportXml(t, WIDE)
    expect(res.statusCode).toBe(200)
    await assertValidOrdersXml(res.body)
    expect(pagesOf(res.body)).toBe(0)
    expect(ordersOf(res.body)).toEqual([])
  })

  it('250 orders → 3 pages of 100, 100, 50 in stable order; a page past the end is empty', async () => {
    const t = await makeApp()
    await load(t, 250)
    const seen: string[] = []
    for (const [page, expected] of [
      [1, 100],
      [2, 100],
      [3, 50],
    ] as const) {
      const res = await exportXml(t, `${WIDE}&page=${page}`)
      expect(pagesOf(res.body)).toBe(3)
      const orders = ordersOf(res.body)
      expect(orders).toHaveLength(expected)
      seen.push(...orders.map((o) => o.OrderNumber as string))
    }
    expect(new Set(seen).size).toBe(250)
    const ids = seen.map((n) => Number(n.slice(1)))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    const past = await exportXml(t, `${WIDE}&page=4`)
    expect(past.statusCode).toBe(200)
    expect(pagesOf(past.body)).toBe(3)
    expect(ordersOf(past.body)).toEqual([])
  })

  it('page size comes from the config file', async () => {
    const t = await makeApp({ env: { CONFIG_FILE: configFile({ pageSize: 2 }) } })
    await load(t, 5)
    const res = await exportXml(t, `${WIDE}&page=3`)
    expect(pagesOf(res.body)).toBe(3)
    expect(ordersOf(res.body).map((o) => o.OrderNumber)).toEqual(['T5'])
  })
})

describe('export: the window', () => {
  it('filters on LastModified, start inclusive, the whole end minute inclusive', async () => {
    let now = 0
    const t = await makeApp({ clock: () => now })
    const times = [
      Date.UTC(2024, 0, 10, 9, 59, 59, 999),
      Date.UTC(2024, 0, 10, 10, 0, 0, 0),
      Date.UTC(2024, 0, 10, 10, 5, 59, 999),
      Date.UTC(2024, 0, 10, 10, 6, 0, 0),
    ]
    for (const [i, at] of times.entries()) {
      now = at
      expect((await t.app.services.ingest(makeOrder(i + 1), 'test')).ok).toBe(true)
    }
    const res = await exportXml(t, 'start_date=01%2f10%2f2024+10%3a00&end_date=01%2f10%2f2024+10%3a05')
    expect(ordersOf(res.body).map((o) => o.OrderNumber)).toEqual(['T2', 'T3'])
    const one = await exportXml(t, 'start_date=01/10/2024 10:05&end_date=01/10/2024 10:05')
    expect(ordersOf(one.body).map((o) => o.OrderNumber)).toEqual(['T3'])
  })

  it('includes every status, cancelled too', async () => {
    const t = await makeApp()
    const codes = ['1', 'P', 'S', '9']
    await load(t, codes.length, (i) => ({ sophioStatus: codes[i - 1] }))
    const res = await exportXml(t, WIDE)
    expect(ordersOf(res.body).map((o) => o.OrderStatus)).toEqual(['unpaid', 'paid', 'shipped', 'cancelled'])
  })
})

describe('export: status modes', () => {
  const ALL = ['1', '2', 'H', 'D', 'R', 'V', '$', 'O', 'P', 'K', 'W', 'F', 'C', 'S', 'U', '9']
  const WORD: Record<string, string> = { '1': 'unpaid', P: 'paid', F: 'shipped', '9': 'cancelled' }
  const wordOf = (c: string) =>
    WORD[c] ?? { K: 'paid', W: 'paid', C: 'shipped', S: 'shipped', U: 'shipped' }[c] ?? 'unpaid'

  it.each(['mapped', 'raw'] as const)('every Sophio code in %s mode', async (mode) => {
    const t = await makeApp({ env: { CONFIG_FILE: configFile({ statusMode: mode }) } })
    await load(t, ALL.length, (i) => ({ sophioStatus: ALL[i - 1] }))
    const res = await exportXml(t, WIDE)
    await assertValidOrdersXml(res.body)
    const got = ordersOf(res.body).map((o) => o.OrderStatus)
    expect(got).toEqual(ALL.map((c) => (mode === 'raw' ? c : wordOf(c))))
  })

  it('an order whose code maps to nothing is still exported (raw code), logged by number and counted', async () => {
    const t = await makeApp({
      env: { CONFIG_FILE: configFile({ statusMap: { P: 'awaiting_shipment', S: 'shipped' } }) },
    })
    await load(t, 2, (i) => ({ sophioStatus: i === 1 ? 'P' : 'Z' }))
    const res = await exportXml(t, WIDE)
    expect(ordersOf(res.body).map((o) => o.OrderStatus)).toEqual(['paid', 'Z'])
    expect(t.app.services.stats.unmappedExported).toBe(1)
    const warning = t.logs.find((l) => l.orderNumber === 'T2' && l.statusCode === 'Z')
    expect(warning?.level).toBe(40)
  })
})

describe('export: bad requests get 400 with an XML body naming the parameter', () => {
  it.each([
    ['missing action', '', 'action', 'MISSING_ACTION'],
    ['unknown action', 'action=import', 'action', 'UNKNOWN_ACTION'],
    ['repeated action', 'action=export&action=shipnotify', 'action', 'REPEATED_PARAMETER'],
    ['missing start_date', 'action=export&end_date=01/01/2020 00:00', 'start_date', 'MISSING_DATE'],
    ['missing end_date', 'action=export&start_date=01/01/2020 00:00', 'end_date', 'MISSING_DATE'],
    ['unparseable start_date', 'action=export&start_date=tomorrow&end_date=01/01/2020 00:00', 'start_date', 'BAD_DATE'],
    ['unparseable end_date', 'action=export&start_date=01/01/2020 00:00&end_date=13/45/2020', 'end_date', 'BAD_DATE'],
    [
      'start after end',
      'action=export&start_date=01/02/2020 00:00&end_date=01/01/2020 00:00',
      'start_date',
      'START_AFTER_END',
    ],
    ['page 0', `action=export&${WIDE}&page=0`, 'page', 'BAD_PAGE'],
    ['page -1', `action=export&${WIDE}&page=-1`, 'page', 'BAD_PAGE'],
    ['page abc', `action=export&${WIDE}&page=abc`, 'page', 'BAD_PAGE'],
    ['page 1.5', `action=export&${WIDE}&page=1.5`, 'page', 'BAD_PAGE'],
  ])('%s', async (_label, query, parameter, code) => {
    const t = await makeApp()
    const res = await t.app.inject({
      method: 'GET',
      url: `/shipstation?${query}`,
      headers: { authorization: SS_BASIC },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(XMLValidator.validate(res.body)).toBe(true)
    const err = parseXml(res.body).Error
    expect(err.Code).toBe(code)
    expect(err.Parameter).toBe(parameter)
    expect(err.Message.length).toBeGreaterThan(10)
  })

  it('action is case-insensitive', async () => {
    const t = await makeApp()
    const res = await t.app.inject({
      method: 'GET',
      url: `/shipstation?action=EXPORT&${WIDE}`,
      headers: { authorization: SS_BASIC },
    })
    expect(res.statusCode).toBe(200)
    expect(pagesOf(res.body)).toBe(0)
  })
})

describe('export: authentication', () => {
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
  const q = (u: string, p: string) => `&SS-UserName=${encodeURIComponent(u)}&SS-Password=${encodeURIComponent(p)}`
  it.each([
    ['Basic header', basic(SS_USER, SS_PASS), '', 200],
    ['query parameters', undefined, q(SS_USER, SS_PASS), 200],
    ['query parameters, other case', undefined, `&ss-username=${SS_USER}&ss-password=${SS_PASS}`, 200],
    ['both, both valid', basic(SS_USER, SS_PASS), q(SS_USER, SS_PASS), 200],
    ['neither', undefined, '', 401],
    ['wrong password (header)', basic(SS_USER, 'nope'), '', 401],
    ['wrong username (header)', basic('someone', SS_PASS), '', 401],
    ['wrong password (query)', undefined, q(SS_USER, 'nope'), 401],
    ['only SS-UserName', undefined, `&SS-UserName=${SS_USER}`, 401],
    ['header valid, query wrong', basic(SS_USER, SS_PASS), q(SS_USER, 'nope'), 401],
    ['query valid, header wrong', basic(SS_USER, 'nope'), q(SS_USER, SS_PASS), 401],
    ['malformed header: not Basic', `Bearer ${SS_PASS}`, '', 401],
    ['malformed header: no colon', `Basic ${Buffer.from(SS_USER).toString('base64')}`, '', 401],
    ['malformed header: garbage', 'Basic !!!', '', 401],
    ['repeated SS-Password', undefined, `${q(SS_USER, SS_PASS)}&SS-Password=${SS_PASS}`, 401],
  ])('%s → %i', async (_label, authorization, query, status) => {
    const t = await makeApp()
    const res = await t.app.inject({
      method: 'GET',
      url: `/shipstation?action=export&${WIDE}${query}`,
      headers: authorization ? { authorization } : {},
    })
    expect(res.statusCode).toBe(status)
    if (status === 401) {
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="/)
      expect(parseXml(res.body).Error.Code).toBe('UNAUTHORIZED')
    } else {
      expect(pagesOf(res.body)).toBe(0)
    }
  })

  it('asks for credentials before saying anything about the parameters', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/shipstation?action=nonsense' })
    expect(res.statusCode).toBe(401)
  })

  it('never logs the password, whether in the header or in the query string', async () => {
    const t = await makeApp()
    await t.app.inject({ method: 'GET', url: `/shipstation?action=export&${WIDE}${q(SS_USER, SS_PASS)}` })
    await t.app.inject({
      method: 'GET',
      url: `/shipstation?action=export&${WIDE}`,
      headers: { authorization: SS_BASIC },
    })
    await t.app.inject({ method: 'GET', url: `/shipstation?action=export&${WIDE}${q(SS_USER, 'wrong-guess-1234')}` })
    const text = t.logText()
    expect(text).toContain('[REDACTED]')
    expect(text).not.toContain(SS_PASS)
    expect(text).not.toContain(encodeURIComponent(SS_PASS))
    expect(text).not.toContain('wrong-guess-1234')
    expect(text).not.toContain(SS_BASIC.slice(6))
    const requestLines = t.logs.filter((l) => l.msg === 'request')
    expect(requestLines).toHaveLength(3)
    expect(requestLines.every((l) => typeof l.reqId === 'string')).toBe(true)
  })
})
