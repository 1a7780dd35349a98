// Group commit: writes that arrive in the same event-loop turn share one transaction, so one disk sync.

import type { Db } from '../db/open.js'

interface Job<In, Out> {
  input: In
  resolve: (value: Out) => void
  reject: (reason: unknown) => void
}

/**
 * Wraps a synchronous write so concurrent callers are batched into one IMMEDIATE transaction, run on the
 * next turn of the event loop. Every caller is answered only after the shared COMMIT returned — with
 * synchronous=FULL that means on disk — so a 2xx still promises exactly what it did with one transaction
 * per request. Each job runs in its own savepoint when it opens a (nested) transaction: one failing job
 * rejects alone; a failed COMMIT rejects the whole batch.
 */
export function groupCommit<In, Out>(db: Db, write: (input: In) => Out): (input: In) => Promise<Out> {
  let pending: Job<In, Out>[] = []
  const runBatch = db.transaction((jobs: Job<In, Out>[]) =>
    jobs.map((job): { ok: true; value: Out } | { ok: false; error: unknown } => {
      try {
        return { ok: true, value: write(job.input) }
      } catch (error) {
        return { ok: false, error }
      }
    }),
  )
  const flush = () => {
    const jobs = pending
    pending = []
    let outcomes: ReturnType<typeof runBatch>
    try {
      outcomes = runBatch.immediate(jobs)
    } catch (error) {
      for (const job of jobs) job.reject(error)
      return
    }
    outcomes.forEach((o, i) => {
      const job = jobs[i] as Job<In, Out>
      if (o.ok) job.resolve(o.value)
      else job.reject(o.error)
    })
  }
  return (input) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ input, resolve, reject })
      if (pending.length === 1) setImmediate(flush)
    })
}
