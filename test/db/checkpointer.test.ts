// The background checkpointer on a real file: commits never checkpoint, the thread does, a stall is logged.

import { spawnSync } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Database } from '../../src/db/sqlite.js'
import { afterEach, describe, expect, it } from 'vitest'
import { type Checkpointer, type CheckpointerOptions, startCheckpointer } from '../../src/db/checkpointer.js'
import { type Db, openDatabase } from '../../src/db/open.js'
import { tempDir } from '../helpers/cli.js'

interface Line {
  level: 'info' | 'warn' | 'error'
  obj: Record<string, unknown>
  msg: string | undefined
}

const running: { db: Db; checkpointer: Checkpointer }[] = []
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.checkpointer.stop()
    if (r.db.open) r.db.close()
  }
})

/** A migrated file database with the checkpointer on it, a table of blobs to write, and the log lines. */
function setup(opts: CheckpointerOptions) {
  const file = join(tempDir(), 'ckpt.db')
  const db = openDatabase(file, { create: true })
  db.exec('CREATE TABLE blobs (b BLOB NOT NULL) STRICT')
  const lines: Line[] = []
  const at = (level: Line['level']) => (obj: object, msg?: string) =>
    void lines.push({ level, obj: obj as Record<string, unknown>, msg })
  const checkpointer = startCheckpointer(db, file, { info: at('info'), warn: at('warn'), error: at('error') }, opts)
  running.push({ db, checkpointer })
  const insert = db.prepare('INSERT INTO blobs (b) VALUES (randomblob(?))')
  /** `n` commits of 100 KiB each. */
  const write = (n: number) => {
    for (let i = 0; i < n; i++) insert.run(100 * 1024)
  }
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0)
  return { file, db, lines, checkpointer, write, dbBytes: () => size(file), walBytes: () => size(`${file}-wal`) }
}

async function until(what: string, ok: () => boolean, tick?: () => void): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    tick?.()
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('background checkpointer', () => {
  it('takes checkpoints out of commits: 10 MB committed stay in the WAL while the thread waits', () => {
    // The thread's first look is an hour away: whatever reaches the database file would be a commit's doing.
    const s = setup({ intervalMs: 3_600_000 })
    const before = s.dbBytes()
    s.write(100)
    expect(s.walBytes()).toBeGreaterThan(100 * 100 * 1024)
    // SQLite's default would have checkpointed (and grown the file) at every 1000 pages, about 4 MiB.
    expect(s.dbBytes()).toBe(before)
    expect(s.db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(100)
  })

  it('copies the WAL into the database file in the background and truncates it once idle', async () => {
    const s = setup({ intervalMs: 50, idleMs: 300 })
    s.write(100)
    await until('the WAL to be truncated', () => s.walBytes() === 0)
    expect(s.dbBytes()).toBeGreaterThan(100 * 100 * 1024)
    // Another connection reads it all from the database file alone.
    const other = new Database(s.file, { readonly: true })
    expect(other.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(100)
    other.close()
    expect(s.lines.filter((l) => l.level !== 'info')).toEqual([])
  })

  it('logs a WAL that keeps growing because checkpoints cannot complete, and when they complete again', async () => {
    const s = setup({ intervalMs: 50, idleMs: 300, stallMs: 500 })
    s.write(5)
    // A reader holding its snapshot: no frame written after it can be copied back, so the WAL only grows.
    const reader = new Database(s.file, { readonly: true })
    reader.exec('BEGIN')
    reader.prepare('SELECT count(*) FROM blobs').get()
    await until(
      'the stall warning',
      () => s.lines.some((l) => l.level === 'warn'),
      () => s.write(1),
    )
    const warn = s.lines.find((l) => l.level === 'warn') as Line
    expect(warn.msg).toMatch(/^WAL checkpoints have not completed for \d+ s and the WAL grew by [\d.]+ MiB to/)
    expect(warn.obj.walBytes).toBeGreaterThan(5 * 100 * 1024)
    expect(warn.obj.grownBytes).toBeGreaterThan(0)
    expect(warn.obj.framesLeft).toBeGreaterThan(0)
    // Once: not every look while it lasts.
    s.write(5)
    await new Promise((r) => setTimeout(r, 300))
    expect(s.lines.filter((l) => l.level === 'warn')).toHaveLength(1)
    reader.exec('COMMIT')
    reader.close()
    await until('the recovery line', () => s.lines.some((l) => l.msg?.startsWith('WAL checkpoints complete again')))
    await until('the WAL to be truncated', () => s.walBytes() === 0)
  })

  it('stop() ends the thread: the request connection, closed last, removes the WAL', async () => {
    const s = setup({ intervalMs: 50, idleMs: 100 })
    s.write(3)
    // The thread has its connection open once it has truncated the WAL.
    await until('the WAL to be truncated', () => s.walBytes() === 0)
    s.write(3)
    await s.checkpointer.stop()
    s.db.close()
    expect(existsSync(`${s.file}-wal`)).toBe(false)
  })

  it('never keeps the process alive', () => {
    const dir = tempDir()
    const file = join(dir, 'alive.db')
    openDatabase(file, { create: true }).close()
    const dist = (p: string) => fileURLToPath(new URL(`../../dist/${p}`, import.meta.url))
    // Started and never stopped: the process must still end by itself once its own work is done.
    const script = `
      import { openDatabase } from ${JSON.stringify(dist('db/open.js'))}
      import { startCheckpointer } from ${JSON.stringify(dist('db/checkpointer.js'))}
      const db = openDatabase(${JSON.stringify(file)}, { create: false })
      startCheckpointer(db, ${JSON.stringify(file)}, console, { intervalMs: 20 })
      db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)')
      setTimeout(() => console.log('done'), 300)`
    writeFileSync(join(dir, 'alive.mjs'), script)
    const r = spawnSync(process.execPath, [join(dir, 'alive.mjs')], { encoding: 'utf8', timeout: 15_000 })
    expect(r.stderr).toBe('')
    expect([r.status, r.stdout]).toEqual([0, 'done\n'])
  })
})
