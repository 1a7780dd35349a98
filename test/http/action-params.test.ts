// The action parameter: one, in any letter case; shipnotify only by POST (a GET or HEAD journals nothing).

import { describe, expect, it } from 'vitest'
import { API_ENV, API_TOKEN } from '../helpers/api.js'
import { makeApp, SS_BASIC } from '../helpers/app.js'
import { rowCounts } from '../helpers/db-state.js'
import { makeOrder } from '../helpers/orders.js'
import { pagesOf, parseXml } from '../helpers/xml.js'

const WINDOW = 'start_date=01/01/2000&end_date=01/01/2100'

describe('action in any letter case, given once', () => {
  it.each([
    ['action=export&ACTION=shipnotify'],
    ['ACTION=shipnotify&action=export'],
    ['Action=export&action=export'],
  ])('%s → 400 REPEATED_PARAMETER', async (actions) => {
    const t = await makeApp()
    await t.app.services.ingest(makeOrder(1), 'test')
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({ method, url: `/shipstation?${actions}&${WINDOW}`, headers: { authorization: SS_BASIC } })
      expect(res.statusCode).toBe(400)
      expect(parseXml(res.body).Error).toMatchObject({ Code: 'REPEATED_PARAMETER', Parameter: 'action' })
    }
    expect(await t.app.services.notices.list(10)).toEqual([])
  })

  it('the name in another letter case alone is the action', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ url: `/shipstation?ACTION=export&${WINDOW}`, headers: { authorization: SS_BASIC } })
    expect(res.statusCode).toBe(200)
    expect(pagesOf(res.body)).toBe(0)
  })

  it('createorder: action=CREATE&ACTION=DELETE → 400, nothing stored', async () => {
    const t = await makeApp({ env: API_ENV })
    const res = await t.app.inject({
      method: 'POST',
      url: `/createorder.wws?action=CREATE&ACTION=DELETE&authentication=${encodeURIComponent(API_TOKEN)}`,
      payload: makeOrder(1),
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatchObject({ code: 'UNSUPPORTED_ACTION', parameter: 'action' })
    expect(rowCounts(t.db).orders).toBe(0)
  })
})

describe('shipnotify by GET or HEAD', () => {
  it.each(['GET', 'HEAD'] as const)('%s → 405 with Allow: POST, nothing journaled', async (method) => {
    const t = await makeApp()
    await t.app.services.ingest(makeOrder(1), 'test')
    const res = await t.app.inject({
      method,
      url: '/shipstation?action=shipnotify&order_number=T1&tracking_number=1ZGET',
      headers: { authorization: SS_BASIC },
    })
    expect(res.statusCode).toBe(405)
    expect(res.headers.allow).toBe('POST')
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    if (method === 'GET') expect(parseXml(res.body).Error).toMatchObject({ Code: 'METHOD_NOT_ALLOWED', Parameter: 'action' })
    expect(await t.app.services.notices.list(10)).toEqual([])
    expect(rowCounts(t.db).shipments).toBe(0)
  })

  it('still asks for credentials first', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ url: '/shipstation?action=shipnotify' })
    expect(res.statusCode).toBe(401)
  })
})
