// One write transaction: BEGIN IMMEDIATE taken without freezing the event loop, committed, checked before any 2xx.

import type { Db } from './open.js'
import type { StorageGuard } from './storage-guard.js'
import { storageFaultKindOf } from './storage-faults.js'

/** Runs `fn` (synchronous: no await between BEGIN and COMMIT) in one write transaction. */
export type Write = <T>(fn: () => T, opts?: { maxWaitMs?: number }) => Promise<T>

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

/**
 * The lock is taken up front (IMMEDIATE), so a transaction never fails half-way for want of it (a deferred
 * BEGIN that later upgrades gets "database is locked" with no retry possible). While another process holds
 * it, waits asynchronously with backoff (jittered, so two waiting processes do not retry in step) up to
 * `maxWaitMs`. After COMMIT the guard looks at the file once more: a commit into a file deleted or replaced
 * at its path is not acknowledged. A storage fault comes out as StorageError (503); anything else as itself.
 */
export function writer(db: Db, guard: StorageGuard): Write {
  return async (fn, opts) => {
    guard.assertWritable()
    const deadline = Date.now() + (opts?.maxWaitMs ?? REQUEST_LOCK_WAIT_MS)
    let backoff = BACKOFF_FIRST_MS
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE')
        break
      } catch (err) {
        if (storageFaultKindOf(err) !== 'busy' || Date.now() >= deadline) throw guard.translate(err)
      }
      await sleep(backoff / 2 + Math.random() * backoff)
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS)
    }
    let out: ReturnType<typeof fn>
    try {
      out = fn()
      db.exec('COMMIT')
    } catch (err) {
      rollback(db)
      throw guard.translate(err)
    }
    guard.assertWritable()
    return out
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
 * The server waits for the lock in `writer` (asynchronously), so its connection's own busy wait — which
 * sleeps in the event loop — is kept short. CLI commands keep open.ts's longer one: nothing else runs there.
 */
export function useShortBusyWait(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
}
