// Every XML body the ShipStation endpoint sends loads as XML 1.0, whatever characters the request echoed.

import { describe, expect, it } from 'vitest'
import { makeApp, SS_BASIC } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { seedOrder } from '../helpers/orders.js'
import { assertWellFormedXml } from '../helpers/validate-xml.js'
import { parseXml } from '../helpers/xml.js'

const START = '01%2f01%2f2020+00%3a00'
const END = '12%2f31%2f2020+23%3a59'

/**
 * Values System.Xml cannot load when echoed as they are: `%01`, NUL, U+FFFE, and a value whose echo is cut
 * (the messages quote at most 20–50 characters) through an emoji, which would leave half a surrogate pair.
 */
const HOSTILE = [
  ['%01', '%01', ''],
  ['NUL', '%00', ''],
  ['U+FFFE', '%EF%BF%BE', ''],
] as const
const cutThroughEmoji = (keep: number) => ({
  sent: encodeURIComponent(`${'x'.repeat(keep)}😀`),
  shown: 'x'.repeat(keep),
})

const PARAMETERS = [
  {
    name: 'action',
    keep: 49,
    query: (v: string) => `action=${v}&start_date=${START}&end_date=${END}`,
    code: 'UNKNOWN_ACTION',
    message: (s: string) => `unknown action "${s}": use action=export or action=shipnotify`,
  },
  {
    name: 'start_date',
    keep: 39,
    query: (v: string) => `action=export&start_date=${v}&end_date=${END}`,
    code: 'BAD_DATE',
    message: (s: string) => `start_date "${s}" is not a date; use MM/dd/yyyy HH:mm in UTC, e.g. 01/23/2012 17:28`,
  },
  {
    name: 'end_date',
    keep: 39,
    query: (v: string) => `action=export&start_date=${START}&end_date=${v}`,
    code: 'BAD_DATE',
    message: (s: string) => `end_date "${s}" is not a date; use MM/dd/yyyy HH:mm in UTC, e.g. 01/23/2012 17:28`,
  },
  {
    name: 'page',
    keep: 19,
    query: (v: string) => `action=export&start_date=${START}&end_date=${END}&page=${v}`,
    code: 'BAD_PAGE',
    message: (s: string) => `page must be a whole number from 1 (got "${s}")`,
  },
]

const CASES = PARAMETERS.flatMap((p) => [
  ...HOSTILE.map(([label, sent, shown]) => ({ label: `${p.name}=${label}`, p, sent, shown })),
  { label: `${p.name} cut through an emoji`, p, ...cutThroughEmoji(p.keep) },
])

describe('XML bodies carry only characters XML 1.0 allows', () => {
  it.each(CASES)('export error for $label: loads as XML, the character removed', async ({ p, sent, shown }) => {
    const t = await makeApp()
    const res = await t.app.inject({ url: `/shipstation?${p.query(sent)}`, headers: { authorization: SS_BASIC } })
    expect(res.statusCode).toBe(400)
    await assertWellFormedXml(res.rawPayload)
    expect(parseXml(res.body).Error).toEqual({ Code: p.code, Message: p.message(shown), Parameter: p.name })
  })

  it.each(HOSTILE)('shipnotify error for order_number=%s: loads as XML, the character removed', async (_l, sent) => {
    const t = await makeApp()
    const body = '<ShipNotice><TrackingNumber>1Z999</TrackingNumber></ShipNotice>'
    const res = await postNotice(t, body, { query: `order_number=T${sent}7` })
    expect(res.statusCode).toBe(404)
    await assertWellFormedXml(res.rawPayload)
    const id = (await t.app.services.notices.list(1))[0]?.id
    expect(parseXml(res.body).Error).toEqual({
      Code: 'ORDER_NOT_FOUND',
      Message: `no order "T7" here; the notice is kept as #${id} and applied when the order arrives`,
      Parameter: 'order_number',
      OrderNumber: 'T7',
    })
  })

  it('the shipnotify acknowledgement loads as XML', async () => {
    const t = await makeApp()
    await t.app.services.ingest(seedOrder(), 'test')
    const res = await postNotice(t, noticeText('split-1-of-2.xml'))
    expect(res.statusCode).toBe(200)
    await assertWellFormedXml(res.rawPayload)
    const id = (await t.app.services.notices.list(1))[0]?.id
    expect(parseXml(res.body).ShipNoticeReceived).toEqual({ Outcome: 'applied', NoticeID: String(id) })
  })
})
