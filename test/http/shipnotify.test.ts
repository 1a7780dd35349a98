// POST /shipstation?action=shipnotify through the real app: each case checks the stored state afterwards.

import { describe, expect, it } from 'vitest'
import { makeApp, SS_BASIC, SS_PASS, SS_USER, type TestApp } from '../helpers/app.js'
import { configFile } from '../helpers/config-file.js'
import { noticeBytes, noticeText, postNotice } from '../helpers/notices.js'
import { importFixtureOrders, makeOrder, seedOrder } from '../helpers/orders.js'
import { ordersOf, parseXml } from '../helpers/xml.js'

const SPLIT_1 = 'order_number=296594&carrier=UPS&service=UPS+Ground&tracking_number=1ZSPLIT00000000001'

/**
 * Stores Sophio's sample order 296594 (id 1 in a fresh database: the order the fixture notices name), then T2..Tn,
 * each with lines 222637 ×2 and 222638 ×1.
 */
async function load(t: TestApp, count = 1, patch: Record<string, unknown> = {}) {
  for (let i = 1; i <= count; i++) {
    const r = await t.app.services.ingest(i === 1 ? { ...seedOrder(), ...patch } : makeOrder(i, patch), 'test')
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
  }
}

function state(t: TestApp, orderId = 1) {
  const s = t.repos
  return {
    order: s.orders.findById(orderId),
    shipments: s.shipments.shipmentsOf(orderId),
    shipped: Object.fromEntries(s.shipments.shippedQuantities(orderId)),
    history: s.orders.history(orderId),
    journal: s.notices.list(100).reverse(),
  }
}

function ack(body: string) {
  return parseXml(body).ShipNoticeReceived as Record<string, string>
}

function error(body: string) {
  return parseXml(body).Error as Record<string, string>
}

