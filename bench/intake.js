// Intake: createorder orders/s over HTTP (validated, stored, on disk, echoed) next to a bare POST of the same
// body answered by the same server, plus the CLI import of a 100k-order NDJSON file.

import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../dist/db/open.js'
import { load } from './lib/load.js'
import { orderBody } from './lib/orders.js'
import { runIfMain } from './lib/print.js'
import { startServer } from './lib/server.js'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = 16
const IMPORT_ORDERS = Number(process.env.BENCH_IMPORT_ORDERS ?? 100_000)
const KEY = 'bench-api-key'
const SECRET = 'bench-api-secret-0123456789'
const TOKEN = encodeURIComponent(Buffer.from(`${KEY}:${SECRET}`).toString('base64'))
const BIN = fileURLToPath(new URL('../bin/sophio-shipstation.js', import.meta.url))

/** Every request a new order (own orderNumber and orderKey); the bare route gets the very same bodies. */
function requests(path) {
  let n = 0
  return [
    {
      method: 'POST',
      path,
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(orderBody(++n, `${path === '/bench/bare' ? 'W' : 'B'}`)),
      }),
    },
  ]
}

async function writeNdjson(file, count) {
  const out = createWriteStream(file)
  for (let i = 1; i <= count; i++) {
    if (!out.write(`${JSON.stringify(orderBody(i, 'I'))}\n`)) await new Promise((r) => out.once('drain', r))
  }
  await new Promise((r) => out.end(r))
}

/** `sophio-shipstation import <file>` into a fresh, empty file database: wall time as the operator sees it. */
function timeImport(dir, file) {
  // The CLI never creates a database (only the service's start does): make the empty one first, untimed.
  openDatabase(join(dir, 'import.db'), { create: true }).close()
  const started = performance.now()
  const cli = spawnSync(process.execPath, [BIN, 'import', file], {
    env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'import.db') },
    encoding: 'utf8',
  })
  const seconds = (performance.now() - started) / 1000
  if (cli.status !== 0) throw new Error(`import exited with ${cli.status}: ${cli.stdout}${cli.stderr.slice(-2000)}`)
  return { seconds, summary: cli.stdout.trim().split('\n').at(-1) }
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-intake-'))
  try {
    const dbPath = join(dir, 'bench.db')
    const server = await startServer({ DATABASE_PATH: dbPath, SOPHIO_API_KEY: KEY, SOPHIO_API_SECRET: SECRET })
    const base = `http://127.0.0.1:${server.port}`
    const intakePath = `/createorder.wws?action=CREATE&authentication=${TOKEN}`
    let bare
    let real
    try {
      await load({ url: `${base}/bench/bare`, seconds: 1, connections: CONNECTIONS, requests: requests('/bench/bare') })
      bare = await load({
        url: `${base}/bench/bare`,
        seconds: SECONDS,
        connections: CONNECTIONS,
        requests: requests('/bench/bare'),
      })
      real = await load({
        url: `${base}${intakePath}`,
        seconds: SECONDS,
        connections: CONNECTIONS,
        requests: requests(intakePath),
      })
    } finally {
      await server.stop()
    }
    // What is on disk afterwards: one order per 2xx, no duplicates.
    const db = openDatabase(dbPath, { create: false })
    const stored = db.prepare('SELECT count(*) AS n FROM orders').get().n
    db.close()

    const file = join(dir, 'orders.ndjson')
    await writeNdjson(file, IMPORT_ORDERS)
    const imported = timeImport(dir, file)

    const ratio = real.rps / bare.rps
    return {
      title: `Intake: new createorder bodies (1–4 lines) into a file database (synchronous=FULL), ${CONNECTIONS} connections, ${SECONDS} s each`,
      rows: [
        { label: 'createorder (validate + store + echo, durable)', value: Math.round(real.rps), unit: 'orders/s' },
        { label: 'createorder p50 / p99 latency', value: `${real.p50} / ${real.p99}`, unit: 'ms' },
        { label: 'ceiling: bare POST of the same body, same server', value: Math.round(bare.rps), unit: 'requests/s' },
        { label: 'ceiling p50 / p99 latency', value: `${bare.p50} / ${bare.p99}`, unit: 'ms' },
        { label: 'ratio createorder / bare POST', value: ratio.toFixed(2), unit: '' },
        { label: 'orders answered 2xx / stored', value: `${real.total - real.non2xx} / ${stored}`, unit: '' },
        { label: 'errors + non-2xx', value: real.errors + real.non2xx + bare.errors + bare.non2xx, unit: '' },
        {
          label: `CLI import of ${IMPORT_ORDERS.toLocaleString('en-US')} orders (NDJSON, 500 per transaction)`,
          value: imported.seconds.toFixed(1),
          unit: 's',
        },
        { label: 'CLI import rate', value: Math.round(IMPORT_ORDERS / imported.seconds), unit: 'orders/s' },
      ],
      ratio: Number(ratio.toFixed(3)),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await runIfMain(import.meta, run)
