// Use case: how big the write-ahead log is, and whether that is a problem (for /metrics and `doctor`).

import { walFileBytes } from '../db/wal-file.js'

/**
 * Past this the checkpoints are not keeping up: the background checkpointer copies the WAL every second, so at
 * any realistic rate it holds a few MiB, and it is truncated to 0 once idle.
 */
export const WAL_WARN_BYTES = 64 * 2 ** 20

export function walSizeBytes(databasePath: string): number {
  return walFileBytes(databasePath)
}
