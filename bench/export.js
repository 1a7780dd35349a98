// Export throughput through HTTP (pages of 100 from a 100k-order database) against the same server
// answering a pre-rendered document of the same size: the ceiling.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { load } from './lib/load.js'
import { runIfMain } from './lib/print.js'
import { SEED_START, seedDatabase } from './lib/seed.js'
import { startServer } from './lib/server.js'

const ORDERS = Number(process.env.BENCH_EXPORT_ORDERS ?? 100_000)
const PAGE = 100
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const USER = 'bench-user'
const PASS = 'bench-password-123'
const fmt = (t) => {
  const d = new Date(t)
  const p = (n) => String(n).padStart(2, '0')
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-export-'))
  try {
    const dbPath = join(dir, 'bench.db')
    const seedSeconds = await seedDatabase(dbPath, ORDERS)
    const start = SEED_START
    const end = SEED_START + (ORDERS + 1) * 60_000
    const pages = Math.ceil(ORDERS / PAGE)
    const server = await startServer({
      DATABASE_PATH: dbPath,
      SHIPSTATION_USERNAME: USER,
      SHIPSTATION_PASSWORD: PASS,
      BENCH_PRERENDER_WINDOW: `${start}|${end}|1`,
    })
    const base = `http://127.0.0.1:${server.port}`
    const headers = { authorization: `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}` }
    const query = `action=export&start_date=${encodeURIComponent(fmt(start))}&end_date=${encodeURIComponent(fmt(end))}`
    const drain = (connections) => {
      let n = 0
      return load({
        url: `${base}/shipstation?${query}&page=1`,
        seconds: SECONDS,
        connections,
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, path: `/shipstation?${query}&page=${1 + (n++ % pages)}` }) }],
      })
    }
    const rows = [
      { label: 'seeding the database through the intake path', value: seedSeconds.toFixed(1), unit: 's' },
      {
        label: 'page size (pre-rendered page 1)',
        value: (server.info.prerenderedBytes / 1024).toFixed(0),
        unit: 'KiB',
      },
    ]
    let ratio = 0
    try {
      await load({ url: `${base}/bench/prerendered`, seconds: 1, headers }) // warm-up
      // 1 connection is how ShipStation drains a window (page after page); 8 is a busy server.
      for (const connections of [1, 8]) {
        const real = await drain(connections)
        const text = await load({ url: `${base}/bench/prerendered`, seconds: SECONDS, connections, headers })
        const bytes = await load({ url: `${base}/bench/prerendered-bytes`, seconds: SECONDS, connections, headers })
        const r = real.rps / text.rps
        if (connections === 1) ratio = r
        const c = `${connections} conn`
        rows.push(
          { label: `${c}: export through HTTP`, value: Math.round(real.rps * PAGE), unit: 'orders/s' },
          { label: `${c}: export p50 / p99`, value: `${real.p50} / ${real.p99}`, unit: 'ms' },
          {
            label: `${c}: ceiling, pre-rendered page sent as text`,
            value: Math.round(text.rps * PAGE),
            unit: 'orders/s',
          },
          {
            label: `${c}: ceiling, pre-rendered page sent as bytes`,
            value: Math.round(bytes.rps * PAGE),
            unit: 'orders/s',
          },
          { label: `${c}: ratio export / text ceiling (target ≥ 0.5)`, value: r.toFixed(2), unit: '' },
          { label: `${c}: ratio export / bytes ceiling`, value: (real.rps / bytes.rps).toFixed(2), unit: '' },
          { label: `${c}: errors + non-2xx`, value: real.errors + real.non2xx + text.errors + text.non2xx, unit: '' },
        )
      }
      return {
        title: `Export: pages of ${PAGE} from a ${ORDERS.toLocaleString('en-US')}-order database, all ${pages} pages in turn`,
        rows,
        ratio,
      }
    } finally {
      await server.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await runIfMain(import.meta, run)
