// Fills a database file with N realistic orders through the real intake path, LastModified spread over time.

import { closeSync, fsyncSync, openSync } from 'node:fs'
import { loadConfig } from '../../dist/config.js'
import { openDatabase } from '../../dist/db/open.js'
import { buildServices } from '../../dist/services/index.js'
import { ingestOrderIn } from '../../dist/services/ingest-order.js'
import { orderBody } from './orders.js'

const quiet = { info() {}, warn() {}, error() {} }
export const SEED_START = Date.UTC(2026, 0, 1)

/** Orders i = 1..count, order i modified at SEED_START + i minutes. Returns seconds taken. */
export async function seedDatabase(path, count, { batch = 1000 } = {}) {
  const started = performance.now()
  const config = loadConfig({ DATABASE_PATH: path })
  const db = openDatabase(path, { create: true })
  db.pragma('synchronous = OFF') // seeding only; the service under test opens the file with its own settings
  const services = buildServices(config, db, quiet)
  const spread = db.prepare('UPDATE orders SET modified_at = ? WHERE order_key = ?')
  const write = (from, to) =>
    services.uow.write(async (tx) => {
      for (let i = from; i <= to; i++) {
        const r = await ingestOrderIn(services.ctx, tx, orderBody(i), 'bench')
        if (!r.ok) throw new Error(`seed order ${i}: ${JSON.stringify(r.errors)}`)
        spread.run(SEED_START + i * 60_000, `b-${i}`)
      }
    })
  for (let from = 1; from <= count; from += batch) await write(from, Math.min(count, from + batch - 1))
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  flushToDisk(path)
  return (performance.now() - started) / 1000
}

/**
 * Seeding and growing write with synchronous=OFF: the kernel then writes the file back for tens of seconds,
 * and every fsync the service makes meanwhile waits behind it. Flushed here, a latency measured next is the
 * service's, not the seeding's (unflushed, it showed as a 350 ms shipnotify p99).
 */
export function flushToDisk(path) {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
