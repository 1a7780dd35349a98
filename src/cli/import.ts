// `import <file>`: load orders from a JSON object, a JSON array or NDJSON; report bad records by position.

import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Services } from '../services/index.js'

export interface ImportSummary {
  created: number
  updated: number
  unchanged: number
  failed: number
}

export interface ImportOutput {
  out: (line: string) => void
  err: (line: string) => void
  /** Called with records done so far, for a progress display. */
  progress?: (done: number) => void
}

/** Whole-file JSON up to this size; larger files are read line by line as NDJSON. */
const WHOLE_FILE_LIMIT = 64 * 1024 * 1024

/** Records written per transaction: one disk sync per batch instead of one per order. */
const BATCH = 500

/**
 * How long one batch may wait for the write lock while the server writes: the server holds it for a few
 * milliseconds at a time, so this is only reached when something holds it for good.
 */
const LOCK_WAIT_MS = 60_000

export async function importFile(services: Services, path: string, io: ImportOutput): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, failed: 0 }
  let done = 0
  let batch: { record: unknown; where: string }[] = []
  const writeBatch = (items: typeof batch) => {
    for (const { record, where } of items) {
      const result = services.ingest(record, 'import')
      if (!result.ok) {
        summary.failed++
        io.err(`${where}: rejected: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
        continue
      }
      summary[result.outcome]++
      for (const w of result.warnings) io.err(`${where}: warning: ${w.path}: ${w.message}`)
    }
  }
  const flush = async () => {
    if (batch.length === 0) return
    const items = batch
    batch = []
    // BEGIN IMMEDIATE, waited for without blocking: a deferred BEGIN that upgrades to a write while the
    // server writes fails with "database is locked", with no way to retry it.
    await services.write(() => writeBatch(items), { maxWaitMs: LOCK_WAIT_MS })
    done += items.length
    io.progress?.(done)
  }
  const add = async (record: unknown, where: string) => {
    batch.push({ record, where })
    if (batch.length >= BATCH) await flush()
  }

  const size = statSync(path).size
  if (size <= WHOLE_FILE_LIMIT) {
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
    let whole: unknown
    let isWhole = true
    try {
      whole = JSON.parse(text)
    } catch {
      isWhole = false
    }
    if (isWhole) {
      if (Array.isArray(whole)) {
        for (const [i, r] of whole.entries()) await add(r, `record ${i + 1}`)
      } else await add(whole, 'record 1')
      await flush()
      return summary
    }
  }
  let lineNo = 0
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })
  for await (const raw of lines) {
    lineNo++
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (line.trim() === '') continue
    let record: unknown
    try {
      record = JSON.parse(line)
    } catch (e) {
      summary.failed++
      io.err(`line ${lineNo}: not JSON: ${(e as Error).message}`)
      continue
    }
    await add(record, `line ${lineNo}`)
  }
  await flush()
  return summary
}
