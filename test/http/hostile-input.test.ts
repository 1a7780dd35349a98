// Hostile input against every endpoint: each case a 4xx with a message, never HTML, the database untouched.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isOpsPage } from '../../src/http/ops-routes.js'
import { API_ENV, createOrderUrl } from '../helpers/api.js'
import { makeApp, SS_BASIC, type TestApp } from '../helpers/app.js'
import { fingerprint, integrityCheck, rowCounts } from '../helpers/db-state.js'
import {
  createOrderCases,
  exportCases,
  fixtureFiles,
  type HostileCase,
  noticeFileCases,
  opsCases,
  orderApiCases,
  orderFileCases,
  shipnotifyCases,
} from '../helpers/hostile-cases.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'
import { parseXml } from '../helpers/xml.js'

const GROUPS: [string, () => HostileCase[]][] = [
  ['export', exportCases],
  ['shipnotify: fixture files', noticeFileCases],
  ['shipnotify: generated', shipnotifyCases],
  ['createorder: fixture files', orderFileCases],
  ['createorder: generated', createOrderCases],
  ['order API', orderApiCases],
  ['/ops', opsCases],
]

/** T1 and T2 with a partial shipment on T1 and a status change on T2: every table has rows to lose. */
async function seeded(): Promise<TestApp> {
  const t = await makeApp({ env: API_ENV, keep: true })
  for (const n of [1, 2]) {
    const res = await t.app.inject({ method: 'POST', url: createOrderUrl(), payload: makeOrder(n) })
    if (res.statusCode !== 201) throw new Error(res.body)
  }
  const query = 'order_number=T1&carrier=UPS&service=UPS+Ground&tracking_number=1ZSPLIT00000000001'
  const notice = await postNotice(t, noticeText('split-1-of-2.xml'), { query })
  if (notice.statusCode !== 200) throw new Error(notice.body)
  await t.app.services.setOrderStatus('T2', 'H', 'seed')
  return t
}

/** The error's code and message, from an XML `<Error>`, a JSON `{ error }` body or the /ops error page. */
function errorOf(res: { headers: Record<string, unknown>; body: string }): { code?: string; message?: string } {
  const type = String(res.headers['content-type'] ?? '')
  if (type.startsWith('text/html')) {
    const m = /<h2>\d{3} ([A-Z_]+)<\/h2><p>([^<]*)<\/p>/.exec(res.body)
    return { code: m?.[1], message: m?.[2] }
  }
  if (type.startsWith('text/xml')) {
    const e = parseXml(res.body).Error as Record<string, string> | undefined
    return { code: e?.Code, message: e?.Message }
  }
  const e = (JSON.parse(res.body) as { error?: { code?: string; message?: string } }).error
  return { code: e?.code, message: e?.message }
}

describe.each(GROUPS)('hostile input: %s', (_group, cases) => {
  let t: TestApp
  let before: Record<string, string>

  beforeAll(async () => {
    t = await seeded()
    before = fingerprint(t.db)
  })
  afterAll(async () => {
    await t.close()
  })

  it.each(cases().map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await t.app.inject(c.request)
    const type = String(res.headers['content-type'] ?? '')
    if (isOpsPage(String(c.request.url))) {
      // The operator's pages are read in a browser: their errors are pages, with nothing sent reflected raw.
      expect(type).toBe('text/html; charset=utf-8')
      expect(res.body).not.toMatch(/<script/i)
    } else {
      expect(type, res.body.slice(0, 300)).toMatch(/^(text\/xml|application\/json); charset=utf-8$/)
      expect(res.body).not.toMatch(/<html|<body|<!doctype html/i)
    }
    const error = errorOf(res)
    expect({ status: res.statusCode, code: error.code }, error.message).toEqual({ status: c.status, code: c.code })
    expect(error.message?.length ?? 0).toBeGreaterThan(15)
    expect(error.message).not.toMatch(/internal error|\bat \S+\.(js|ts):\d+/)
    const db = t.db
    expect(fingerprint(db), JSON.stringify(rowCounts(db))).toEqual(before)
    expect(integrityCheck(db)).toBe('ok')
    expect(({} as Record<string, unknown>).polluted ?? ({} as Record<string, unknown>).isAdmin).toBeUndefined()
  })

  it('logged no unhandled error and still serves ordinary requests', async () => {
    expect(t.logs.filter((l) => Number(l.level) >= 50)).toEqual([])
    const res = await t.app.inject({
      url: '/shipstation?action=export&start_date=01/01/2000&end_date=01/01/2100',
      headers: { authorization: SS_BASIC },
    })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<OrderNumber><![CDATA[T1]]></OrderNumber>')
  })
})

describe('hostile input: the table itself', () => {
  it('holds at least 200 cases, and every fixture file has an expectation', () => {
    const all = GROUPS.flatMap(([, cases]) => cases())
    expect(all.length).toBeGreaterThanOrEqual(200)
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length)
    expect(fixtureFiles('notices').length + fixtureFiles('orders').length).toBeGreaterThanOrEqual(80)
  })
})
