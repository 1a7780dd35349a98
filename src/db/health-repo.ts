// Database health for /readyz and `doctor`: reachable and at the current schema; a read-only look at a file.

import { statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { SCHEMA_VERSION } from './migrations.js'
import type { Db } from './open.js'

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