describe('shipnotify: applying notices', () => {
  it('records ShipStation’s verbatim sample notice on an order made to fit it, marks it shipped and moves LastModified', async () => {
    const t = await makeApp()
    await load(t, 1, {
      orderNumber: 'ABC123',
      items: [{ lineItemKey: '25590', sku: 'FD88821', name: 'My Product Name', quantity: 2, unitPrice: 10 }],
    })
    const before = state(t).order
    const res = await postNotice(t, noticeText('shipstation-sample-verbatim.xml'), {
      query: 'order_number=ABC123&carrier=USPS&service=Priority+Mail&tracking_number=1Z909084330298430820',
    })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?><ShipNoticeReceived><Outcome>applied</Outcome><NoticeID>1</NoticeID></ShipNoticeReceived>',
    )

    const s = state(t)
    expect(s.order?.statusCode).toBe('S')
    expect(s.order?.modifiedAt).toBeGreaterThan(before?.modifiedAt ?? Number.POSITIVE_INFINITY)
    expect(s.history.at(-1)).toMatchObject({
      fromCode: 'P',
      toCode: 'S',
      reason: expect.stringContaining('shipnotify'),
    })
    expect(s.shipments).toHaveLength(1)
    expect(s.shipments[0]).toMatchObject({
      orderId: 1,
      trackingNumber: '1Z909084330298430820',
      carrier: 'USPS',
      service: 'Priority Mail',
      carrierFee: 4.95,
      shipDate: '2011-12-08',
      labelCreatedAt: Date.UTC(2011, 11, 8, 12, 56),
      notesToCustomer: null,
      notifyCustomer: null,
      recipient: {
        name: 'The President',
        company: 'US Govt',
        address1: '1600 Pennsylvania Ave',
        address2: null,
        city: 'Washington',
        state: 'DC',
        postalCode: '20500',
        country: 'US',
        phone: null,
      },
      items: [{ lineItemKey: '25590', sku: 'FD88821', name: 'My Product Name', quantity: 2 }],
    })
    expect(s.shipped).toEqual({ '25590': 2 })
    expect(s.journal).toHaveLength(1)
    expect(s.journal[0]).toMatchObject({
      outcome: 'applied',
      orderId: 1,
      orderNumber: 'ABC123',
      trackingNumber: '1Z909084330298430820',
      shipmentId: s.shipments[0]?.id,
      contentType: 'text/xml; charset=utf-8',
    })
    // ShipStation's sample OrderID is not one of ours: the number matched, and the journal says so.
    expect(s.journal[0]?.reason).toContain('OrderID "123456" is not an order here')

    // The next export carries the order as shipped.
    const exp = await t.app.inject({
      url: '/shipstation?action=export&start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59',
      headers: { authorization: SS_BASIC },
    })
    expect(ordersOf(exp.body)[0]?.OrderStatus).toBe('shipped')
  })

  it('keeps CDATA text, leading zeros and the echoed custom fields', async () => {
    const t = await makeApp()
    await load(t)
    const res = await postNotice(t, noticeText('cdata-everywhere.xml'), { query: 'order_number=296594' })
    expect(res.statusCode).toBe(200)
    const [shipment] = state(t).shipments
    expect(shipment).toMatchObject({
      trackingNumber: '0012345678901234567',
      carrier: 'UPS',
      service: 'UPS® Ground',
      carrierFee: 12.4,
      shipDate: '2018-07-18',
      notesToCustomer: 'Thanks for your order — à bientôt! 🚚',
      internalNotes: 'Picked by "Jo"; bin A&B; see ]]> marker',
      notifyCustomer: false,
      customField1: '153102358691-1749930787005',
      customField2: '296594',
      customField3: null,
    })
    expect(shipment?.recipient).toMatchObject({ company: 'Smith & Sons <Auto>', postalCode: '07052' })
    expect(state(t).order?.statusCode).toBe('S')
  })

  it('counts a split shipment per line: partial first (code unchanged), shipped when the second arrives', async () => {
    const t = await makeApp()
    await load(t)
    const modified = state(t).order?.modifiedAt
    const first = await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    expect(ack(first.body).Outcome).toBe('applied')
    let s = state(t)
    expect(s.order?.statusCode).toBe('P')
    expect(s.order?.modifiedAt).toBe(modified)
    expect(s.shipped).toEqual({ '222637': 1, '222638': 1 })
    expect(s.shipments[0]?.notesToCustomer).toBe('Package 1 of 2 & the rest follows <soon> — merci!')
    expect(s.journal[0]?.reason).toContain('order partly shipped')

    // The second package names its item by SKU only.
    const second = await postNotice(t, noticeText('split-2-of-2.xml'), { query: 'order_number=296594' })
    expect(ack(second.body).Outcome).toBe('applied')
    s = state(t)
    expect(s.order?.statusCode).toBe('S')
    expect(s.shipped).toEqual({ '222637': 2, '222638': 1 })
    expect(s.shipments.map((x) => x.trackingNumber)).toEqual(['1ZSPLIT00000000001', '1ZSPLIT00000000002'])
    expect(s.shipments[1]?.items).toEqual([
      { lineItemKey: '222637', sku: 'VIC-OS32372', name: expect.stringContaining('Oil Pan'), quantity: 1 },
    ])
  })

  it('moves a partly shipped order to the configured partial code, then to the shipped code', async () => {
    const t = await makeApp({ env: { CONFIG_FILE: configFile({ partialShippedCode: 'K' }) } })
    await load(t)
    await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    expect(state(t).order?.statusCode).toBe('K')
    await postNotice(t, noticeText('split-2-of-2.xml'))
    const s = state(t)
    expect(s.order?.statusCode).toBe('S')
    expect(s.history.map((h) => `${h.fromCode}→${h.toCode}`)).toEqual(['null→P', 'P→K', 'K→S'])
  })

  it('answers an exact duplicate with 200 and changes nothing', async () => {
    const t = await makeApp()
    await load(t)
    await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    const before = state(t)
    const again = await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    expect(again.statusCode).toBe(200)
    expect(ack(again.body).Outcome).toBe('duplicate')
    const after = state(t)
    expect(after.order).toEqual(before.order)
    expect(after.shipments).toEqual(before.shipments)
    expect(after.shipped).toEqual({ '222637': 1, '222638': 1 })
    expect(after.journal.map((j) => j.outcome)).toEqual(['applied', 'duplicate'])
    expect(after.journal[1]?.shipmentId).toBe(before.shipments[0]?.id)
  })

  it('records a multi-package label once, under its master tracking number', async () => {
    const t = await makeApp()
    await load(t)
    const res = await postNotice(t, noticeText('multi-package.xml'))
    expect(ack(res.body).Outcome).toBe('applied')
    await postNotice(t, noticeText('multi-package.xml'))
    const s = state(t)
    expect(s.shipments).toHaveLength(1)
    expect(s.shipments[0]).toMatchObject({ trackingNumber: '794600000000', carrier: 'FedEx', carrierFee: 31.7 })
    expect(s.shipped).toEqual({ '222637': 2, '222638': 1 })
    expect(s.order?.statusCode).toBe('S')
    expect(s.journal.map((j) => j.outcome)).toEqual(['applied', 'duplicate'])
  })

  it('ships whatever is left when a notice has no Items', async () => {
    const t = await makeApp()
    await load(t)
    await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    await postNotice(t, noticeText('no-items.xml'))
    const s = state(t)
    expect(s.shipments[1]?.items).toEqual([
      { lineItemKey: '222637', sku: 'VIC-OS32372', name: expect.any(String), quantity: 1 },
    ])
    expect(s.shipped).toEqual({ '222637': 2, '222638': 1 })
    expect(s.order?.statusCode).toBe('S')
  })

  it('records a cancelled order’s shipment, flags it and leaves the status alone', async () => {
    const t = await makeApp()
    await importFixtureOrders(t.app.services) // DEMO-5, the cancelled one, is id 6
    const before = state(t, 6).order
    expect(before).toMatchObject({ orderNumber: 'DEMO-5', statusCode: '9' })
    const res = await postNotice(t, noticeText('cancelled-order.xml'))
    expect(res.statusCode).toBe(200)
    expect(ack(res.body).Outcome).toBe('flagged')
    const s = state(t, 6)
    expect(s.order).toEqual(before)
    expect(s.shipments).toHaveLength(1)
    expect(s.journal[0]).toMatchObject({ outcome: 'flagged', reason: expect.stringContaining('order is cancelled') })
  })

  it('takes OrderID over a disagreeing order_number, and flags the notice', async () => {
    const t = await makeApp()
    await load(t, 2)
    const res = await postNotice(t, noticeText('multi-package.xml'), { query: 'order_number=T2' })
    expect(ack(res.body)).toEqual({ Outcome: 'flagged', NoticeID: '1' })
    expect(state(t, 1).order?.statusCode).toBe('S')
    expect(state(t, 2).shipments).toEqual([])
    expect(state(t).journal[0]?.reason).toContain(
      'order_number "T2" is not the number of OrderID 1 ("296594"); OrderID wins',
    )
  })

  it('records a notice without tracking number once, keyed by what it ships', async () => {
    const t = await makeApp()
    await load(t)
    const xml = noticeText('no-items.xml').replace(/<TrackingNumber>.*<\/TrackingNumber>/, '<TrackingNumber/>')
    expect((await postNotice(t, xml)).statusCode).toBe(200)
    expect(ack((await postNotice(t, xml)).body).Outcome).toBe('duplicate')
    const s = state(t)
    expect(s.shipments).toHaveLength(1)
    expect(s.shipments[0]?.trackingNumber).toBe('')
    expect(s.journal[0]?.reason).toContain('no tracking number')
    expect(s.order?.statusCode).toBe('S')
  })
})

