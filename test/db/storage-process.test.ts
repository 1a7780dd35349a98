// Storage and the real process: refusing to start on an unusable file, a write lock held by another process, import under load.

import { execFileSync, spawn } from 'node:child_process'
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { Database, SQLITE_ENTRY } from '../../src/db/sqlite.js'
import { API_BASIC } from '../helpers/api.js'
import { SS_BASIC } from '../helpers/app.js'
import { tempDir } from '../helpers/cli.js'
import { makeOrder } from '../helpers/orders.js'
import { runServerToExit, type ServerProcess, startServer } from '../helpers/server-process.js'

const BIN = fileURLToPath(new URL('../../bin/sophio-shipstation.js', import.meta.url))

const undo: (() => void)[] = []
const servers: ServerProcess[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGKILL')
    await s.exited
  }
  while (undo.length > 0) undo.pop()?.()
})

function freeze(path: string): void {
  execFileSync('chattr', ['+i', path])
  undo.push(() => execFileSync('chattr', ['-i', path]))
}

/** A database made by the service itself: started once, stopped cleanly. */
async function madeDatabase(dir: string): Promise<string> {
  const path = join(dir, 'store.db')
  const s = await startServer(path)
  s.child.kill('SIGTERM')
  expect((await s.exited).code).toBe(0)
  return path
}

const postOrder = (base: string, n: number) =>
  fetch(`${base}/createorder.wws?action=CREATE`, {
    method: 'POST',
    headers: { authorization: API_BASIC },
    body: JSON.stringify(makeOrder(n)),
  })

/** Another process that takes the write lock (BEGIN IMMEDIATE) and keeps it for `ms`. */
function holdWriteLock(path: string, ms: number): Promise<{ released: Promise<number> }> {
  const script = `
    const Database = require(${JSON.stringify(SQLITE_ENTRY)})
    const db = new Database(${JSON.stringify(path)})
    db.exec('BEGIN IMMEDIATE')
    process.stdout.write('locked\\n')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms})
    db.exec('ROLLBACK')
    process.stdout.write('released\\n')
    db.close()`
  const child = spawn(process.execPath, ['-e', script])
  return new Promise((resolve, reject) => {
    let released: (t: number) => void = () => {}
    const done = new Promise<number>((r) => {
      released = r
    })
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString()
      if (text.includes('locked')) resolve({ released: done })
      if (text.includes('released')) released(Date.now())
    })
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`lock holder exited ${code}`))
    })
  })
}

describe('start-up refuses a database it cannot write or trust (exit 2, naming DATABASE_PATH)', () => {
  const refused = (r: { code: number | null; output: string }, path: string, why: RegExp) => {
    expect(r.code).toBe(2)
    expect(r.output).toContain(`DATABASE_PATH: the database at ${path} cannot be used`)
    expect(r.output).toMatch(why)
    expect(r.output).not.toMatch(/\n\s+at /)
  }

  it('an immutable file (chattr +i)', async () => {
    const path = await madeDatabase(tempDir())
    freeze(path)
    refused(await runServerToExit(path), path, /readonly/)
  })

  it('an immutable folder (SQLite cannot create -wal and -shm)', async () => {
    const dir = tempDir()
    const path = await madeDatabase(dir)
    freeze(dir)
    refused(await runServerToExit(path), path, /unable to open|readonly/)
  })

  it('a file of mode 0444 for the user the service runs as', async () => {
    const dir = tempDir()
    const path = await madeDatabase(dir)
    chmodSync(dir, 0o777)
    chmodSync(path, 0o444)
    const nobody = Number(execFileSync('id', ['-u', 'nobody']).toString())
    refused(await runServerToExit(path, {}, { uid: nobody, gid: nobody }), path, /readonly/)
  })

  it('a damaged file (quick_check at start)', async () => {
    const path = await madeDatabase(tempDir())
    const db = new Database(path)
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'order_lines'").pluck().get() as number
    db.close()
    const fd = openSync(path, 'r+')
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (root - 1) * pageSize)
    closeSync(fd)
    refused(await runServerToExit(path), path, /damaged|malformed/)
  })
})

