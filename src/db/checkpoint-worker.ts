// The checkpointer's thread: its own connection copies the WAL into the database file, off the request path.

import { statSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { Database } from './sqlite.js'

export interface CheckpointerSettings {
  path: string
  /** How often the WAL is looked at and, when it holds frames, checkpointed (PASSIVE). */
  intervalMs: number
  /** A WAL unchanged this long, fully checkpointed, is truncated to 0 bytes. */
  idleMs: number
  /** Checkpoints failing or leaving frames this long while the WAL grows: reported. */
  stallMs: number
}

/** What the thread tells the process; the process logs it. */
export type CheckpointEvent =
  | { kind: 'failed'; message: string; code: string | undefined; walBytes: number }
  | { kind: 'stalled'; seconds: number; walBytes: number; grownBytes: number; framesLeft: number | null }
  | { kind: 'recovered'; seconds: number; walBytes: number }

/** A failed or stalled state is reported again this often while it lasts. */
const REPEAT_MS = 5 * 60_000
/** PASSIVE passes per look while each one copies what the previous left but new commits keep arriving. */
const CATCH_UP_PASSES = 3

const settings = workerData as CheckpointerSettings
const walPath = `${settings.path}-wal`
const db = new Database(settings.path, { fileMustExist: true })
// A checkpoint syncs the WAL before copying and the database file after: the frames it lets SQLite reuse must
// be on disk in the database first.
db.pragma('synchronous = FULL')
// TRUNCATE waits for no one: a writer or reader in the way means "later", never a stalled request.
db.pragma('busy_timeout = 0')

const send = (e: CheckpointEvent) => parentPort?.postMessage(e)

let last = { walBytes: -1, frames: -1, changedAt: Date.now() }
/** Since when checkpoints fail or leave frames behind; null while they complete. */
let trouble: { since: number; walBytes: number; reportedAt: number | null; failedAt: number | null } | null = null

function walBytes(): number {
  try {
    return statSync(walPath).size
  } catch {
    return 0
  }
}

interface Pass {
  busy: number
  /** Frames in the WAL. */
  log: number
  /** Of those, copied into the database file. */
  checkpointed: number
}

function tick(): void {
  const now = Date.now()
  const bytes = walBytes()
  if (bytes === 0) return settled(now, bytes)
  let row: Pass
  try {
    row = passive()
    // Commits that landed during the pass leave a few frames, and SQLite starts the WAL over only once every
    // frame is copied: a short second pass usually gets there between two commits, so the file stops growing.
    for (let i = 1; i < CATCH_UP_PASSES && row.checkpointed < row.log; i++) {
      const next = passive()
      const progressed = next.checkpointed > row.checkpointed || next.log < row.log
      row = next
      if (!progressed) break
    }
  } catch (e) {
    return troubled(now, bytes, null, e as Error & { code?: string })
  }
  const previous = last.frames
  if (bytes !== last.walBytes || row.log !== previous) last = { walBytes: bytes, frames: row.log, changedAt: now }
  // Stuck, not just busy: frames that were there at the last look are still not copied (a reader holding an old
  // snapshot, another connection checkpointing), and the WAL has not started over since (fewer frames).
  if (previous > 0 && row.log >= previous && row.checkpointed < previous) {
    return troubled(now, bytes, row.log - row.checkpointed)
  }
  settled(now, bytes)
  if (row.checkpointed === row.log && now - last.changedAt >= settings.idleMs) {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)')
    } catch {
      // A writer arrived: the next idle spell truncates.
    }
  }
}

function passive(): Pass {
  return (db.pragma('wal_checkpoint(PASSIVE)') as Pass[])[0] as Pass
}

function settled(now: number, bytes: number): void {
  if (trouble?.reportedAt != null || trouble?.failedAt != null) {
    send({ kind: 'recovered', seconds: Math.round((now - trouble.since) / 1000), walBytes: bytes })
  }
  trouble = null
}

function troubled(now: number, bytes: number, framesLeft: number | null, error?: Error & { code?: string }): void {
  trouble ??= { since: now, walBytes: bytes, reportedAt: null, failedAt: null }
  if (error && (trouble.failedAt === null || now - trouble.failedAt >= REPEAT_MS)) {
    trouble.failedAt = now
    send({ kind: 'failed', message: error.message, code: error.code, walBytes: bytes })
  }
  const growing = bytes > trouble.walBytes
  const due = trouble.reportedAt === null || now - trouble.reportedAt >= REPEAT_MS
  if (now - trouble.since >= settings.stallMs && growing && due) {
    trouble.reportedAt = now
    send({
      kind: 'stalled',
      seconds: Math.round((now - trouble.since) / 1000),
      walBytes: bytes,
      grownBytes: bytes - trouble.walBytes,
      framesLeft,
    })
  }
}

const timer = setInterval(tick, settings.intervalMs)
parentPort?.on('message', (msg) => {
  if (msg !== 'stop') return
  clearInterval(timer)
  db.close()
  parentPort?.close()
})
