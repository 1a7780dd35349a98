// Opens the SQLite database (WAL, foreign keys) and brings its schema to the current version.

import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js'

export type Db = Database.Database

export class SchemaTooNewError extends Error {}

/** Opens (creating folder and file when needed) and migrates. `:memory:` works for tests. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // FULL: a commit is on disk before we answer 2xx (a ShipNotice may be the only copy).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Export pages read stored order bodies from all over the file: map it and keep a larger page cache.
  db.pragma('mmap_size = 268435456')
  db.pragma('cache_size = -32768')
  migrate(db)
  return db
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies the migrations the database lacks, each in its own transaction. */
export function migrate(db: Db): void {
  const current = schemaVersion(db)
  if (current > SCHEMA_VERSION) {
    throw new SchemaTooNewError(
      `the database is at schema version ${current}, newer than this program knows (${SCHEMA_VERSION}); ` +
        'run a newer sophio-shipstation or restore a backup — nothing was changed',
    )
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
