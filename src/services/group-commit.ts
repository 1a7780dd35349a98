// Group commit: writes that arrive in the same event-loop turn share one transaction, so one disk sync.

import type { Write } from '../db/write.js'

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
 * rejects alone; a failed COMMIT (or a lock not had in time) rejects the whole batch.
 */
export function groupCommit<In, Out>(write: Write, job: (input: In) => Out): (input: In) => Promise<Out> {
  let pending: Job<In, Out>[] = []
  const flush = async () => {
    const jobs = pending
    pending = []
    let outcomes: ({ ok: true; value: Out } | { ok: false; error: unknown })[]
    try {
      outcomes = await write(() =>
        jobs.map((j): { ok: true; value: Out } | { ok: false; error: unknown } => {
          try {
            return { ok: true, value: job(j.input) }
          } catch (error) {
            return { ok: false, error }
          }
        }),
      )
    } catch (error) {
      for (const j of jobs) j.reject(error)
      return
    }
    outcomes.forEach((o, i) => {
      const j = jobs[i] as Job<In, Out>
      if (o.ok) j.resolve(o.value)
      else j.reject(o.error)
    })
  }
  return (input) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ input, resolve, reject })
      if (pending.length === 1) setImmediate(() => void flush())
    })
}
