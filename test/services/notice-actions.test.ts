// The decision a flagged notice leaves, recognised from reasons written by the real app for real notices.

import { describe, expect, it } from 'vitest'
import { flagKinds, noticeActions } from '../../src/services/notice-actions.js'
import { makeApp, type TestApp } from '../helpers/app.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

/** T1 (P), T2 (P), T3 (9: cancelled). */
async function store(): Promise<TestApp> {
  const t = await makeApp()
  for (const [n, code] of [
    [1, 'P'],
    [2, 'P'],
    [3, '9'],
  ] as const) {
    if (!(await t.app.services.ingest(makeOrder(n, { sophioStatus: code }), 'test')).ok) throw new Error('not stored')
  }
  return t
}

let labels = 0
/** A label for what `inner` names; a tracking number of its own, so it is never a duplicate. */
const label = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><ShipNotice>${inner}<Carrier>UPS</Carrier><Service>UPS Ground</Service>
<TrackingNumber>1ZTEST${String(++labels).padStart(8, '0')}</TrackingNumber><ShipDate>05/01/2026</ShipDate></ShipNotice>`

describe('flagged notices: the kind of flag, read from the reason the app wrote', () => {
  it.each([
    ['a cancelled order that ShipStation shipped', label('<OrderNumber>T3</OrderNumber>'), '', ['cancelled-shipped']],
    [
      'order_number and ShipNotice/OrderNumber name two orders',
      label('<OrderNumber>T2</OrderNumber>'),
      'order_number=T1',
      ['order-identity'],
    ],
    [
      'an OrderID whose order has another number',
      label('<OrderID>1</OrderID><OrderNumber>T2</OrderNumber>'),
      '',
      ['order-identity'],
    ],
    [
      'an item the order does not have',
      label('<OrderNumber>T1</OrderNumber><Items><Item><SKU>NOPE-1</SKU><Quantity>1</Quantity></Item></Items>'),
      '',
      ['unknown-items'],
    ],
    // A carrier that disagrees with the query does not flag; the cancelled order still does, alone.
    ['a cancelled order, carrier disagreeing', label('<OrderNumber>T3</OrderNumber>'), 'carrier=FedEx', ['cancelled-shipped']],
    ['ShipStation’s sample (wrong number, unknown item)', noticeText('shipstation-sample-verbatim.xml'), 'order_number=T1', ['order-identity', 'unknown-items']],
  ])('%s', async (_name, body, query, kinds) => {
    const t = await store()
    expect((await postNotice(t, body, { query })).statusCode).toBe(200)
    const [n] = await t.app.services.notices.list(1)
    expect(n?.outcome).toBe('flagged')
    expect(flagKinds(n?.reason ?? '')).toEqual(kinds)
    const actions = noticeActions(n as NonNullable<typeof n>)
    expect(actions.map((a) => a.kind)).toEqual(kinds)
    for (const a of actions) expect(a.action).toContain(`order ${n?.orderNumber}`)
  })

  it('two orders with the same number: the newest taken, flagged as an identity question', async () => {
    const t = await store()
    t.db.prepare("UPDATE orders SET order_number = 'T1' WHERE id = 2").run()
    expect((await postNotice(t, label('<OrderNumber>T1</OrderNumber>'))).statusCode).toBe(200)
    expect(flagKinds((await t.app.services.notices.list(1))[0]?.reason ?? '')).toEqual(['order-identity'])
  })

  it('a reason it does not know still asks for a person; applied and duplicate ask for nothing', () => {
    expect(flagKinds('something new happened')).toEqual(['other'])
    const base = { reason: 'x', orderNumber: 'T9' }
    expect(noticeActions({ ...base, outcome: 'flagged' })).toEqual([
      { kind: 'other', title: 'Flagged', action: 'Read the reason and check order T9.' },
    ])
    expect(noticeActions({ ...base, outcome: 'applied' })).toEqual([])
    expect(noticeActions({ ...base, outcome: 'duplicate' })).toEqual([])
    expect(noticeActions({ ...base, outcome: 'unmatched' }).map((a) => a.kind)).toEqual(['unmatched'])
    expect(noticeActions({ ...base, outcome: 'rejected' }).map((a) => a.kind)).toEqual(['rejected'])
  })
})
