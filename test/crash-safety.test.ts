// The process under SIGKILL mid-burst (nothing answered 2xx is lost), SIGTERM (drains, exits 0), and schema versions.

import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from '../src/db/migrations.js'
import { Database } from '../src/db/sqlite.js'
import { API_BASIC } from './helpers/api.js'
import { SS_BASIC } from './helpers/app.js'
import { tempDir } from './helpers/cli.js'
import { makeOrder } from './helpers/orders.js'
import { runServerToExit, startServer } from './helpers/server-process.js'

/** Requests in the burst; the process is killed once half of them have been answered (the rest are never sent). */
const BURST = 400
const WORKERS = 16

interface Sent {
  kind: 'createorder' | 'shipnotify'
  /** The order number created, or the tracking number shipped. */
  key: string
  status: number | null
}

function burstRequest(base: string, i: number): { sent: Sent; go: () => Promise<Response> } {
  if (i % 2 === 0) {
    const number = `C${i}`
    return {
      sent: { kind: 'createorder', key: number, status: null },
      go: () =>
        fetch(`${base}/createorder.wws?action=CREATE`, {
          method: 'POST',
          headers: { authorization: API_BASIC, 'content-type': 'application/json' },
          body: JSON.stringify(makeOrder(i, { orderNumber: number, orderKey: `crash-${i}` })),
        }),
    }
  }
  const tracking = `1ZCRASH${String(i).padStart(6, '0')}`
  // Seeded orders S0..S49 take the notices in turn; each notice is its own package (its own tracking number).
  const notice = `<ShipNotice><OrderNumber>S${i % 50}</OrderNumber><Carrier>UPS</Carrier><TrackingNumber>${tracking}</TrackingNumber></ShipNotice>`
  return {
    sent: { kind: 'shipnotify', key: tracking, status: null },
    go: () =>
      fetch(`${base}/shipstation?action=shipnotify`, {
        method: 'POST',
        headers: { authorization: SS_BASIC, 'content-type': 'text/xml' },
        body: notice,
      }),
  }
}

