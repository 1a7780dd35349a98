// `sophio-shipstation orders` (filters, --json) and `show <orderNumber>` (history, shipments, notices).

import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app.js'
import { runCli } from '../helpers/cli.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

/**
 * T1..T4 in P, S, 9 and X (unmapped); ShipStation's verbatim sample notice posted for T1 (flagged: its item
 * FD88821 is none of T1's lines), one notice waiting for T77.
 */
async function seeded() {
  const t = await makeApp({ file: true })
  const codes = { 1: 'P', 2: 'S', 3: '9', 4: 'X' } as const
  for (const [n, code] of Object.entries(codes)) {
    const r = await t.app.services.ingest(makeOrder(Number(n), { sophioStatus: code }), 'test')
    if (!r.ok) throw new Error(`order ${n} not stored`)
  }
  const shipped = await postNotice(t, noticeText('shipstation-sample-verbatim.xml'), { query: 'order_number=T1' })
  const waiting = await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' })
  expect([shipped.statusCode, waiting.statusCode]).toEqual([200, 404])
  return { t, env: { DATABASE_PATH: t.config.databasePath } }
}

const numbers = (stdout: string) =>
  stdout
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s+/)[0])
    .filter((n) => n?.startsWith('T'))

describe('orders', () => {
  it('lists orders, most recently modified first, with code and ShipStation status', async () => {
    const { env } = await seeded()
    const r = runCli(['orders'], env)
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n')[0]).toMatch(/^Order\s+Code\s+ShipStation status\s+Modified\s+Total\s+Ship to$/)
    expect(numbers(r.stdout)).toEqual(['T4', 'T3', 'T2', 'T1'])
    expect(r.stdout).toMatch(/^T4\s+X\s+NOT MAPPED\s/m)
    expect(r.stdout).toContain('4 orders, most recently modified first.')
  })

  it.each([
    [['--code', 'X'], ['T4']],
    [
      ['--code', '9,X'],
      ['T4', 'T3'],
    ],
    [['--status', 'cancelled'], ['T3']],
    [['--status', 'Awaiting Shipment'], ['T1']],
    [['--status', 'unmapped'], ['T4']],
    [['--status', 'shipped', '--code', 'S,9'], ['T2']],
    [
      ['--since', '1h'],
      ['T4', 'T3', 'T2', 'T1'],
    ],
    [['--since', '2099-01-01'], []],
    [['--until', '1h'], []],
    [
      ['--until', '2099-01-01', '--status', 'unmapped'],
      ['T4'],
    ],
    [
      ['--limit', '2'],
      ['T4', 'T3'],
    ],
  ])('filters: %j → %j', async (args, expected) => {
    const { env } = await seeded()
    const r = runCli(['orders', ...args, '--json'], env)
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).map((o: any) => o.orderNumber)).toEqual(expected)
  })

  it('--json carries codes, statuses and ISO times', async () => {
    const { env } = await seeded()
    const [first] = JSON.parse(runCli(['orders', '--code', 'X', '--json'], env).stdout)
    expect(first).toMatchObject({
      orderNumber: 'T4',
      sophioStatus: 'X',
      shipStationStatus: null,
      orderStatus: 'X',
      shipTo: 'Steve Smith',
      orderTotal: 71.63,
    })
    expect(first.lastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it.each([
    [['--status', 'lost']],
    [['--since', 'yesterday']],
    [['--limit', '0']],
    [['--code', ',']],
    [['--colour']],
    [['T1']],
  ])('exits 2 on a usage error: %j', (args) => {
    const r = runCli(['orders', ...args], { DATABASE_PATH: ':memory:' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('Usage: sophio-shipstation orders')
  })
})

describe('show', () => {
  it('shows the order, its lines with shipped quantities, history, shipments and notices', async () => {
    const { env } = await seeded()
    const r = runCli(['show', 'T1'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Order T1 \(id 1, key key-1\)$/m)
    expect(r.stdout).toMatch(/Sophio code:\s+P → Awaiting Shipment \(OrderStatus "paid"\)/)
    expect(r.stdout).toMatch(/^ {2}222637\s+VIC-OS32372\s+2\s+0\s+Engine Oil Pan Gasket/m)
    expect(r.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}- → P {2}test$/m)
    expect(r.stdout).toMatch(
      /^ {2}#1 .* 1Z909084330298430820 {2}USPS Priority Mail {2}shipped 2011-12-08 {2}2 × FD88821 {2}\(notice #1\)$/m,
    )
    expect(r.stdout).toMatch(/^ {2}#1 .* flagged\s+order T1 \(id 1\) tracking 1Z909084330298430820 — /m)
  })

  it('lists an unmatched notice waiting for the number, and --json has everything', async () => {
    const { t, env } = await seeded()
    // A number the order got outside intake: the notice waits (applied only by `notices reapply`).
    t.db.prepare("UPDATE orders SET order_number = 'T77' WHERE id = 2").run()
    const r = runCli(['show', 'T77', '--json'], env)
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({
      orderNumber: 'T77',
      sophioStatus: 'S',
      shipStationStatus: 'shipped',
      orderStatus: 'shipped',
    })
    expect(j.notices).toEqual([
      expect.objectContaining({
        id: 2,
        outcome: 'unmatched',
        orderNumber: 'T77',
        trackingNumber: '1ZUNKNOWN000000077',
      }),
    ])
    expect(j.history[0]).toMatchObject({ fromCode: null, toCode: 'S', reason: 'test' })
    expect(j.lines.map((l: any) => [l.lineItemKey, l.quantity, l.shipped])).toEqual([
      ['222637', 2, 0],
      ['222638', 1, 0],
    ])
  })

  it('exits 1 for an unknown order, 2 without a number', async () => {
    const { env } = await seeded()
    expect(runCli(['show', 'NOPE'], env)).toMatchObject({
      code: 1,
      stderr: 'sophio-shipstation: no order with number "NOPE"\n',
    })
    expect(runCli(['show'], env).code).toBe(2)
    expect(runCli(['show', 'T1', 'T2'], env).code).toBe(2)
    expect(runCli(['show', '--help'], env)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('show <orderNumber>'),
    })
  })
})
