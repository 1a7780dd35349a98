// Soak: mixed export, shipnotify and createorder traffic at half the measured capacity for a bounded time;
// reports errors, p99 latency and memory growth, checks every acknowledged write is on disk, writes the figures.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../dist/db/open.js'
import { load } from './lib/load.js'
import { orderBody } from './lib/orders.js'
import { printResult, markdownSection } from './lib/print.js'
import { SEED_START, seedDatabase } from './lib/seed.js'
import { startServer } from './lib/server.js'

const SECONDS = Math.min(Number(process.env.SOAK_SECONDS ?? 60), 600)
const ORDERS = Number(process.env.SOAK_ORDERS ?? 5_000)
const CONNECTIONS = 8
const CREDENTIALS = {
  SHIPSTATION_USERNAME: 'soak-user',
  SHIPSTATION_PASSWORD: 'soak-password-123',
  SOPHIO_API_KEY: 'soak-key',
  SOPHIO_API_SECRET: 'soak-secret-0123456789',
}
const basic = (u, p) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
const SS = basic(CREDENTIALS.SHIPSTATION_USERNAME, CREDENTIALS.SHIPSTATION_PASSWORD)
const API = basic(CREDENTIALS.SOPHIO_API_KEY, CREDENTIALS.SOPHIO_API_SECRET)
const fmt = (ms) => {
  const d = new Date(ms)
  const p = (n) => String(n).padStart(2, '0')
  return `${p(d.getUTCMonth() + 1)}%2F${p(d.getUTCDate())}%2F${d.getUTCFullYear()}+${p(d.getUTCHours())}%3A${p(d.getUTCMinutes())}`
}

/**
 * One request in three of each kind: an export page of a 100-order window of the seeded orders (ShipStation's
 * poll), a shipnotify for a seeded order with a tracking number of its own, a createorder for a new order.
 * `counts` tallies the answers per kind and status (autocannon only reports totals).
 */
