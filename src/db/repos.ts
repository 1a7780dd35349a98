// The repositories a unit of work hands out: one set per storage engine, asynchronous at the interface.

import { exportWindowRepo } from './export-window-repo.js'
import { noticesRepo } from './notices-repo.js'
import type { Db } from './open.js'
import { opsRepo } from './ops-repo.js'
import { orderRefsRepo } from './order-refs-repo.js'
import { ordersRepo } from './orders-repo.js'
import { settingsRepo } from './settings-repo.js'
import { shipmentsRepo } from './shipments-repo.js'

/**
 * A repository as use cases see it: every method returns a promise, so an engine with a network driver
 * (PostgreSQL) implements the same interface. The SQLite engine runs its statements synchronously inside
 * and hands back settled promises.
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never
}

/** The SQLite repositories, synchronous: their method sets are the storage interface. */
function sqliteRepos(db: Db) {
  return {
    orders: ordersRepo(db),
    /** Lean order reads for notices: identity, status, lines. */
    refs: orderRefsRepo(db),
    shipments: shipmentsRepo(db),
    notices: noticesRepo(db),
    exportWindow: exportWindowRepo(db),
    settings: settingsRepo(db),
    ops: opsRepo(db),
  }
}

type SyncRepos = ReturnType<typeof sqliteRepos>

export type Repos = { [K in keyof SyncRepos]: Async<SyncRepos[K]> }

/** Each SQLite repository behind the async interface; statements are prepared once, here. */
export function asyncSqliteRepos(db: Db): Repos {
  const sync = sqliteRepos(db)
  return Object.fromEntries(
    Object.entries(sync).map(([name, repo]) => [name, promised(repo as Record<string, unknown>)]),
  ) as Repos
}

function promised(repo: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(repo)) {
    if (typeof fn !== 'function') continue
    out[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(repo, args))
      } catch (err) {
        return Promise.reject(err)
      }
    }
  }
  return out
}
