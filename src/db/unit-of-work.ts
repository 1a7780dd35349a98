// The unit of work: every transaction — BEGIN IMMEDIATE, commit, rollback, savepoints, group commit, busy retries.

import type { Db } from './open.js'
import type { Repos } from './repos.js'
import type { StorageGuard } from './storage-guard.js'
import { storageFaultKindOf } from './storage-faults.js'

/** The repositories of one transaction, and savepoints inside it. */
export type Tx<R = Repos> = R & {
  /** Runs `fn` in a savepoint: when it throws, its writes are undone and the transaction goes on. */
  savepoint<T>(fn: () => Promise<T>): Promise<T>
}

export interface WriteOptions {
  /** How long to wait for the write lock in all (default REQUEST_LOCK_WAIT_MS), then 503 STORAGE_BUSY. */
  maxWaitMs?: number
  /**
   * Share a transaction (and its disk sync) with the other grouped writes that arrive in the same turn of
   * the event loop; each runs in its own savepoint, so one failing rejects alone.
   */
  group?: boolean
}

export interface UnitOfWork<R = Repos> {
  /** Reads that see one consistent state: no write transaction of this process is open while they run. */
  read<T>(fn: (repos: R) => Promise<T>): Promise<T>
  /** One write transaction: resolves once it is committed (on disk), rejects with nothing kept. */
  write<T>(fn: (tx: Tx<R>) => Promise<T>, opts?: WriteOptions): Promise<T>
}

/**
 * How long one attempt at the write lock may block the event loop (SQLite's busy handler sleeps in the
 * calling thread). Short, so /healthz and export reads keep answering while a write waits.
 */
export const BUSY_TIMEOUT_MS = 10

/** How long a request waits for the write lock in all, before a 503 STORAGE_BUSY. */
export const REQUEST_LOCK_WAIT_MS = 5000

const BACKOFF_FIRST_MS = 5
const BACKOFF_MAX_MS = 100

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown }

interface Grouped {
  fn: (tx: Tx<never>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (reason: unknown) => void
}

/**
 * SQLite, one connection. The write lock is taken up front (IMMEDIATE), so a transaction never fails
 * half-way for want of it; while another process holds it, the wait is asynchronous with jittered backoff
 * up to `maxWaitMs`. Within this process one write transaction runs at a time, and reads wait while one is
 * open (they would see its uncommitted rows on the shared connection); a transaction's body awaits only
 * this engine's settled promises, so it stays open for microseconds. After COMMIT the guard looks at the
 * file once more: a commit into a file deleted or replaced at its path is not acknowledged. A storage fault
 * comes out as StorageError (503); anything else as itself. Use the `tx` handed in, never `read`, inside a
 * write: the read would wait for the write to end.
 */
export function sqliteUnitOfWork<R extends object>(db: Db, guard: StorageGuard, repos: R): UnitOfWork<R> {
  let open = false
  let readers = 0
  let wakers: (() => void)[] = []
  let writers: Promise<unknown> = Promise.resolve()
  let depth = 0
  let grouped: Grouped[] = []

  const changed = () => new Promise<void>((resolve) => wakers.push(resolve))
  const wake = () => {
    const w = wakers
    wakers = []
    for (const resolve of w) resolve()
  }

  const savepoint = async <T>(fn: () => Promise<T>): Promise<T> => {
    const name = `sp${++depth}`
    db.exec(`SAVEPOINT ${name}`)
    try {
      const out = await fn()
      db.exec(`RELEASE ${name}`)
      return out
    } catch (err) {
      // A fault such as SQLITE_FULL may have rolled the whole transaction back already: nothing to undo here.
      if (db.inTransaction) {
        db.exec(`ROLLBACK TO ${name}`)
        db.exec(`RELEASE ${name}`)
      }
      throw err
    } finally {
      depth--
    }
  }
  const tx = { ...repos, savepoint } as Tx<R>

  /** One writer after another, in call order. */
  function exclusive<T>(run: () => Promise<T>): Promise<T> {
    const next = writers.then(run, run)
    writers = next.catch(() => undefined)
    return next
  }

  async function transaction<T>(fn: (tx: Tx<R>) => Promise<T>, maxWaitMs: number): Promise<T> {
    guard.assertWritable()
    const deadline = Date.now() + maxWaitMs
    let backoff = BACKOFF_FIRST_MS
    for (;;) {
      while (readers > 0) await changed()
      try {
        db.exec('BEGIN IMMEDIATE')
        open = true
        break
      } catch (err) {
        if (storageFaultKindOf(err) !== 'busy' || Date.now() >= deadline) throw guard.translate(err)
      }
      await sleep(backoff / 2 + Math.random() * backoff)
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS)
    }
    let out: T
    try {
      out = await fn(tx)
      db.exec('COMMIT')
    } catch (err) {
      rollback(db)
      throw guard.translate(err)
    } finally {
      open = false
      wake()
    }
    guard.assertWritable()
    return out
  }

  async function flushGroup(): Promise<void> {
    const jobs = grouped
    grouped = []
    let outcomes: Outcome<unknown>[]
    try {
      outcomes = await exclusive(() =>
        transaction(async (t) => {
          const done: Outcome<unknown>[] = []
          for (const job of jobs) {
            try {
              done.push({ ok: true, value: await t.savepoint(() => job.fn(t as Tx<never>)) })
            } catch (error) {
              // The transaction itself is gone (a storage fault rolled it back): the whole batch fails.
              if (!db.inTransaction) throw error
              done.push({ ok: false, error })
            }
          }
          return done
        }, REQUEST_LOCK_WAIT_MS),
      )
    } catch (error) {
      for (const job of jobs) job.reject(error)
      return
    }
    outcomes.forEach((o, i) => {
      const job = jobs[i] as Grouped
      if (o.ok) job.resolve(o.value)
      else job.reject(o.error)
    })
  }

  return {
    async read(fn) {
      while (open) await changed()
      readers++
      try {
        return await fn(repos)
      } finally {
        readers--
        if (readers === 0) wake()
      }
    },
    write(fn, opts) {
      if (opts?.group) {
        return new Promise((resolve, reject) => {
          grouped.push({ fn: fn as Grouped['fn'], resolve: resolve as Grouped['resolve'], reject })
          if (grouped.length === 1) setImmediate(() => void flushGroup())
        })
      }
      return exclusive(() => transaction(fn, opts?.maxWaitMs ?? REQUEST_LOCK_WAIT_MS))
    },
  }
}

/** After a failed statement SQLite may have rolled back already; a failing ROLLBACK changes nothing more. */
function rollback(db: Db): void {
  try {
    if (db.inTransaction) db.exec('ROLLBACK')
  } catch {
    // The connection stays usable: the next BEGIN will say what is wrong.
  }
}

/**
 * The server waits for the lock in the unit of work (asynchronously), so its connection's own busy wait —
 * which sleeps in the event loop — is kept short. CLI commands keep open.ts's longer one: nothing else runs.
 */
export function useShortBusyWait(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
}
