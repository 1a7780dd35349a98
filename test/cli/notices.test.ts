// `sophio-shipstation notices`: listing the journal and re-applying a notice, run as a child process.

import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app.js'
import { runCli } from '../helpers/cli.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { makeOrder } from '../helpers/orders.js'

async function setup() {
  const t = await makeApp({ file: true })
  const r = await t.app.services.ingest(makeOrder(1), 'test')
  if (!r.ok) throw new Error('order not stored')
  const unmatched = await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' })
  const rejected = await postNotice(t, noticeText('malformed.xml'))
  expect([unmatched.statusCode, rejected.statusCode]).toEqual([404, 400])
  const env = { DATABASE_PATH: t.config.databasePath }
  return { t, env }
}

describe('notices', () => {
  it('lists recent, unmatched and rejected notices', async () => {
    const { env } = await setup()
    const recent = runCli(['notices'], env)
    expect(recent.code).toBe(0)
    expect(
      recent.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['#2', '#1'])
    const unmatched = runCli(['notices', 'unmatched'], env)
    expect(unmatched.stdout).toMatch(/^#1 .* unmatched\s+order T77 tracking 1ZUNKNOWN000000077 — no order "T77" yet/)
    const rejected = runCli(['notices', 'rejected', '--limit', '5'], env)
    expect(rejected.stdout).toMatch(/^#2 .* rejected .*MALFORMED_XML: malformed XML/)
    expect(runCli(['notices', 'flagged'], env).stdout).toBe('No flagged notices.\n')
  })

  it('failed: the notices that need a person; --json for scripts', async () => {
    const { t, env } = await setup()
    const flagged = await postNotice(t, noticeText('shipstation-sample-verbatim.xml'), { query: 'order_number=T1' })
    expect(flagged.statusCode).toBe(200)
    const failed = runCli(['notices', 'failed'], env)
    expect(failed.code).toBe(0)
    const lines = failed.stdout.split('\n').filter(Boolean)
    const rows = lines.filter((l) => l.startsWith('#')).map((l) => l.split(/\s+/))
    expect(rows.map((r) => [r[0], r[2]])).toEqual([
      ['#3', 'flagged'],
      ['#2', 'rejected'],
      ['#1', 'unmatched'],
    ])
    // Under the flagged notice, the decisions it leaves (it is applied already).
    expect(lines.slice(1, 3)).toEqual([
      expect.stringMatching(/^ {4}→ Order numbers disagree: .*recorded on order T1\./),
      expect.stringMatching(/^ {4}→ Items the order does not have: The package lists items order T1 has no line for/),
    ])
    const json = runCli(['notices', 'unmatched', '--json'], env)
    expect(json.code).toBe(0)
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        id: 1,
        outcome: 'unmatched',
        orderNumber: 'T77',
        trackingNumber: '1ZUNKNOWN000000077',
      }),
    ])
    const one = JSON.parse(runCli(['notices', 'show', '1', '--json'], env).stdout)
    expect(one).toMatchObject({
      id: 1,
      query: 'action=shipnotify&order_number=T77',
      contentType: 'text/xml; charset=utf-8',
    })
    expect(one.body).toContain('<TrackingNumber>1ZUNKNOWN000000077</TrackingNumber>')
  })

  it('shows one notice with its raw body', async () => {
    const { env } = await setup()
    const r = runCli(['notices', 'show', '1'], env)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('query:        action=shipnotify&order_number=T77')
    expect(r.stdout).toContain('<TrackingNumber>1ZUNKNOWN000000077</TrackingNumber>')
    expect(runCli(['notices', 'show', '99'], env)).toMatchObject({
      code: 1,
      stderr: 'sophio-shipstation: no notice #99\n',
    })
  })

  it('re-applies an unmatched notice once its order exists (exit 0), and says when it still cannot (exit 1)', async () => {
    const { t, env } = await setup()
    const still = runCli(['notices', 'reapply', '1'], env)
    expect(still.code).toBe(1)
    expect(still.stdout).toMatch(/^#1 .* unmatched .*still no order "T77"/)

    // The order got its number outside the connector's intake (e.g. a restored backup): no automatic apply.
    t.db.prepare("UPDATE orders SET order_number = 'T77' WHERE id = 1").run()
    const done = runCli(['notices', 'reapply', '1'], env)
    expect(done.code).toBe(0)
    expect(done.stdout).toMatch(/^#1 .* applied\s+order T77 \(id 1\) .*applied when an operator asked/)
    expect(t.repos.orders.findById(1)?.statusCode).toBe('S')
    expect(t.repos.shipments.shipmentsOf(1)).toHaveLength(1)
    expect(await t.app.services.notices.get(1)).toMatchObject({ outcome: 'applied', resolvedBy: 'operator' })

    const again = runCli(['notices', 'reapply', '1'], env)
    expect(again).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('notice #1 is applied; only unmatched or rejected'),
    })
    const broken = runCli(['notices', 'reapply', '2'], env)
    expect(broken.code).toBe(1)
    expect(broken.stdout).toMatch(/^#2 .* rejected .*MALFORMED_XML/)
  })

  it.each([
    [['notices', 'bogus']],
    [['notices', 'reapply']],
    [['notices', 'reapply', 'x']],
    [['notices', 'recent', '--limit', '0']],
    [['notices', 'reapply', '1', '--json']],
  ])('exits 2 on a usage error: %j', (args) => {
    const r = runCli(args, { DATABASE_PATH: ':memory:' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('usage: sophio-shipstation notices')
  })

  it('documents itself in --help', () => {
    const r = runCli(['notices', '--help'], { DATABASE_PATH: ':memory:' })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('notices reapply <id>')
  })
})
