// Database health for /readyz and `doctor`: reachable and at the current schema; a read-only look at a file.

import { statSync } from 'node:fs'
import { dirname } from 'node:path'
import { SCHEMA_VERSION } from './migrations.js'
import type { Db } from './open.js'
import { Database } from './sqlite.js'
import { notWritable } from './storage-guard.js'

export interface DatabaseHealth {
  reachable: boolean
  /** null when the database could not be read. */
  schemaVersion: number | null
  expectedVersion: number
  error?: string
}

export function healthRepo(db: Db) {
  const version = db.prepare<[], number>('PRAGMA user_version').pluck()
  return {
    /** Never throws: a failure is the answer. */
    check(): DatabaseHealth {
      try {
        return { reachable: true, schemaVersion: version.get() ?? 0, expectedVersion: SCHEMA_VERSION }
      } catch (e) {
        return { reachable: false, schemaVersion: null, expectedVersion: SCHEMA_VERSION, error: (e as Error).message }
      }
    },
  }
}

export type DatabaseInspection =
  | { exists: false }
  | { exists: true; db: Db; sizeBytes: number; journalMode: string; health: DatabaseHealth }

/**
 * Opens an existing database file read-only, creating and migrating nothing (`doctor` must not change what
 * it diagnoses). The caller closes `db`. Throws when the file exists but is not a readable SQLite database.
 */
export function inspectDatabaseFile(path: string): DatabaseInspection {
  let sizeBytes: number
  try {
    sizeBytes = statSync(path).size
  } catch {
    return { exists: false }
  }
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const journalMode = String(db.prepare('PRAGMA journal_mode').pluck().get())
    return { exists: true, db, sizeBytes, journalMode, health: healthRepo(db).check() }
  } catch (e) {
    db.close()
    throw e
  }
}

export interface StorageInspection {
  /** Why the service could not write the file or its folder, or null. */
  notWritable: string | null
  /** `PRAGMA quick_check`: ['ok'], or the problems found (at most 20). */
  integrity: string[]
}

/** What `doctor` says of the storage: writable by this user, and every page sound (reads the whole file). */
export function inspectStorage(path: string, db: Db): StorageInspection {
  let integrity: string[]
  try {
    integrity = (db.pragma('quick_check(20)') as { quick_check: string }[]).map((r) => r.quick_check)
  } catch (e) {
    integrity = [(e as Error).message]
  }
  return { notWritable: notWritable(path) ?? notWritable(dirname(path)), integrity }
}
