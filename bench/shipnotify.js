// Shipnotify throughput (each notice journaled, applied and on disk before the 200) next to a bare POST of the
// same body answered by the same server: the ceiling.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../dist/db/open.js'
import { load } from './lib/load.js'
import { runIfMain } from './lib/print.js'
import { seedDatabase } from './lib/seed.js'
import { startServer } from './lib/server.js'

const ORDERS = Number(process.env.BENCH_SHIPNOTIFY_ORDERS ?? 20_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const CONNECTIONS = Number(process.env.BENCH_SHIPNOTIFY_CONNECTIONS ?? 16)
const USER = 'bench-user'
const PASS = 'bench-password-123'
const HEADERS = {
  authorization: `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`,
  'content-type': 'text/xml; charset=utf-8',
}

/**
 * The n-th notice: a new package (own tracking number) for order 1 + (n mod ORDERS), listing every line of
 * that order as bench/lib/orders.js built it. Orders come round again after ORDERS notices: a re-shipment,
 * still a new package, so every notice is applied (never a duplicate).
 */
function notice(n) {
  const i = 1 + (n % ORDERS)
  const lines = 1 + (i % 4)
  let items = ''
  for (let l = 0; l < lines; l++) {
    items += `<Item><LineItemID>${i}-${l + 1}</LineItemID><SKU>SKU-${l}</SKU><Name><![CDATA[Part ${l} & co]]></Name><Quantity>${1 + ((i + l) % 3)}</Quantity></Item>`
  }
  const tracking = `1ZBENCH${String(n).padStart(11, '0')}`
  const body = `<?xml version="1.0" encoding="utf-8"?>
<ShipNotice><OrderNumber>B${i}</OrderNumber><OrderID>${i}</OrderID><CustomerCode>buyer${i}@example.com</CustomerCode>
<CustomerNotes></CustomerNotes><InternalNotes><![CDATA[picked & packed]]></InternalNotes><NotesToCustomer><![CDATA[Thanks!]]></NotesToCustomer>
<NotifyCustomer>false</NotifyCustomer><LabelCreateDate>07/18/2026 09:05</LabelCreateDate><ShipDate>07/18/2026</ShipDate>
<Carrier>UPS</Carrier><Service>UPS Ground</Service><TrackingNumber>${tracking}</TrackingNumber><ShippingCost>8.10</ShippingCost>
<CustomField1>cf-${i}</CustomField1><CustomField2></CustomField2><CustomField3></CustomField3>
<Recipient><Name>Buyer ${i}</Name><Company></Company><Address1>${i} Main St</Address1><Address2></Address2>
<City>West Orange</City><State>NJ</State><PostalCode>07052</PostalCode><Country>US</Country></Recipient>
<Items>${items}</Items></ShipNotice>`
  const query = `action=shipnotify&order_number=B${i}&carrier=UPS&service=UPS+Ground&tracking_number=${tracking}`
  return { body, query }
}

function requests(path) {
  let n = 0
  return [
    {
      method: 'POST',
      setupRequest: (req) => {
        const { body, query } = notice(n++)
        return { ...req, method: 'POST', headers: HEADERS, body, path: path ?? `/shipstation?${query}` }
      },
    },
  ]
}

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-shipnotify-'))
  try {
    const dbPath = join(dir, 'bench.db')
    const seedSeconds = await seedDatabase(dbPath, ORDERS)
    const server = await startServer({ DATABASE_PATH: dbPath, SHIPSTATION_USERNAME: USER, SHIPSTATION_PASSWORD: PASS })
    const base = `http://127.0.0.1:${server.port}`
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
        url: `${base}/shipstation`,
        seconds: SECONDS,
        connections: CONNECTIONS,
        requests: requests(),
      })
    } finally {
      await server.stop()
    }
    // What is on disk afterwards: one applied journal row and one shipment per 2xx.
    const db = openDatabase(dbPath, { create: false })
    const count = (sql) => db.prepare(sql).get().n
    const shipments = count('SELECT count(*) AS n FROM shipments')
    const applied = count("SELECT count(*) AS n FROM ship_notices WHERE outcome = 'applied'")
    const shipped = count("SELECT count(*) AS n FROM orders WHERE status_code = 'S'")
    db.close()
    const ratio = real.rps / bare.rps
    return {
      title: `Shipnotify: distinct notices for a ${ORDERS.toLocaleString('en-US')}-order file database (synchronous=FULL), ${CONNECTIONS} connections, ${SECONDS} s each`,
      rows: [
        { label: 'seeding the database (not timed for the ratio)', value: seedSeconds.toFixed(1), unit: 's' },
        { label: 'shipnotify (journal + shipment + status, durable)', value: Math.round(real.rps), unit: 'notices/s' },
        { label: 'shipnotify p50 / p99 latency', value: `${real.p50} / ${real.p99}`, unit: 'ms' },
        { label: 'ceiling: bare POST of the same body, same server', value: Math.round(bare.rps), unit: 'requests/s' },
        { label: 'ceiling p50 / p99 latency', value: `${bare.p50} / ${bare.p99}`, unit: 'ms' },
        { label: 'ratio shipnotify / bare POST (target ≥ 0.3)', value: ratio.toFixed(2), unit: '' },
        {
          label: 'notices answered 2xx / applied in the journal',
          value: `${real.total - real.non2xx} / ${applied}`,
          unit: '',
        },
        { label: 'shipments stored / orders now shipped', value: `${shipments} / ${shipped}`, unit: '' },
        { label: 'errors + non-2xx', value: real.errors + real.non2xx + bare.errors + bare.non2xx, unit: '' },
      ],
      ratio: Number(ratio.toFixed(3)),
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await runIfMain(import.meta, run)
