// What a request may not change: every table but the notice journal, row by row, and SQLite's integrity check.

import { createHash } from 'node:crypto'
import type { Db } from '../../src/db/open.js'

/** The one table hostile requests may write to: every authenticated notice is journaled, even a refused one. */
const JOURNAL = 'ship_notices'

/** Table name → row count and a hash of every row, for all tables except the notice journal. */
export function fingerprint(db: Db): Record<string, string> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((t) => t.name)
    .filter((name) => name !== JOURNAL)
  const out: Record<string, string> = {}
  for (const name of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).raw().all()
    const hash = createHash('sha1')
    for (const row of rows) hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)))
    out[name] = `${rows.length} rows ${hash.digest('hex').slice(0, 12)}`
  }
  return out
}

/** Row counts of the tables the issue names, for readable failure messages. */
export function rowCounts(db: Db): Record<string, number> {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  return {
    orders: count('orders'),
    order_lines: count('order_lines'),
    shipments: count('shipments'),
    order_status_history: count('order_status_history'),
  }
}

export function integrityCheck(db: Db): string {
  return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ')
}
