// Use case: drop the raw bodies of resolved notices past the retention period; the journal rows stay.

import type { Ctx } from './context.js'

export const DAY_MS = 24 * 60 * 60 * 1000

export interface PruneResult {
  /** Notices whose body was (or, in a dry run, would be) dropped. */
  notices: number
  bytes: number
  /** Bodies of resolved notices received before this time (epoch ms) are dropped. */
  before: number
  dryRun: boolean
}

/** Rows per transaction: the write lock is held a few milliseconds at a time, never for the whole journal. */
const BATCH = 500

/**
 * Only `applied` and `duplicate` notices lose their body — what they said is in their shipment. Unmatched,
 * rejected and flagged notices wait for a person and keep everything; so does every notice's row (time,
 * query, outcome, reason, order, tracking number, size).
 */
export async function pruneNoticeBodies(ctx: Ctx, olderThanDays: number, dryRun: boolean): Promise<PruneResult> {
  const at = ctx.now()
  const before = at - olderThanDays * DAY_MS
  if (dryRun) return { ...(await ctx.uow.read((repos) => repos.notices.prunableTotals(before))), before, dryRun }
  let notices = 0
  let bytes = 0
  for (;;) {
    const done = await ctx.uow.write(async (tx) => {
      const rows = await tx.notices.prunable(before, BATCH)
      for (const r of rows) await tx.notices.pruneBody(r.id, at)
      return rows
    })
    notices += done.length
    for (const r of done) bytes += r.bytes
    if (done.length < BATCH) return { notices, bytes, before, dryRun }
  }
}

/**
 * `pruneNoticeBodies: "daily"`: once at start, then every 24 hours. Timers are unref'd (they never keep the
 * process alive); a failure is logged and tried again the next day. Returns the function that stops it.
 */
export function scheduleNoticePruning(
  prune: () => Promise<PruneResult>,
  log: { info(o: object, m: string): void; error(o: object, m: string): void },
): () => void {
  const run = () =>
    prune().then(
      (r) => log.info({ notices: r.notices, bytes: r.bytes }, 'notice bodies past the retention period dropped'),
      (err: unknown) => log.error({ err }, 'notice bodies could not be pruned; tried again in 24 hours'),
    )
  const first = setTimeout(() => void run(), 0)
  const daily = setInterval(() => void run(), DAY_MS)
  first.unref()
  daily.unref()
  return () => {
    clearTimeout(first)
    clearInterval(daily)
  }
}
