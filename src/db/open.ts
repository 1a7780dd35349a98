// Opens the SQLite database (WAL, foreign keys) and brings its schema to the current version.

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js'
import { Database } from './sqlite.js'

export type Db = BetterSqlite3.Database

export class SchemaTooNewError extends Error {}

/** The file is not there and this caller may not create it (every CLI command: only the service's start may). */
export class DatabaseMissingError extends Error {
  constructor(readonly path: string) {
    super(`no database at ${path}`)
  }
}

export interface OpenOptions {
  /**
   * Create a missing file (and its folder), and tighten the modes of an existing one. Only the service's start
   * does; everything else refuses a missing file.
   */
  create: boolean
  /** Told once when `create` made a new, empty database. */
  onCreate?: (path: string) => void
}

/** Opens and migrates; a missing file is created only with `create`. `:memory:` works for tests. */
export function openDatabase(path: string, opts: OpenOptions): Db {
  let created = false
  if (path !== ':memory:' && !existsSync(path)) {
    if (!opts.create) throw new DatabaseMissingError(path)
    // Customer addresses: the folder we create is ours alone, and so is the file. SQLite gives the -wal and
    // -shm files it creates later the mode of the database file, so creating that one 0600 covers all three.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    closeSync(openSync(path, 'a', 0o600))
    created = true
  } else if (opts.create && path !== ':memory:') {
    tightenModes(path)
  }
  const db = new Database(path, { fileMustExist: path !== ':memory:' })
  db.pragma('journal_mode = WAL')
  // FULL: a commit is on disk before we answer 2xx (a ShipNotice may be the only copy).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // Export pages read stored order bodies from all over the file: map it and keep a larger page cache.
  db.pragma('mmap_size = 268435456')
  db.pragma('cache_size = -32768')
  migrate(db)
  if (created) opts.onCreate?.(path)
  return db
}

/** A database from before files were created 0600: readable by others no longer (a folder we did not create is left). */
function tightenModes(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (statSync(file).mode & 0o077) chmodSync(file, 0o600)
    } catch (e) {
      // Not there (no -wal yet), or not ours to change: the service still runs on it.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'EPERM') throw e
    }
  }
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
      db.exec(m.sqlite)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
