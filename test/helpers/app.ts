// Test app builder: the real app on a fresh database, known credentials, and captured log lines.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { type App, buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config.js'
import { type NoticesRepo, noticesRepo } from '../../src/db/notices-repo.js'
import { type Db, openDatabase } from '../../src/db/open.js'
import { type OrdersRepo, ordersRepo } from '../../src/db/orders-repo.js'
import { type ShipmentsRepo, shipmentsRepo } from '../../src/db/shipments-repo.js'

export const SS_USER = 'shipstation-test'
export const SS_PASS = 'correct-horse-battery-staple'
export const SS_BASIC = `Basic ${Buffer.from(`${SS_USER}:${SS_PASS}`).toString('base64')}`
export const OPS_USER = 'ops-test'
export const OPS_PASS = 'ops-password-for-tests'
export const OPS_BASIC = `Basic ${Buffer.from(`${OPS_USER}:${OPS_PASS}`).toString('base64')}`

export interface TestApp {
  app: App
  config: Readonly<Config>
  /**
   * The test's own handle on the database the app runs on: for states no use case makes (a damaged row, an
   * old schema) and for looking at rows directly. Nothing in src/ reaches for it.
   */
  db: Db
  /** Synchronous repositories on `db` (test-only): to look at what was stored, row by row. */
  repos: { orders: OrdersRepo; shipments: ShipmentsRepo; notices: NoticesRepo }
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[]
  /** The raw log text (for grepping secrets). */
  logText: () => string
  /** Closes the app and its database (done after each test unless `keep` was given). */
  close: () => Promise<void>
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/**
 * Builds the real app. `env` adds environment variables (CONFIG_FILE…); `file: true` puts the database in a
 * temporary file instead of `:memory:` (`path` in that file). Closed automatically after each test, unless `keep: true` (one app
 * shared by a table of cases): then the caller calls `close()`.
 */
export async function makeApp(
  opts: { env?: Record<string, string>; file?: boolean; path?: string; keep?: boolean; clock?: () => number } = {},
): Promise<TestApp> {
  let databasePath = opts.path ?? ':memory:'
  if (opts.file && !opts.path) {
    const dir = mkdtempSync(join(tmpdir(), 'sophio-ss-'))
    databasePath = join(dir, 'test.db')
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  }
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    SHIPSTATION_USERNAME: SS_USER,
    SHIPSTATION_PASSWORD: SS_PASS,
    OPS_USERNAME: OPS_USER,
    OPS_PASSWORD: OPS_PASS,
    LOG_LEVEL: 'info',
    ...opts.env,
  })
  const db = openDatabase(config.databasePath, { create: true })
  const lines: string[] = []
  const app = await buildApp({
    config,
    db,
    logStream: { write: (l: string) => void lines.push(l) },
    ...(opts.clock ? { clock: opts.clock } : {}),
  })
  const close = async () => {
    await app.close()
    if (db.open) db.close()
  }
  if (!opts.keep) cleanups.push(close)
  return {
    close,
    app,
    config,
    db,
    repos: { orders: ordersRepo(db), shipments: shipmentsRepo(db), notices: noticesRepo(db) },
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    },
    logText: () => lines.join(''),
  }
}
