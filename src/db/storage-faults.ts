// What a SQLite error says about the storage: disk full, read-only, busy, I/O, corrupt — or nothing (a bug).

import type { StorageFaultKind } from '../errors.js'

export { STORAGE_FAULT_KINDS, type StorageFaultKind } from '../errors.js'

/**
 * better-sqlite3 throws SqliteError with SQLite's extended result code name (`SQLITE_IOERR_FSYNC`, …).
 * Constraint violations, misuse and the like are not storage faults: they stay what they are.
 */
export function storageFaultKindOf(err: unknown): StorageFaultKind | undefined {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined
  if (code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_NOMEM') return 'full'
  if (code === 'SQLITE_READONLY_DBMOVED') return 'moved'
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_CANTOPEN') return 'readonly'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy'
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt'
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PROTOCOL') return 'io'
  return undefined
}
