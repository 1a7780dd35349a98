// `import <file>`: load orders from a JSON object, a JSON array or NDJSON; report bad records by position.

import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { describeJsonProblem, parseJson } from '../domain/json-syntax.js'
import type { Tx } from '../services/context.js'
import type { Services } from '../services/index.js'
import { ingestOrderIn } from '../services/ingest-order.js'

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
  const writeBatch = async (tx: Tx, items: typeof batch) => {
    for (const { record, where } of items) {
      const result = await ingestOrderIn(services.ctx, tx, record, 'import')
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
    await services.uow.write((tx) => writeBatch(tx, items), { maxWaitMs: LOCK_WAIT_MS })
    done += items.length
    io.progress?.(done)
  }
  const add = async (record: unknown, where: string) => {
    batch.push({ record, where })
    if (batch.length >= BATCH) await flush()
  }

  const size = statSync(path).size
  const head = firstChars(path)
  // The format is decided from the content, once: a JSON array, one JSON object (pretty-printed or not), or
  // NDJSON (one object per line). A syntax error in a whole-file document is then reported once, with its
  // line and column — not as one "not JSON" per line of a pretty-printed file.
  if (head.startsWith('[') || (head.startsWith('{') && !firstLineIsJson(head))) {
    if (size > WHOLE_FILE_LIMIT) {
      throw new Error(`a single JSON document larger than ${WHOLE_FILE_LIMIT / 1024 / 1024} MiB: write it as NDJSON`)
    }
    const parsed = parseJson(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''))
    if (!parsed.ok) {
      summary.failed++
      io.err(`not JSON: ${describeJsonProblem(parsed.problem)}; nothing was imported`)
      return summary
    }
    if (Array.isArray(parsed.value)) {
      for (const [i, r] of parsed.value.entries()) await add(r, `record ${i + 1}`)
    } else await add(parsed.value, 'record 1')
    await flush()
    return summary
  }
  let lineNo = 0
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY })
  for await (const raw of lines) {
    lineNo++
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw
    if (line.trim() === '') continue
    const parsed = parseJson(line)
    if (!parsed.ok) {
      summary.failed++
      io.err(`line ${lineNo}: not JSON: column ${parsed.problem.column}: ${parsed.problem.message}`)
      continue
    }
    await add(parsed.value, `line ${lineNo}`)
  }
  await flush()
  return summary
}

/** The first 64 KiB of the file without a BOM and leading whitespace: enough to tell the format. */
function firstChars(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(64 * 1024)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart()
  } finally {
    closeSync(fd)
  }
}

/** NDJSON's first line is a whole JSON value by itself; a pretty-printed object's first line (`{`) is not. */
function firstLineIsJson(head: string): boolean {
  const end = head.indexOf('\n')
  return parseJson(end === -1 ? head : head.slice(0, end)).ok
}
