// Background WAL checkpoints: a worker thread with its own connection, so no request's commit ever runs one.

import { Worker } from 'node:worker_threads'
import type { Logger } from '../logger.js'
import type { CheckpointerSettings, CheckpointEvent } from './checkpoint-worker.js'
import type { Db } from './open.js'

// Relative to the package root, so it names the compiled worker from dist/ and from src/ (the tests) alike:
// a worker thread cannot load TypeScript.
const WORKER = new URL('../../dist/db/checkpoint-worker.js', import.meta.url)

/** SQLite's own default, restored on the request connection if the thread dies. */
const AUTOCHECKPOINT_PAGES = 1000

export interface Checkpointer {
  /** Ends the thread and closes its connection; resolves once it is gone. Call before closing `db`. */
  stop(): Promise<void>
}

export type CheckpointerOptions = Partial<Omit<CheckpointerSettings, 'path'>>

export const CHECKPOINTER_DEFAULTS = {
  intervalMs: 1_000,
  idleMs: 5_000,
  // A stall is logged within 30 s of its start: 20 s of failing or incomplete checkpoints, then the next look.
  stallMs: 20_000,
} satisfies Omit<CheckpointerSettings, 'path'>

/**
 * Takes checkpoints away from `db` (the request connection: `wal_autocheckpoint = 0`, so a commit that crosses
 * 1000 pages no longer copies the WAL back and syncs the database file before its caller is answered) and runs
 * them in a thread: PASSIVE every `intervalMs`, TRUNCATE once the WAL has been idle `idleMs`. Failures and
 * stalls are logged. The thread never keeps the process alive.
 */
export function startCheckpointer(db: Db, path: string, log: Logger, opts: CheckpointerOptions = {}): Checkpointer {
  const settings: CheckpointerSettings = { path, ...CHECKPOINTER_DEFAULTS, ...opts }
  db.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(WORKER, { workerData: settings })
  let stopping = false
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.on('message', (e: CheckpointEvent) => report(log, e))
  worker.on('error', (err) => log.error({ err }, 'WAL checkpointer failed'))
  worker.once('exit', (code) => {
    if (stopping) return
    // Without the thread nothing would checkpoint and the WAL would grow for ever: commits do it again.
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
    log.error({ code }, 'WAL checkpointer stopped; checkpoints run in commits again')
  })
  // After the listeners: adding a 'message' listener refs the thread again.
  worker.unref()
  return {
    async stop() {
      stopping = true
      worker.postMessage('stop')
      // A checkpoint in progress finishes first; one that hangs on a dead disk must not hold the shutdown.
      const timer = setTimeout(() => void worker.terminate(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}

function report(log: Logger, e: CheckpointEvent): void {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
  switch (e.kind) {
    case 'failed':
      log.error({ err: { message: e.message, code: e.code }, walBytes: e.walBytes }, `WAL checkpoint failed: ${e.message}`)
      return
    case 'stalled':
      log.warn(
        { seconds: e.seconds, walBytes: e.walBytes, grownBytes: e.grownBytes, framesLeft: e.framesLeft },
        `WAL checkpoints have not completed for ${e.seconds} s and the WAL grew by ${mib(e.grownBytes)} to ` +
          `${mib(e.walBytes)}: a reader holding an old snapshot, or a database file that cannot be written?`,
      )
      return
    case 'recovered':
      log.info({ seconds: e.seconds, walBytes: e.walBytes }, `WAL checkpoints complete again after ${e.seconds} s`)
      return
  }
}
