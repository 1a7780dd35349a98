// Before the service answers anything: the database must be writable and, when small enough to check fast, sound.

import { statSync } from 'node:fs'
import type { Db } from './open.js'
import { type StorageFaultKind, storageFaultKindOf } from './storage-faults.js'

/**
 * `PRAGMA quick_check` reads every page. Measured here (2 cores, shared disk): 95 MiB in 0.18 s with the
 * file in the page cache (a restart) but 6.0 s cold (after a reboot), 379 MiB in 0.49 s / 19.7 s, 789 MiB in
 * 0.96 s / 28.4 s. So it runs at start only for files up to 64 MiB (a few seconds at worst); `doctor`
 * checks any size.
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024

export class StorageStartError extends Error {
  constructor(
    readonly kind: StorageFaultKind | 'not-writable',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Refuses a database the service could not keep promises with: read-only (file mode, immutable flag,
 * read-only mount, a folder where SQLite cannot create its -wal and -shm) or damaged. A write is tried
 * inside a transaction that is rolled back, so nothing changes.
 */
export function checkStorageAtStart(db: Db): void {
  if (db.memory) return
  const path = db.name
  if (db.readonly) throw new StorageStartError('readonly', `${path} is open read-only`)
  try {
    db.exec('BEGIN IMMEDIATE')
    try {
      const version = db.pragma('user_version', { simple: true }) as number
      db.pragma(`user_version = ${version}`)
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK')
    }
  } catch (err) {
    const kind = storageFaultKindOf(err)
    if (!kind) throw err
    throw new StorageStartError(kind, `${path} cannot be written: ${(err as Error).message}`)
  }
  if (statSync(path).size > QUICK_CHECK_MAX_BYTES) return
  let result: string[]
  try {
    result = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check)
  } catch (err) {
    if (!storageFaultKindOf(err)) throw err
    throw new StorageStartError('corrupt', `${path} is damaged: ${(err as Error).message}`)
  }
  if (result.length !== 1 || result[0] !== 'ok') {
    throw new StorageStartError('corrupt', `${path} is damaged: ${result.join('; ')}`)
  }
}