describe('shipnotify: unknown orders', () => {
  it('keeps the notice as unmatched (404 naming the order) and applies it when the order arrives', async () => {
    const t = await makeApp()
    const res = await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77&carrier=UPS' })
    expect(res.statusCode).toBe(404)
    expect(error(res.body)).toMatchObject({ Code: 'ORDER_NOT_FOUND', OrderNumber: 'T77' })
    expect(error(res.body).Message).toContain('"T77"')
    let [entry] = state(t).journal
    expect(entry).toMatchObject({
      outcome: 'unmatched',
      orderNumber: 'T77',
      orderId: null,
      trackingNumber: '1ZUNKNOWN000000077',
    })

    await load(t) // 296594 does not release it
    expect(state(t).journal[0]?.outcome).toBe('unmatched')
    const r = await t.app.services.ingest(makeOrder(77), 'test')
    expect(r.ok && t.repos.orders.findById(r.orderId)?.statusCode).toBe('S')
    ;[entry] = state(t, 2).journal
    expect(entry).toMatchObject({ outcome: 'applied', orderId: 2, resolvedBy: 'order arrived' })
    expect(entry?.reason).toContain('kept as unmatched since')
    const s = state(t, 2)
    expect(s.shipments).toHaveLength(1)
    expect(s.shipments[0]).toMatchObject({ noticeId: entry?.id, trackingNumber: '1ZUNKNOWN000000077' })
    expect(s.shipped).toEqual({ '222637': 2, '222638': 1 })
    expect(s.history.map((h) => `${h.fromCode}→${h.toCode}`)).toEqual(['null→P', 'P→S'])
    expect(s.history[1]?.at).toBeGreaterThan(s.history[0]?.at ?? Number.POSITIVE_INFINITY)
  })

  it('rejects a notice that names no order at all (400), and keeps it', async () => {
    const t = await makeApp()
    const res = await postNotice(t, '<ShipNotice><TrackingNumber>1Z</TrackingNumber></ShipNotice>')
    expect(res.statusCode).toBe(400)
    expect(error(res.body).Code).toBe('NO_ORDER_IDENTIFIER')
    expect(state(t).journal[0]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringContaining('names no order'),
    })
  })
})

