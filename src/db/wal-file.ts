// The write-ahead log as a file: its size, for /metrics and `doctor` (a checkpoint that cannot complete shows here).

import { statSync } from 'node:fs'

/** Bytes of `<database>-wal`; 0 when there is none (no connection open, or `:memory:`). */
export function walFileBytes(databasePath: string): number {
  if (databasePath === ':memory:') return 0
  try {
    return statSync(`${databasePath}-wal`).size
  } catch {
    return 0
  }
}
