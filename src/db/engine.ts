// The storage engine behind the use cases: its unit of work, its file's state and its health. SQLite today.

import type { Logger } from '../logger.js'
import { type DatabaseHealth, healthRepo } from './health-repo.js'
import type { Db } from './open.js'
import { asyncSqliteRepos } from './repos.js'
import { type StorageGuard, storageGuard } from './storage-guard.js'
import { sqliteUnitOfWork, type UnitOfWork } from './unit-of-work.js'

export interface StorageEngine {
  uow: UnitOfWork
  /** The storage's state (read-only, moved, corrupt), the faults met, and their translation into 503s. */
  guard: StorageGuard
  /** Reachable and at which schema version; never throws (a failure is the answer). */
  health(): Promise<DatabaseHealth>
}

/** SQLite on an open connection (opened and migrated by open.ts); the caller closes `db`. */
export function sqliteEngine(db: Db, log: Logger): StorageEngine {
  const guard = storageGuard(db, log)
  const health = healthRepo(db)
  return {
    uow: sqliteUnitOfWork(db, guard, asyncSqliteRepos(db)),
    guard,
    health: async () => health.check(),
  }
}
