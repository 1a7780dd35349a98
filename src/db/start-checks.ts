// Before the service answers anything: the database must be writable and, when small enough to check fast, sound.

import { statSync } from 'node:fs'
import type { Db } from './open.js'
import { type StorageFaultKind, storageFaultKindOf } from './storage-faults.js'

/**
 * `PRAGMA quick_check` reads every page: measured at ~0.2 s for 100 MiB and ~1 s for 512 MiB on these
 * machines with a cold cache, so it runs at start for files up to this size (`doctor` checks any size).
 */
export const QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024

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