describe('shipnotify: content types and credentials', () => {
  it.each([
    [null],
    ['text/xml'],
    ['application/xml'],
    ['text/xml; charset=utf-8'],
    ['application/xml; charset="UTF-8"'],
    ['application/x-www-form-urlencoded'],
    ['text/plain'],
  ])('reads the raw body with Content-Type %s', async (contentType) => {
    const t = await makeApp()
    await load(t)
    const body = noticeBytes('split-1-of-2.xml')
    const res = await postNotice(t, body, { contentType, query: SPLIT_1 })
    expect(res.statusCode).toBe(200)
    expect(state(t).shipped).toEqual({ '222637': 1, '222638': 1 })
    const [entry] = state(t).journal
    expect(entry?.contentType).toBe(contentType)
    expect((await t.app.services.notices.get(entry?.id ?? 0))?.body).toEqual(body)
  })

  it('accepts SS-UserName/SS-Password in the query and never stores or logs the password', async () => {
    const t = await makeApp()
    await load(t)
    const creds = `SS-UserName=${encodeURIComponent(SS_USER)}&SS-Password=${encodeURIComponent(SS_PASS)}`
    const res = await postNotice(t, noticeText('split-1-of-2.xml'), {
      authorization: null,
      query: `${creds}&${SPLIT_1}`,
    })
    expect(res.statusCode).toBe(200)
    const [entry] = state(t).journal
    expect(entry?.query).toBe(`action=shipnotify&${SPLIT_1}`)
    expect(JSON.stringify(await t.app.services.notices.list(10))).not.toContain(SS_PASS)
    expect(t.logText()).not.toContain(SS_PASS)
    expect(state(t).shipped).toEqual({ '222637': 1, '222638': 1 })
  })

  it('journals nothing for a caller without valid credentials', async () => {
    const t = await makeApp()
    await load(t)
    const res = await postNotice(t, noticeText('split-1-of-2.xml'), {
      authorization: null,
      query: 'SS-UserName=x&SS-Password=y',
    })
    expect(res.statusCode).toBe(401)
    expect(state(t).journal).toEqual([])
    expect(state(t).shipments).toEqual([])
  })

  it('still serves the export by GET and by POST, with or without a body', async () => {
    const t = await makeApp()
    await load(t)
    const url = '/shipstation?action=export&start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
    for (const req of [
      { method: 'GET' as const },
      { method: 'POST' as const },
      { method: 'POST' as const, payload: '<x/>', headers: { 'content-type': 'application/xml' } },
    ]) {
      const res = await t.app.inject({ url, ...req, headers: { authorization: SS_BASIC, ...req.headers } })
      expect(res.statusCode).toBe(200)
      expect(ordersOf(res.body)).toHaveLength(1)
    }
    expect(state(t).journal).toEqual([])
  })
})

