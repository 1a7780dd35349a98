// `sophio-shipstation backup FILE`: a consistent, checked copy taken while the real service takes a notice burst.

import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Database } from '../../src/db/sqlite.js'
import { describe, expect, it } from 'vitest'
import { API_BASIC } from '../helpers/api.js'
import { SS_BASIC } from '../helpers/app.js'
import { createDatabase, runCli, runCliAsync, tempDir } from '../helpers/cli.js'
import { makeOrder } from '../helpers/orders.js'
import { startServer } from '../helpers/server-process.js'

const ORDERS = 40
const BURST = 600
const WORKERS = 8

const tracking = (i: number) => `1ZBACKUP${String(i).padStart(6, '0')}`

function postNotice(base: string, i: number): Promise<number> {
  const notice = `<ShipNotice><OrderNumber>S${i % ORDERS}</OrderNumber><Carrier>UPS</Carrier><TrackingNumber>${tracking(i)}</TrackingNumber></ShipNotice>`
  return fetch(`${base}/shipstation?action=shipnotify`, {
    method: 'POST',
    headers: { authorization: SS_BASIC, 'content-type': 'text/xml' },
    body: notice,
  }).then(async (res) => {
    await res.text()
    return res.status
  })
}

describe('backup', () => {
  it('during a notice burst: the copy opens, passes integrity_check and holds every notice acknowledged before it began', async () => {
    const dir = tempDir()
    const file = join(dir, 'live.db')
    const copy = join(dir, 'copy.db')
    const server = await startServer(file)
    try {
      for (let i = 0; i < ORDERS; i++) {
        const res = await fetch(`${server.base}/createorder.wws?action=CREATE`, {
          method: 'POST',
          headers: { authorization: API_BASIC },
          body: JSON.stringify(makeOrder(20_000 + i, { orderNumber: `S${i}`, orderKey: `backup-${i}` })),
        })
        expect(res.status).toBe(201)
      }
      // A reader holding its snapshot (as a long export drain would) keeps every notice of the burst in the WAL
      // only: a copy of the database file alone (cp) would hold none of them.
      const pin = new Database(file, { readonly: true })
      pin.exec('BEGIN')
      pin.prepare('SELECT count(*) FROM orders').get()
      const acknowledged = new Set<number>()
      let next = 0
      let backup: Promise<Awaited<ReturnType<typeof runCliAsync>>> | undefined
      let before: number[] = []
      const worker = async () => {
        while (next < BURST) {
          const i = next++
          const status = await postNotice(server.base, i)
          expect(status).toBe(200)
          acknowledged.add(i)
          if (acknowledged.size === BURST / 3 && !backup) {
            // What the copy must hold: every notice answered 200 before the backup started.
            before = [...acknowledged]
            backup = runCliAsync(['backup', copy], { DATABASE_PATH: file })
          }
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, worker))
      const r = await (backup as NonNullable<typeof backup>)
      pin.exec('COMMIT')
      pin.close()
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^backup written to .*copy\.db in [\d.]+ s: integrity ok, 40 orders, \d+ notices/)

      const db = new Database(copy, { readonly: true, fileMustExist: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        const kept = new Set(db.prepare('SELECT tracking_number FROM shipments').pluck().all() as string[])
        const journaled = db.prepare('SELECT count(*) FROM ship_notices').pluck().get() as number
        const missing = before.filter((i) => !kept.has(tracking(i)))
        console.log(
          `backup: ${before.length} notices acknowledged before the backup started, ${kept.size} in the copy, ` +
            `${acknowledged.size} acknowledged by the end of the burst`,
        )
        expect(before.length).toBe(BURST / 3)
        expect(missing).toEqual([])
        expect(journaled).toBe(kept.size)
        // The command's counts are the copy's.
        expect(r.stdout).toContain(`${journaled} notices, ${kept.size} shipments`)
      } finally {
        db.close()
      }
      // A single, self-contained file (no -wal to carry along), readable only by its owner.
      expect(readdirSync(dir).filter((f) => f.startsWith('copy') || f.startsWith('.copy'))).toEqual(['copy.db'])
      expect((statSync(copy).mode & 0o777).toString(8)).toBe('600')
    } finally {
      server.child.kill('SIGTERM')
      await server.exited
    }
  }, 60_000)

  it('refuses an existing file unless --force, and the live database itself', () => {
    const dir = tempDir()
    const env = { DATABASE_PATH: join(dir, 'live.db') }
    createDatabase(env.DATABASE_PATH)
    const target = join(dir, 'old.db')
    writeFileSync(target, 'an older backup')
    const refused = runCli(['backup', target], env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toBe(`sophio-shipstation: backup refused: ${target} exists; --force replaces it\n`)
    expect(statSync(target).size).toBe('an older backup'.length)

    const forced = runCli(['backup', target, '--force', '--json'], env)
    expect(forced.code).toBe(0)
    expect(JSON.parse(forced.stdout)).toMatchObject({ file: target, integrity: 'ok', orders: 0, notices: 0 })
    const db = new Database(target, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
    db.close()

    const self = runCli(['backup', env.DATABASE_PATH, '--force'], env)
    expect(self.code).toBe(1)
    expect(self.stderr).toContain('is the live database')
    expect(runCli(['backup', join(dir, 'nowhere', 'x.db')], env).stderr).toContain('nowhere does not exist')
    expect(existsSync(join(dir, 'nowhere'))).toBe(false)
  })

  it('usage errors exit 2; --help explains how to restore', () => {
    const env = { DATABASE_PATH: join(tempDir(), 'live.db') }
    expect(runCli(['backup'], env).code).toBe(2)
    expect(runCli(['backup', 'a.db', 'b.db'], env).code).toBe(2)
    expect(runCli(['backup', 'a.db', '--bogus'], env).code).toBe(2)
    const help = runCli(['backup', '--help'], env)
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('To restore: stop the service, replace the database file with the copy')
  })
})
