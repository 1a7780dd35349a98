// The fixture notices against the fixture orders, imported as the README's quick start does: each notice meant to
// match an order finds it, ships lines it has in the quantities it has them, and records no item outside it.

import { describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../helpers/app.js'
import { noticeBytes, postNotice } from '../helpers/notices.js'
import { importFixtureOrders } from '../helpers/orders.js'
import { parseXml } from '../helpers/xml.js'

/** Notes in the journal that say a notice and its order do not quite fit, even when it applied. */
const MISFIT = /matches no line|is not a line of the order|more than ordered|is not an order here|disagree|wins|orders carry/

const SEED = { id: 1, number: '296594' }
const DEMO_5 = { id: 6, number: 'DEMO-5' }
const ALL_OF_SEED = { '222637': 2, '222638': 1 }

/** The query ShipStation sends with a notice: the order's number, and carrier, service and tracking from the same label. */
function queryFor(name: string, orderNumber: string): string {
  const bytes = noticeBytes(name)
  const latin1 = /^<\?xml[^>]*encoding="ISO-8859-1"/i.test(bytes.toString('latin1'))
  const notice = parseXml(bytes.toString(latin1 ? 'latin1' : 'utf8')).ShipNotice as Record<string, unknown>
  const params = new URLSearchParams({ order_number: orderNumber })
  for (const [param, element] of [
    ['carrier', 'Carrier'],
    ['service', 'Service'],
    ['tracking_number', 'TrackingNumber'],
  ] as const) {
    const value = notice[element]
    if (typeof value === 'string') params.set(param, value.trim())
  }
  return params.toString()
}

async function fixtures(): Promise<TestApp> {
  const t = await makeApp()
  await importFixtureOrders(t.app.services)
  return t
}

/** Posts one fixture notice as ShipStation does (no Content-Type) and checks what it recorded. */
async function apply(t: TestApp, name: string, order: { id: number; number: string }) {
  const res = await postNotice(t, noticeBytes(name), { contentType: null, query: queryFor(name, order.number) })
  expect([name, res.statusCode]).toEqual([name, 200])
  const s = t.repos
  const [entry] = s.notices.list(1)
  const lines = s.orders.findById(order.id)?.lines ?? []
  const shipment = s.shipments.shipmentsOf(order.id).find((x) => x.noticeId === entry?.id)
  // No phantom: every item shipped is a line of this order, under its own SKU.
  expect(shipment?.items.length).toBeGreaterThan(0)
  for (const item of shipment?.items ?? []) {
    const line = lines.find((l) => l.lineItemKey === item.lineItemKey)
    expect([name, item.lineItemKey, item.sku]).toEqual([name, line?.lineItemKey ?? 'no such line', line?.sku])
  }
  return {
    entry,
    shipped: Object.fromEntries(s.shipments.shippedQuantities(order.id)),
    code: s.orders.findById(order.id)?.statusCode,
  }
}

describe('fixture notices on the fixture orders', () => {
  it.each([
    // notices, in order → after each: units shipped per LineItemID and the order's Sophio code
    [['shipstation-sample.xml'], [[ALL_OF_SEED, 'S']]],
    [['multi-package.xml'], [[ALL_OF_SEED, 'S']]],
    [['no-items.xml'], [[ALL_OF_SEED, 'S']]],
    [['cdata-everywhere.xml'], [[ALL_OF_SEED, 'S']]],
    [['latin1-declared.xml'], [[ALL_OF_SEED, 'S']]],
    [
      ['split-1-of-2.xml', 'split-2-of-2.xml'],
      [
        [{ '222637': 1, '222638': 1 }, 'P'],
        [ALL_OF_SEED, 'S'],
      ],
    ],
  ] as const)('%j applies to 296594 and ships only its lines', async (names, after) => {
    const t = await fixtures()
    for (const [i, name] of names.entries()) {
      const { entry, shipped, code } = await apply(t, name, SEED)
      expect(entry).toMatchObject({ outcome: 'applied', orderId: SEED.id, orderNumber: SEED.number })
      expect(entry?.reason).not.toMatch(MISFIT)
      expect([name, shipped, code]).toEqual([name, ...(after[i] ?? [])])
    }
    // Nothing reached another order.
    expect(t.db.prepare('SELECT count(DISTINCT order_id) AS n FROM shipments').get()).toEqual({ n: 1 })
  })

  it('cancelled-order.xml ships every line of the cancelled DEMO-5, flagged for a person, its code left at 9', async () => {
    const t = await fixtures()
    const { entry, shipped, code } = await apply(t, 'cancelled-order.xml', DEMO_5)
    expect(entry).toMatchObject({ outcome: 'flagged', orderId: DEMO_5.id, orderNumber: DEMO_5.number })
    expect(entry?.reason).toContain('order is cancelled')
    expect(entry?.reason).not.toMatch(MISFIT)
    expect(shipped).toEqual({ '5-1': 3, '5-2': 1 })
    expect(code).toBe('9')
  })

  it.each([
    ['unknown-order.xml', 'T77'],
    ['shipstation-sample-verbatim.xml', 'ABC123'],
  ])('%s names no fixture order: 404, kept as unmatched, nothing shipped', async (name, orderNumber) => {
    const t = await fixtures()
    const res = await postNotice(t, noticeBytes(name), { contentType: null, query: queryFor(name, orderNumber) })
    expect(res.statusCode).toBe(404)
    expect((await t.app.services.notices.list(1))[0]).toMatchObject({ outcome: 'unmatched', orderNumber, orderId: null })
    expect(t.db.prepare('SELECT count(*) AS n FROM shipments').get()).toEqual({ n: 0 })
  })
})
