// One round of the A/B bench in its own process: intake, export and shipnotify through one build's app (inject).

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { orderBody } from './orders.js'

const dist = process.env.AB_DIST
const ORDERS = Number(process.env.AB_ORDERS ?? 3000)
const WAVE = 16
const { buildApp } = await import(join(dist, 'app.js'))
const { loadConfig } = await import(join(dist, 'config.js'))
const { openDatabase } = await import(join(dist, 'db', 'open.js'))

const dir = mkdtempSync(join(tmpdir(), 'bench-ab-'))
const config = loadConfig({
  DATABASE_PATH: join(dir, 'ab.db'),
  SHIPSTATION_USERNAME: 'ss',
  SHIPSTATION_PASSWORD: 'ss-password-0123',
  SOPHIO_API_KEY: 'key',
  SOPHIO_API_SECRET: 'secret-0123456789',
  OPS_USERNAME: 'ops',
  OPS_PASSWORD: 'ops-password-0123',
  LOG_LEVEL: 'warn',
})
const db = openDatabase(config.databasePath, { create: true })
db.pragma('busy_timeout = 10')
const app = await buildApp({ config, db, logStream: { write() {} } })
const ssAuth = `Basic ${Buffer.from('ss:ss-password-0123').toString('base64')}`
const token = encodeURIComponent(Buffer.from('key:secret-0123456789').toString('base64'))

/** `n` requests in waves of WAVE at once (group commit sees them together, as under load); every one 2xx. */
async function waves(n, make) {
  const started = performance.now()
  for (let i = 1; i <= n; i += WAVE) {
    const batch = []
    for (let j = i; j < Math.min(n + 1, i + WAVE); j++) batch.push(app.inject(make(j)))
    for (const res of await Promise.all(batch)) {
      if (res.statusCode >= 300) throw new Error(`${res.statusCode} ${res.body.slice(0, 200)}`)
    }
  }
  return performance.now() - started
}

function notice(i) {
  const lines = 1 + (i % 4)
  let items = ''
  for (let l = 0; l < lines; l++) {
    items += `<Item><LineItemID>${i}-${l + 1}</LineItemID><SKU>SKU-${l}</SKU><Quantity>${1 + ((i + l) % 3)}</Quantity></Item>`
  }
  return `<?xml version="1.0" encoding="utf-8"?><ShipNotice><OrderNumber>B${i}</OrderNumber><Carrier>UPS</Carrier><Service>UPS Ground</Service><TrackingNumber>1ZAB${String(i).padStart(12, '0')}</TrackingNumber><ShipDate>07/18/2026</ShipDate><ShippingCost>8.10</ShippingCost><Items>${items}</Items></ShipNotice>`
}

const intakeMs = await waves(ORDERS, (i) => ({
  method: 'POST',
  url: `/createorder.wws?action=CREATE&authentication=${token}`,
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(orderBody(i)),
}))

const window = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
const pages = Math.ceil(ORDERS / config.pageSize)
const exportStarted = performance.now()
for (let pass = 0; pass < 5; pass++) {
  for (let page = 1; page <= pages; page++) {
    const res = await app.inject({ url: `/shipstation?action=export&${window}&page=${page}`, headers: { authorization: ssAuth } })
    if (res.statusCode !== 200) throw new Error(`export ${res.statusCode}`)
  }
}
const exportMs = performance.now() - exportStarted

const notifyMs = await waves(ORDERS, (i) => ({
  method: 'POST',
  url: `/shipstation?action=shipnotify&order_number=B${i}&carrier=UPS&service=UPS+Ground`,
  headers: { authorization: ssAuth },
  payload: notice(i),
}))

await app.close()
db.close()
rmSync(dir, { recursive: true, force: true })
process.stdout.write(`${JSON.stringify({ intakeMs, exportMs, notifyMs, orders: ORDERS, pages: pages * 5 })}\n`)