describe('crash safety', () => {
  it('SIGKILL in the middle of a burst: every request answered 2xx is there exactly once after a restart', async () => {
    const file = join(tempDir(), 'crash.db')
    const first = await startServer(file)
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${first.base}/createorder.wws?action=CREATE`, {
        method: 'POST',
        headers: { authorization: API_BASIC },
        body: JSON.stringify(makeOrder(10_000 + i, { orderNumber: `S${i}`, orderKey: `seed-${i}` })),
      })
      expect(res.status).toBe(201)
    }
    const sent: Sent[] = []
    let next = 0
    let answered = 0
    let killed = false
    const worker = async () => {
      while (next < BURST && !killed) {
        const r = burstRequest(first.base, next++)
        sent.push(r.sent)
        try {
          const res = await r.go()
          await res.text()
          // A status counts only once the whole answer arrived: that is what a client would have seen.
          r.sent.status = res.status
        } catch {
          // The process died under this request: no answer, no promise made.
        }
        if (++answered >= BURST / 2 && !killed) {
          killed = true
          first.child.kill('SIGKILL')
        }
      }
    }
    await Promise.all(Array.from({ length: WORKERS }, worker))
    expect((await first.exited).signal).toBe('SIGKILL')

    const second = await startServer(file)
    const ok = await fetch(`${second.base}/api/orders/S0`, { headers: { authorization: API_BASIC } })
    expect(ok.status).toBe(200)
    second.child.kill('SIGTERM')
    expect((await second.exited).code).toBe(0)

    const db = new Database(file, { readonly: true })
    const orders = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM orders WHERE order_number = ?')
    const shipments = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM shipments WHERE tracking_number = ?',
    )
    const countOf = (s: Sent) => (s.kind === 'createorder' ? orders : shipments).get(s.key)?.n ?? 0
    const acknowledged = sent.filter((s) => s.status !== null && s.status >= 200 && s.status < 300)
    const lost = acknowledged.filter((s) => countOf(s) !== 1)
    const unanswered = sent.filter((s) => s.status === null)
    const keptAnyway = unanswered.filter((s) => countOf(s) === 1).length
    const integrity = db.pragma('integrity_check', { simple: true })
    const twice = sent.filter((s) => countOf(s) > 1)
    db.close()
    console.log(
      `crash-safety: burst ${BURST} requests (${WORKERS} concurrent), SIGKILL after ${BURST / 2} answers: ` +
        `${sent.length} sent, ${acknowledged.length} acknowledged 2xx, ${lost.length} lost; ` +
        `${unanswered.length} in flight at the kill, ${keptAnyway} of those committed anyway`,
    )
    expect(sent.filter((s) => s.status !== null && (s.status < 200 || s.status >= 300))).toEqual([])
    expect(acknowledged.length).toBeGreaterThanOrEqual(BURST / 2)
    expect(lost).toEqual([])
    expect(integrity).toBe('ok')
    // Nothing is ever there twice, acknowledged or not.
    expect(twice).toEqual([])
  }, 60_000)
})

/** A POST whose body is sent in two parts, `pauseMs` apart; resolves with the status and body. */
function slowPost(port: number, path: string, headers: Record<string, string>, body: string, sendRest: Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = ''
        res.on('data', (d: Buffer) => {
          text += d.toString()
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
      },
    )
    req.on('error', reject)
    const half = Math.floor(body.length / 2)
    req.write(body.slice(0, half))
    void sendRest.then(() => req.end(body.slice(half)))
  })
}

describe('SIGTERM', () => {
  it('stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const file = join(tempDir(), 'term.db')
    const server = await startServer(file)
    let release = () => {}
    const rest = new Promise<void>((r) => {
      release = r
    })
    const inFlight = slowPost(
      server.port,
      '/createorder.wws?action=CREATE',
      { authorization: API_BASIC, 'content-type': 'application/json' },
      JSON.stringify(makeOrder(1)),
      rest,
    )
    // A request on another connection, answered after the POST's headers were sent: the server has read those
    // headers by then (one event loop), so the POST is in flight — a fixed sleep is not enough on a loaded machine.
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200)
    await new Promise((r) => setTimeout(r, 100))
    server.child.kill('SIGTERM')
    await new Promise((r) => setTimeout(r, 200))
    // No new connection is accepted while the one in flight finishes.
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow()
    release()
    const answer = await inFlight
    expect([answer.status, answer.status === 201 ? '' : answer.body]).toEqual([201, ''])
    expect((await server.exited).code).toBe(0)
    expect(server.output()).toContain('stopped: database closed')
    // Closed cleanly: the write-ahead log was checkpointed into the file and removed.
    expect(existsSync(`${file}-wal`)).toBe(false)
    const db = new Database(file, { readonly: true })
    expect(db.prepare('SELECT order_number FROM orders').pluck().all()).toEqual(['T1'])
    db.close()
  }, 30_000)
})

describe('schema versions at start-up', () => {
  it('refuses a database from a newer version with a clear message and leaves it untouched', async () => {
    const file = join(tempDir(), 'newer.db')
    const db = new Database(file)
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`)
    db.close()
    const run = await runServerToExit(file)
    expect(run.code).toBe(2)
    expect(run.output).toContain(
      `the database is at schema version ${SCHEMA_VERSION + 7}, newer than this program knows`,
    )
    expect(run.output).toContain('nothing was changed')
    const after = new Database(file, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 7)
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0)
    after.close()
  })

  it('migrates a database created by an older version and keeps its data', async () => {
    const file = join(tempDir(), 'older.db')
    const db = new Database(file)
    const first = MIGRATIONS[0]
    if (!first) throw new Error('no migrations')
    db.exec(first.sqlite)
    db.pragma(`user_version = ${first.version}`)
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'kept')").run()
    db.close()
    const server = await startServer(file)
    server.child.kill('SIGTERM')
    expect((await server.exited).code).toBe(0)
    const after = new Database(file, { readonly: true })
    expect(after.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(after.prepare("SELECT value FROM settings WHERE key = 'probe'").pluck().get()).toBe('kept')
    after.close()
  })
})