describe('a write lock held by another process', () => {
  it('health and reads keep answering while a write waits; the write completes once the lock is free', async () => {
    const path = join(tempDir(), 'busy.db')
    const s = await startServer(path)
    servers.push(s)
    expect((await postOrder(s.base, 1)).status).toBe(201)

    const lock = await holdWriteLock(path, 2500)
    const write = postOrder(s.base, 2).then((r) => ({ status: r.status, at: Date.now() }))
    const answered: number[] = []
    const latencies: number[] = []
    for (let i = 0; i < 10; i++) {
      const t0 = Date.now()
      const h = await fetch(`${s.base}/healthz`)
      const exp = await fetch(
        `${s.base}/shipstation?action=export&start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59`,
        { headers: { authorization: SS_BASIC } },
      )
      expect([h.status, exp.status]).toEqual([200, 200])
      await exp.text()
      answered.push(Date.now())
      latencies.push(Date.now() - t0)
      await new Promise((r) => setTimeout(r, 50))
    }
    const releasedAt = await lock.released
    const w = await write
    // Every health check and export was answered while the lock was still held, the write only after.
    expect(answered.every((t) => t < releasedAt)).toBe(true)
    expect(w.status).toBe(201)
    expect(w.at).toBeGreaterThanOrEqual(releasedAt)
    console.log(`healthz+export while a write waited for the lock: max ${Math.max(...latencies)} ms (10 pairs)`)
  })

  it('a lock held past the wait: 503 STORAGE_BUSY with Retry-After, nothing stored', async () => {
    const path = join(tempDir(), 'busy.db')
    const s = await startServer(path)
    servers.push(s)
    const lock = await holdWriteLock(path, 7000)
    const res = await postOrder(s.base, 3)
    const at = Date.now()
    expect(res.status).toBe(503)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('STORAGE_BUSY')
    expect(at).toBeLessThan(await lock.released)
    const read = await fetch(`${s.base}/api/orders/T3`, { headers: { authorization: API_BASIC } })
    expect(read.status).toBe(404)
  })
})

describe('import while the server writes', () => {
  it('20,000 orders imported under ~100 notices/s from two clients: every order stored, no notice failed', async () => {
    const dir = tempDir()
    const path = join(dir, 'load.db')
    const s = await startServer(path)
    servers.push(s)
    for (let i = 0; i < 20; i++) expect((await postOrder(s.base, 900_000 + i)).status).toBe(201)
    const file = join(dir, 'orders.ndjson')
    const lines: string[] = []
    for (let i = 0; i < 20_000; i++) lines.push(JSON.stringify(makeOrder(i)))
    writeFileSync(file, `${lines.join('\n')}\n`)

    const importer = spawn(process.execPath, [BIN, 'import', file], {
      env: { PATH: process.env.PATH ?? '', DATABASE_PATH: path },
    })
    let output = ''
    importer.stdout.on('data', (d: Buffer) => {
      output += d.toString()
    })
    importer.stderr.on('data', (d: Buffer) => {
      output += d.toString()
    })
    const imported = new Promise<number | null>((r) => importer.on('exit', (code) => r(code)))
    let running = true
    void imported.then(() => {
      running = false
    })
    const statuses: number[] = []
    const client = async (c: number) => {
      // Bounded: stops with the import, and after 2,000 notices at most.
      for (let i = 0; running && i < 1000; i++) {
        const body = `<ShipNotice><OrderNumber>T${900_000 + (i % 20)}</OrderNumber><TrackingNumber>1ZLOAD${c}${String(i).padStart(6, '0')}</TrackingNumber></ShipNotice>`
        const res = await fetch(`${s.base}/shipstation?action=shipnotify`, {
          method: 'POST',
          headers: { authorization: SS_BASIC },
          body,
        })
        await res.text()
        statuses.push(res.status)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    await Promise.all([client(1), client(2)])
    expect(await imported).toBe(0)
    expect(output).toMatch(/20000 records in [\d.]+ s: 20000 created, 0 updated, 0 unchanged, 0 rejected/)
    expect(statuses.length).toBeGreaterThan(20)
    expect(statuses.filter((st) => st !== 200)).toEqual([])
    const db = new Database(path, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(20_020)
    expect(db.prepare('SELECT count(*) FROM shipments').pluck().get()).toBe(statuses.length)
    db.close()
  }, 180_000)
})