function mixedRequests(counts, prefix) {
  let n = 0
  return [
    {
      setupRequest: (req, context) => {
        const i = n++
        const kind = ['export', 'shipnotify', 'createorder'][i % 3]
        context.kind = kind
        if (kind === 'export') {
          const from = 1 + ((i * 37) % (ORDERS - 100))
          const window = `start_date=${fmt(SEED_START + from * 60_000)}&end_date=${fmt(SEED_START + (from + 99) * 60_000)}`
          return {
            ...req,
            method: 'GET',
            path: `/shipstation?action=export&${window}&page=1`,
            headers: { authorization: SS },
          }
        }
        if (kind === 'shipnotify') {
          const order = 1 + (i % ORDERS)
          const body = `<ShipNotice><OrderNumber>B${order}</OrderNumber><Carrier>UPS</Carrier><Service>UPS Ground</Service><TrackingNumber>1Z${prefix}${String(i).padStart(10, '0')}</TrackingNumber><ShipDate>07/18/2026</ShipDate></ShipNotice>`
          return {
            ...req,
            method: 'POST',
            path: `/shipstation?action=shipnotify&order_number=B${order}`,
            headers: { authorization: SS, 'content-type': 'text/xml; charset=utf-8' },
            body,
          }
        }
        return {
          ...req,
          method: 'POST',
          path: '/createorder.wws?action=CREATE',
          headers: { authorization: API, 'content-type': 'application/json' },
          body: JSON.stringify(orderBody(1_000_000 + i, prefix)),
        }
      },
      onResponse: (status, _body, context) => {
        const key = `${context.kind} ${status}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      },
    },
  ]
}

const MiB = (b) => (b / 2 ** 20).toFixed(1)
const growth = (from, to) => `${(((to - from) / from) * 100).toFixed(1)}`

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-soak-'))
  try {
    const dbPath = join(dir, 'soak.db')
    await seedDatabase(dbPath, ORDERS)
    const server = await startServer({ DATABASE_PATH: dbPath, ...CREDENTIALS })
    const url = `http://127.0.0.1:${server.port}/shipstation`
    const rows = []
    let counts
    let soak
    let capacity
    const samples = []
    try {
      // Capacity: the same mix as fast as the server answers (also the warm-up).
      capacity = await load({ url, seconds: 5, connections: CONNECTIONS, requests: mixedRequests(new Map(), 'CAP') })
      const rate = Math.max(1, Math.round(capacity.rps / 2))
      await server.resetPeak()
      const before = await server.memory()
      const sampler = setInterval(async () => samples.push(await server.memory()), 5_000)
      counts = new Map()
      soak = await load({
        url,
        seconds: SECONDS,
        connections: CONNECTIONS,
        rate,
        requests: mixedRequests(counts, 'SOAK'),
      })
      clearInterval(sampler)
      // After a full collection, as at the start: what stayed, not what was merely not yet collected.
      await server.resetPeak()
      const after = await server.memory()
      const peak = samples.reduce((m, s) => Math.max(m, s.peakHeap), before.heap)
      rows.push(
        {
          label: 'capacity: the mix as fast as it is answered (5 s)',
          value: Math.round(capacity.rps),
          unit: 'requests/s',
        },
        { label: 'soak rate (half of capacity)', value: rate, unit: 'requests/s' },
        { label: 'soak duration / requests answered', value: `${SECONDS} / ${soak.total}`, unit: 's / requests' },
        { label: 'achieved rate', value: Math.round(soak.rps), unit: 'requests/s' },
        { label: 'errors + timeouts + non-2xx (target 0)', value: soak.errors + soak.non2xx, unit: '' },
        { label: 'latency p50 / p99', value: `${soak.p50} / ${soak.p99}`, unit: 'ms' },
        { label: 'heap after GC: start → end', value: `${MiB(before.heap)} → ${MiB(after.heap)}`, unit: 'MiB' },
        { label: 'heap growth (target < 10 %)', value: growth(before.heap, after.heap), unit: '%' },
        { label: 'heap peak during the soak', value: MiB(peak), unit: 'MiB' },
        { label: 'RSS: start → end', value: `${MiB(before.rss)} → ${MiB(after.rss)}`, unit: 'MiB' },
        {
          label: 'RSS growth (includes the growing database file mapped in)',
          value: growth(before.rss, after.rss),
          unit: '%',
        },
        { label: 'heap samples every 5 s', value: samples.map((s) => MiB(s.heap)).join(' '), unit: 'MiB' },
      )
    } finally {
      await server.stop()
    }
    // Every acknowledged write is on disk: one shipment per 2xx notice, one order per 201.
    const db = openDatabase(dbPath, { create: false })
    const count = (sql) => db.prepare(sql).get().n
    const shipments = count("SELECT count(*) AS n FROM shipments WHERE tracking_number LIKE '1ZSOAK%'")
    const created = count("SELECT count(*) AS n FROM orders WHERE order_number LIKE 'SOAK%'")
    const integrity = db.pragma('integrity_check', { simple: true })
    db.close()
    const of = (kind, status) => counts.get(`${kind} ${status}`) ?? 0
    const perKind = ['export', 'shipnotify', 'createorder'].map(
      (k) =>
        `${k} ${[...counts]
          .filter(([key]) => key.startsWith(k))
          .map(([key, n]) => `${key.split(' ')[1]}×${n}`)
          .join(',')}`,
    )
    rows.push(
      { label: 'answers by kind and status', value: perKind.join('; '), unit: '' },
      { label: 'notices answered 200 / shipments stored', value: `${of('shipnotify', 200)} / ${shipments}`, unit: '' },
      { label: 'orders answered 201 / orders stored', value: `${of('createorder', 201)} / ${created}`, unit: '' },
      { label: 'integrity_check after the soak', value: integrity, unit: '' },
    )
    return {
      title: `Soak: export + shipnotify + createorder (1:1:1) on a ${ORDERS.toLocaleString('en-US')}-order file database, ${CONNECTIONS} connections, ${SECONDS} s at half capacity`,
      rows,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await run()
  printResult(r)
  const results = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(results, { recursive: true })
  const machine = `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'})`
  const md = [
    '# Soak results',
    '',
    `Measured ${new Date().toISOString()} with \`npm run soak\` (${machine}).`,
    '',
    ...markdownSection(r),
  ].join('\n')
  writeFileSync(`${results}soak.md`, md)
  console.log('written: bench/results/soak.md')
}
