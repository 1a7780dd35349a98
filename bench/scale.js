// Performance at scale: export page cost against database size (10k, 100k, 1M orders), deep pages, draining
// a window page after page (time and the server's peak memory), shipnotify latency during a drain, start-up.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { growDatabase } from './lib/grow.js'
import { load } from './lib/load.js'
import { runIfMain } from './lib/print.js'
import { SEED_START, seedDatabase } from './lib/seed.js'
import { startServer } from './lib/server.js'
import { steadyNotices } from './lib/steady-notices.js'

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number)
const TEMPLATE = 10_000
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const USER = 'bench-user'
const PASS = 'bench-password-123'
const AUTH = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`
const MIN = 60_000
const NOTICE_RATE = 50

const fmt = (t) => {
  const d = new Date(t)
  const p = (n) => String(n).padStart(2, '0')
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
const windowQuery = (fromMinute, toMinute) =>
  `action=export&start_date=${encodeURIComponent(fmt(SEED_START + fromMinute * MIN))}&end_date=${encodeURIComponent(fmt(SEED_START + toMinute * MIN))}`

async function get(base, path) {
  const started = performance.now()
  const res = await fetch(`${base}${path}`, { headers: { authorization: AUTH } })
  const body = await res.arrayBuffer()
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
  return { ms: performance.now() - started, bytes: body.byteLength, text: () => Buffer.from(body).toString('utf8') }
}

/** Median and p99 of `n` sequential requests (after one warm-up). */
async function latency(base, path, n = 200) {
  await get(base, path)
  const times = []
  for (let i = 0; i < n; i++) times.push((await get(base, path)).ms)
  times.sort((a, b) => a - b)
  return { p50: times[Math.floor(n / 2)], p99: times[Math.floor(n * 0.99)] }
}

/** Every page of a window, one after the other, as ShipStation does. */
async function drain(base, query) {
  const first = await get(base, `/shipstation?${query}&page=1`)
  const pages = Number(/pages="(\d+)"/.exec(first.text())?.[1] ?? 0)
  const started = performance.now()
  for (let p = 2; p <= pages; p++) await get(base, `/shipstation?${query}&page=${p}`)
  return { pages, seconds: (performance.now() - started + first.ms) / 1000 }
}

async function memory(server) {
  return server.memory()
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-scale-'))
  const dbPath = join(dir, 'scale.db')
  const rows = []
  const chart = []
  try {
    await seedDatabase(dbPath, TEMPLATE)
    for (const size of SIZES) {
      const grown = performance.now()
      growDatabase(dbPath, TEMPLATE, size)
      const growSeconds = (performance.now() - grown) / 1000
      const mb = statSync(dbPath).size / 2 ** 20
      const t0 = performance.now()
      // The newest 100 orders: the same page whatever the size.
      const recent = windowQuery(size - 99, size)
      const server = await startServer({
        DATABASE_PATH: dbPath,
        SHIPSTATION_USERNAME: USER,
        SHIPSTATION_PASSWORD: PASS,
        BENCH_PRERENDER_WINDOW: `${SEED_START + (size - 99) * MIN}|${SEED_START + size * MIN}|1`,
      })
      const startup = performance.now() - t0
      const base = `http://127.0.0.1:${server.port}`
      try {
        const atRest = await memory(server)
        const page = await latency(base, `/shipstation?${recent}&page=1`)
        const ceiling = await latency(base, '/bench/prerendered')
        chart.push({ size, p50: page.p50 })
        const label = `${size.toLocaleString('en-US')} orders`
        rows.push(
          {
            label: `${label}: database file (copies made in ${growSeconds.toFixed(0)} s)`,
            value: mb.toFixed(0),
            unit: 'MiB',
          },
          { label: `${label}: start-up to listening`, value: startup.toFixed(0), unit: 'ms' },
          { label: `${label}: memory at rest (RSS)`, value: (atRest.rss / 2 ** 20).toFixed(0), unit: 'MiB' },
          {
            label: `${label}: newest page of 100, p50 / p99`,
            value: `${page.p50.toFixed(2)} / ${page.p99.toFixed(2)}`,
            unit: 'ms',
          },
          { label: `${label}: same page pre-rendered, p50`, value: ceiling.p50.toFixed(2), unit: 'ms' },
          {
            label: `${label}: ratio export / pre-rendered (p50 throughput, target ≥ 0.5)`,
            value: (ceiling.p50 / page.p50).toFixed(2),
            unit: '',
          },
        )
        if (size === 100_000 || (size === SIZES[SIZES.length - 1] && !SIZES.includes(100_000))) {
          const n = Math.min(size, 100_000)
          const wide = windowQuery(size - n + 1, size)
          const pages = Math.ceil(n / 100)
          const firstOpen = await get(base, `/shipstation?${wide}&page=${pages}`)
          const deepFirst = await latency(base, `/shipstation?${wide}&page=1`)
          const deepLast = await latency(base, `/shipstation?${wide}&page=${pages}`)
          const small = windowQuery(size - 9_999, size)
          await server.resetPeak()
          const drainSmall = await drain(base, small)
          const memSmall = await memory(server)
          await server.resetPeak()
          const drainBig = await drain(base, wide)
          const memBig = await memory(server)
          rows.push(
            {
              label: `${n.toLocaleString('en-US')}-order window: first request for the last page (window opened)`,
              value: firstOpen.ms.toFixed(1),
              unit: 'ms',
            },
            {
              label: `${n.toLocaleString('en-US')}-order window: page 1 / last page p50`,
              value: `${deepFirst.p50.toFixed(2)} / ${deepLast.p50.toFixed(2)}`,
              unit: 'ms',
            },
            {
              label: `${n.toLocaleString('en-US')}-order window: last / first (target ≤ 2)`,
              value: (deepLast.p50 / deepFirst.p50).toFixed(2),
              unit: '',
            },
            {
              label: `drain 10,000-order window (${drainSmall.pages} pages)`,
              value: drainSmall.seconds.toFixed(2),
              unit: 's',
            },
            {
              label: `drain ${n.toLocaleString('en-US')}-order window (${drainBig.pages} pages)`,
              value: drainBig.seconds.toFixed(2),
              unit: 's',
            },
            {
              label: `peak heap+buffers draining 10k / ${n.toLocaleString('en-US')} window`,
              value: `${(memSmall.peakHeap / 2 ** 20).toFixed(0)} / ${(memBig.peakHeap / 2 ** 20).toFixed(0)}`,
              unit: 'MiB',
            },
            {
              label: 'peak heap+buffers, big window / 10k window (target ≤ 1.2)',
              value: (memBig.peakHeap / memSmall.peakHeap).toFixed(2),
              unit: '',
            },
            {
              label: `peak RSS draining 10k / ${n.toLocaleString('en-US')} window (includes mapped database pages)`,
              value: `${(memSmall.peak / 2 ** 20).toFixed(0)} / ${(memBig.peak / 2 ** 20).toFixed(0)}`,
              unit: 'MiB',
            },
          )
          rows.push(...(await shipnotifyDuringDrain(base, wide, size)))
        }
      } finally {
        await server.stop()
      }
    }
    writeFileSync(fileURLToPath(new URL('./results/page-latency.svg', import.meta.url)), svgChart(chart))
    return {
      title: `Scale: export cost against database size (${SIZES.map((s) => s.toLocaleString('en-US')).join(', ')} orders)`,
      rows,
      ratio: chart.length > 1 ? chart[chart.length - 1].p50 / chart[0].p50 : 1,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** shipnotify p99 alone, then while a window is being drained on another connection. */
async function shipnotifyDuringDrain(base, wideQuery, size) {
  // A steady stream of labels (NOTICE_RATE a second, far above a busy warehouse's), not a flood: the
  // question is how long one notice waits while an export drain is running, not the server's capacity.
  const opts = {
    url: `${base}/shipstation`,
    seconds: SECONDS * 2,
    connections: 4,
    rate: NOTICE_RATE,
    requests: steadyNotices(AUTH, size),
  }
  const alone = await load(opts)
  const drainer = new Worker(new URL('./lib/drain-worker.js', import.meta.url), {
    workerData: { base, query: wideQuery, auth: AUTH },
  })
  const during = await load(opts)
  const drained = new Promise((resolve) => drainer.once('message', resolve))
  drainer.postMessage('stop')
  const { pages } = await drained
  await drainer.terminate()
  return [
    { label: `shipnotify alone (${NOTICE_RATE}/s): p50 / p99`, value: `${alone.p50} / ${alone.p99}`, unit: 'ms' },
    {
      label: `shipnotify (${NOTICE_RATE}/s) during an export drain (${pages} pages served meanwhile): p50 / p99`,
      value: `${during.p50} / ${during.p99}`,
      unit: 'ms',
    },
    {
      label: 'shipnotify p99 during / alone (target ≤ 3)',
      value: (during.p99 / Math.max(1, alone.p99)).toFixed(2),
      unit: '',
    },
  ]
}

function svgChart(points) {
  const W = 560
  const H = 300
  const pad = 50
  const maxY = Math.max(...points.map((p) => p.p50)) * 1.3 || 1
  const x = (i) => pad + (i * (W - 2 * pad)) / Math.max(1, points.length - 1)
  const y = (v) => H - pad - (v / maxY) * (H - 2 * pad)
  const line = points.map((p, i) => `${x(i).toFixed(1)},${y(p.p50).toFixed(1)}`).join(' ')
  const dots = points
    .map(
      (p, i) =>
        `<circle cx="${x(i).toFixed(1)}" cy="${y(p.p50).toFixed(1)}" r="4" fill="#1f6feb"/>` +
        `<text x="${x(i).toFixed(1)}" y="${(y(p.p50) - 10).toFixed(1)}" text-anchor="middle" font-size="12">${p.p50.toFixed(2)} ms</text>` +
        `<text x="${x(i).toFixed(1)}" y="${H - pad + 18}" text-anchor="middle" font-size="12">${p.size.toLocaleString('en-US')}</text>`,
    )
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">Export page (100 orders) p50 latency against database size</text>
<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" stroke="#888"/>
<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${H - pad}" stroke="#888"/>
<text x="${W / 2}" y="${H - 10}" text-anchor="middle" font-size="12">orders in the database</text>
<text x="14" y="${H / 2}" font-size="12" transform="rotate(-90 14 ${H / 2})" text-anchor="middle">ms</text>
<polyline points="${line}" fill="none" stroke="#1f6feb" stroke-width="2"/>${dots}
</svg>
`
}

await runIfMain(import.meta, run)
