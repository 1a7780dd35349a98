// `notices prune`: raw bodies of resolved notices past the retention period go; rows and unresolved notices stay.

import { Database } from '../../src/db/sqlite.js'
import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app.js'
import { runCli } from '../helpers/cli.js'
import { configFile } from '../helpers/config-file.js'
import { noticeText, postNotice } from '../helpers/notices.js'
import { startServer } from '../helpers/server-process.js'
import { makeOrder } from '../helpers/orders.js'

const DAY = 24 * 60 * 60 * 1000

const notice = (order: string, tracking: string) =>
  `<ShipNotice><OrderNumber>${order}</OrderNumber><TrackingNumber>${tracking}</TrackingNumber></ShipNotice>`

/** A journal written 100 days ago (one of each outcome) and one applied notice 10 days ago. */
async function journal() {
  let now = Date.now() - 100 * DAY
  const t = await makeApp({ file: true, keep: true, clock: () => now })
  for (const o of [makeOrder(1), makeOrder(2), makeOrder(9, { sophioStatus: '9' })]) {
    expect((await t.app.services.ingest(o, 'test')).ok).toBe(true)
  }
  const statuses = [
    (await postNotice(t, notice('T1', '1ZOLD1'))).statusCode, // #1 applied
    (await postNotice(t, notice('T1', '1ZOLD1'))).statusCode, // #2 duplicate
    (await postNotice(t, noticeText('unknown-order.xml'), { query: 'order_number=T77' })).statusCode, // #3 unmatched
    (await postNotice(t, noticeText('malformed.xml'))).statusCode, // #4 rejected
    (await postNotice(t, notice('T9', '1ZCANCEL'))).statusCode, // #5 flagged: the order is cancelled
  ]
  now = Date.now() - 10 * DAY
  statuses.push((await postNotice(t, notice('T2', '1ZRECENT'))).statusCode) // #6 applied, recent
  expect(statuses).toEqual([200, 200, 404, 400, 200, 200])
  await t.close()
  const path = t.config.databasePath
  const rows = () => {
    const db = new Database(path, { readonly: true })
    const r = db
      .prepare('SELECT id, outcome, length(body) AS bytes, body_size, body_pruned_at FROM ship_notices ORDER BY id')
      .all() as { id: number; outcome: string; bytes: number; body_size: number; body_pruned_at: number | null }[]
    db.close()
    return r
  }
  return { env: { DATABASE_PATH: path }, rows }
}

describe('notices prune', () => {
  it('drops the bodies of applied and duplicate notices past 90 days; unmatched, rejected, flagged and recent ones keep theirs', async () => {
    const { env, rows } = await journal()
    const before = rows()
    expect(before.map((r) => r.outcome)).toEqual(['applied', 'duplicate', 'unmatched', 'rejected', 'flagged', 'applied'])

    const dry = runCli(['notices', 'prune', '--dry-run', '--json'], env)
    expect(dry.code).toBe(0)
    const planned = JSON.parse(dry.stdout) as { notices: number; bytes: number; dryRun: boolean }
    expect(planned).toMatchObject({ notices: 2, bytes: (before[0]?.bytes ?? 0) + (before[1]?.bytes ?? 0), dryRun: true })
    expect(rows()).toEqual(before)

    const run = runCli(['notices', 'prune'], env)
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Dropped the raw bodies of 2 resolved notices received before \S+Z \(\d+ bytes\); their journal rows stay\.\n$/)
    const after = rows()
    expect(after.map((r) => [r.id, r.bytes === 0, r.body_pruned_at !== null])).toEqual([
      [1, true, true],
      [2, true, true],
      [3, false, false],
      [4, false, false],
      [5, false, false],
      [6, false, false],
    ])
    // The row keeps what it said; only the bytes are gone.
    expect(after.map((r) => r.body_size)).toEqual(before.map((r) => r.body_size))
    expect(runCli(['notices', 'show', '1'], env).stdout).toMatch(/body: {9}\d+ bytes, dropped \S+Z by the retention rule/)
    expect(JSON.parse(runCli(['notices', 'prune', '--json'], env).stdout).notices).toBe(0)

    const shorter = runCli(['notices', 'prune', '--older-than', '5', '--json'], env)
    expect(JSON.parse(shorter.stdout).notices).toBe(1)
    expect(rows().map((r) => r.bytes === 0)).toEqual([true, true, false, false, false, true])
  })

  it('the retention comes from noticeBodyRetentionDays; bad arguments are a usage error', async () => {
    const { env } = await journal()
    const longer = runCli(['notices', 'prune', '--dry-run', '--json'], {
      ...env,
      CONFIG_FILE: configFile({ noticeBodyRetentionDays: 365 }),
    })
    expect(JSON.parse(longer.stdout).notices).toBe(0)
    for (const bad of [['--older-than'], ['--older-than', '0'], ['--older-than', 'x'], ['--bogus']]) {
      expect(runCli(['notices', 'prune', ...bad], env).code).toBe(2)
    }
  })
})

describe('pruneNoticeBodies: "daily"', () => {
  it('the server prunes at start (and every 24 hours) and logs what it dropped', async () => {
    const { env, rows } = await journal()
    const s = await startServer(env.DATABASE_PATH, { CONFIG_FILE: configFile({ pruneNoticeBodies: 'daily' }) })
    try {
      const deadline = Date.now() + 10_000
      while (!/notice bodies past the retention period dropped/.test(s.output()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50))
      }
      const line = s
        .output()
        .split('\n')
        .find((l) => l.includes('notice bodies past the retention period dropped'))
      expect(JSON.parse(line ?? '{}')).toMatchObject({ level: 30, notices: 2 })
      expect(rows().map((r) => r.bytes === 0)).toEqual([true, true, false, false, false, false])
    } finally {
      s.child.kill('SIGTERM')
      await s.exited
    }
  })
})
