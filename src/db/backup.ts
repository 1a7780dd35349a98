// SQLite's online backup API into a file, and the checks on the copy: integrity and what it holds.

import { Database } from './sqlite.js'
import type { Db } from './open.js'

/** Every page in one step: one read snapshot, so writers elsewhere cannot make the copy start over. */
const ALL_PAGES = 0x7fffffff

export interface CopyReport {
  /** `ok`, or SQLite's first complaints. */
  integrity: string
  orders: number
  notices: number
  shipments: number
  bytes: number
}

/**
 * Copies `db` into `destination` (an empty file) as of one moment — WAL content included — while other
 * connections keep writing. Steps of a few pages would restart from scratch whenever another connection
 * commits in between, so a busy service would never let a backup finish.
 */
export async function backupInto(db: Db, destination: string): Promise<void> {
  await db.backup(destination, { progress: () => ALL_PAGES })
}

/**
 * Makes the copy a self-contained single file (rollback journal: no -wal beside it to lose when it is moved;
 * the service sets WAL again when it starts on it) and reports on it.
 */
export function checkCopy(path: string): CopyReport {
  const copy = new Database(path, { fileMustExist: true })
  try {
    copy.pragma('journal_mode = DELETE')
    const integrity = (copy.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ')
    const count = (table: string) => copy.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number
    const pages = copy.pragma('page_count', { simple: true }) as number
    const pageSize = copy.pragma('page_size', { simple: true }) as number
    return {
      integrity,
      orders: count('orders'),
      notices: count('ship_notices'),
      shipments: count('shipments'),
      bytes: pages * pageSize,
    }
  } finally {
    copy.close()
  }
}