describe('shipnotify: hostile and broken bodies are refused and kept', () => {
  it.each([
    ['malformed.xml', 'MALFORMED_XML', /Expected closing tag 'Item'.*line 7/],
    ['billion-laughs.xml', 'DTD_FORBIDDEN', /DOCTYPE declaration is not allowed/],
    ['external-entity.xml', 'DTD_FORBIDDEN', /DOCTYPE declaration is not allowed/],
    ['not-utf8.xml', 'BAD_ENCODING', /not valid UTF-8 \(first bad byte 0xfc/],
  ])('%s → 400 %s', async (name, code, message) => {
    const t = await makeApp()
    await load(t)
    const body = noticeBytes(name)
    const res = await postNotice(t, body, { query: 'order_number=296594&tracking_number=1ZX' })
    expect(res.statusCode).toBe(400)
    expect(error(res.body).Code).toBe(code)
    expect(error(res.body).Message).toMatch(message)
    expect(res.body).not.toContain('root:')
    const [entry] = state(t).journal
    expect(entry).toMatchObject({
      outcome: 'rejected',
      orderNumber: '296594',
      trackingNumber: '1ZX',
      bodySize: body.length,
    })
    expect(entry?.reason).toMatch(message)
    expect((await t.app.services.notices.get(entry?.id ?? 0))?.body).toEqual(body)
    expect(state(t).shipments).toEqual([])
    expect(state(t).order?.statusCode).toBe('P')
  })

  it('reads Latin-1 bytes under an ISO-8859-1 declaration', async () => {
    const t = await makeApp()
    await load(t)
    const res = await postNotice(t, noticeBytes('latin1-declared.xml'), { contentType: 'text/xml' })
    expect(res.statusCode).toBe(200)
    const [shipment] = state(t).shipments
    expect(shipment?.notesToCustomer).toBe("Merci, Müller! Ça part aujourd'hui.")
    expect(shipment?.recipient).toMatchObject({ name: 'François Müller', city: 'Zürich' })
    expect(state(t).journal[0]?.reason).toContain('body read as iso-8859-1')
  })

  it('refuses an oversized body with 413 and keeps its first 64 KiB', async () => {
    const t = await makeApp()
    await load(t)
    const head = noticeText('split-1-of-2.xml').replace('<ShipNotice>', '<ShipNotice><!--')
    const body = Buffer.from(`${head.padEnd(1024 * 1024 + 1 - '--></ShipNotice>'.length, 'x')}--></ShipNotice>`)
    expect(body.length).toBe(1024 * 1024 + 1)
    const res = await postNotice(t, body, { query: SPLIT_1 })
    expect(res.statusCode).toBe(413)
    expect(error(res.body).Code).toBe('BODY_TOO_LARGE')
    const [entry] = state(t).journal
    expect(entry).toMatchObject({ outcome: 'rejected', bodySize: body.length, trackingNumber: '1ZSPLIT00000000001' })
    expect((await t.app.services.notices.get(entry?.id ?? 0))?.body).toEqual(body.subarray(0, 64 * 1024))
    expect(await t.app.services.notices.reapply(entry?.id ?? 0)).toEqual({
      ok: false,
      message: `notice #${entry?.id} was too large; only its first 65536 bytes were kept`,
    })
    expect(state(t).shipments).toEqual([])
  })

  it('refuses a body past the transport limit (2 MiB) outright', async () => {
    const t = await makeApp()
    const res = await postNotice(t, Buffer.alloc(2 * 1024 * 1024 + 1, 0x20))
    expect(res.statusCode).toBe(413)
    expect(state(t).journal).toEqual([])
  })
})

describe('shipnotify: failures while applying', () => {
  it('rolls the effect back, keeps the notice as rejected and answers 500', async () => {
    const t = await makeApp()
    await load(t)
    // Something breaks half-way through (here: a table the shipment's items go to).
    t.db.exec('DROP TABLE shipment_items')
    const res = await postNotice(t, noticeText('split-1-of-2.xml'), { query: SPLIT_1 })
    expect(res.statusCode).toBe(500)
    expect(error(res.body)).toMatchObject({ Code: 'INTERNAL', Message: expect.stringContaining('kept as #1') })
    const [entry] = await t.app.services.notices.list(10)
    expect(entry).toMatchObject({ id: 1, outcome: 'rejected', orderNumber: '296594', shipmentId: null })
    expect(entry?.reason).toMatch(/^INTERNAL: internal error: .*shipment_items/)
    const order = t.repos.orders.findById(1)
    expect(order?.statusCode).toBe('P')
    expect(t.db.prepare('SELECT count(*) AS n FROM shipments').get()).toEqual({ n: 0 })
  })
})

describe('shipnotify: concurrency', () => {
  it('turns 50 concurrent identical notices into exactly one shipment', async () => {
    const t = await makeApp({ file: true })
    await load(t)
    const body = noticeText('split-1-of-2.xml')
    const replies = await Promise.all(Array.from({ length: 50 }, () => postNotice(t, body, { query: SPLIT_1 })))
    expect(replies.map((r) => r.statusCode)).toEqual(Array(50).fill(200))
    const outcomes = replies.map((r) => ack(r.body).Outcome)
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1)
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(49)
    const s = state(t)
    expect(s.shipments).toHaveLength(1)
    expect(s.shipped).toEqual({ '222637': 1, '222638': 1 })
    expect(s.journal).toHaveLength(50)
  })
})
