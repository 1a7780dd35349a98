// The bench server: the real app plus two reference routes answered by the same Fastify instance —
// a pre-rendered export page (the export ceiling) and a bare POST that reads the body and acknowledges.

import { buildApp } from '../../dist/app.js'
import { loadConfig } from '../../dist/config.js'
import { startCheckpointer } from '../../dist/db/checkpointer.js'
import { openDatabase } from '../../dist/db/open.js'

const config = loadConfig()
const db = openDatabase(config.databasePath, { create: true })
const app = await buildApp({ config, db })
// As dist/server.js does; BENCH_CHECKPOINTER=off leaves checkpoints in the commits (SQLite's default), for the
// before/after figures.
const checkpointer = process.env.BENCH_CHECKPOINTER === 'off' ? undefined : startCheckpointer(db, config.databasePath, app.log)
let prerendered = Buffer.alloc(0)
let prerenderedText = ''
const ack = '<?xml version="1.0" encoding="utf-8"?><ShipNoticeResponse><Status>received</Status></ShipNoticeResponse>'

await app.register(async (scope) => {
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  // The ceiling as most handlers would send it (a string), and the absolute one (bytes, zero copy).
  scope.get('/bench/prerendered', (_req, reply) =>
    reply.type('text/xml; charset=utf-8').header('cache-control', 'no-store').send(prerenderedText),
  )
  scope.get('/bench/prerendered-bytes', (_req, reply) =>
    reply.type('text/xml; charset=utf-8').header('cache-control', 'no-store').send(prerendered),
  )
  scope.post('/bench/bare', (req, reply) => {
    const size = typeof req.body === 'string' ? req.body.length : 0
    return reply.type('text/xml; charset=utf-8').send(size >= 0 ? ack : '')
  })
})

if (process.env.BENCH_PRERENDER_WINDOW) {
  // The same document a real page of the window produces, rendered once.
  const [start, end, page] = process.env.BENCH_PRERENDER_WINDOW.split('|').map(Number)
  prerendered = (await app.services.exportPage({ start, end, page })).xml
  prerenderedText = prerendered.toString('utf8')
}

await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
process.send?.({
  port: typeof address === 'object' && address ? address.port : 0,
  prerenderedBytes: Buffer.byteLength(prerendered),
})
// Memory, sampled every 10 ms, for the bench to read over IPC. RSS includes the pages of the database file
// SQLite has mapped and touched (reclaimable page cache); `heap` is what the process itself allocates
// (V8 heap + buffers).
const heapNow = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.external + m.arrayBuffers
}
let peak = process.memoryUsage().rss
let peakHeap = heapNow()
setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss)
  peakHeap = Math.max(peakHeap, heapNow())
}, 10).unref()
process.on('message', (msg) => {
  if (msg === 'reset-peak') {
    global.gc?.()
    peak = process.memoryUsage().rss
    peakHeap = heapNow()
    process.send?.({ reset: true })
  } else if (msg === 'memory') {
    const rss = process.memoryUsage().rss
    process.send?.({ rss, peak: Math.max(peak, rss), heap: heapNow(), peakHeap: Math.max(peakHeap, heapNow()) })
  }
})
process.on('SIGTERM', async () => {
  await app.close()
  await checkpointer?.stop()
  db.close()
  process.exit(0)
})
