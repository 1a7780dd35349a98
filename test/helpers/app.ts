// Test app builder: the real app on a fresh database, known credentials, and captured log lines.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { type App, buildApp } from '../../src/app.js'
import { type Config, loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/open.js'

export const SS_USER = 'shipstation-test'
export const SS_PASS = 'correct-horse-battery-staple'
export const SS_BASIC = `Basic ${Buffer.from(`${SS_USER}:${SS_PASS}`).toString('base64')}`

export interface TestApp {
  app: App
  config: Readonly<Config>
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[]
  /** The raw log text (for grepping secrets). */
  logText: () => string
}

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.()
})

/**
 * Builds the real app. `env` adds environment variables (CONFIG_FILE…); `file: true` puts the database in a
 * temporary file instead of `:memory:`. Closed automatically after each test.
 */
export async function makeApp(opts: { env?: Record<string, string>; file?: boolean } = {}): Promise<TestApp> {
  let databasePath = ':memory:'
  if (opts.file) {
    const dir = mkdtempSync(join(tmpdir(), 'sophio-ss-'))
    databasePath = join(dir, 'test.db')
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  }
  const config = loadConfig({
    DATABASE_PATH: databasePath,
    SHIPSTATION_USERNAME: SS_USER,
    SHIPSTATION_PASSWORD: SS_PASS,
    LOG_LEVEL: 'info',
    ...opts.env,
  })
  const db = openDatabase(config.databasePath)
  const lines: string[] = []
  const app = await buildApp({ config, db, logStream: { write: (l: string) => void lines.push(l) } })
  cleanups.push(async () => {
    await app.close()
    db.close()
  })
  return {
    app,
    config,
    get logs() {
      return lines.map((l) => JSON.parse(l) as Record<string, unknown>)
    },
    logText: () => lines.join(''),
  }
}
