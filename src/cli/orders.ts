// `orders` (a filtered listing) and `show <orderNumber>` (one order with history, shipments and notices).

import { parseArgs } from 'node:util'
import { carrierAndService } from '../domain/shipment.js'
import { formatTime } from '../domain/dates.js'
import { STATUS_LABELS } from '../domain/status.js'
import type { Services } from '../services/index.js'
import { orderDetailJson, orderListJson } from '../services/ops-json.js'
import type { OrderDetail, OrderFilter } from '../services/ops-views.js'
import { DEFAULT_ORDER_LIMIT, MAX_ORDER_LIMIT, parseOrderFilter } from '../services/order-filter.js'
import { noticeLine } from './notices.js'
import { textTable } from './table.js'

export const ORDERS_HELP = `Usage: sophio-shipstation orders [--code C[,C…]] [--status S] [--since WHEN] [--until WHEN] [--limit N] [--json]

Orders, most recently modified first.

  --code P,K       only these Sophio codes (case-sensitive)
  --status S       only orders whose code maps to this ShipStation status: awaiting_payment,
                   awaiting_shipment, shipped, cancelled, on_hold — or unmapped (codes the map lacks)
  --since WHEN     modified at or after WHEN: 2024-05-01, 2024-05-01T14:00Z (UTC without an offset),
                   or 30m, 12h, 7d ago
  --until WHEN     modified before WHEN (same forms): --status awaiting_shipment --until 2d are the
                   orders awaiting shipment that nothing touched for two days
  --limit N        at most N orders (default ${DEFAULT_ORDER_LIMIT}, at most ${MAX_ORDER_LIMIT})
  --json           JSON instead of a table

Exit codes: 0 success (also when nothing matches), 2 usage or configuration error.
`

export const SHOW_HELP = `Usage: sophio-shipstation show <orderNumber> [--json]

One order: Sophio code and ShipStation status, lines with shipped quantities, status history, shipments
and every shipment notice naming it (including unmatched ones waiting for it).

Exit codes: 0 shown, 1 no order with that number, 2 usage or configuration error.
`

export type OrdersArgs = { ok: true; filter: OrderFilter; json: boolean } | { ok: false; message: string }

export function parseOrdersArgs(args: string[], now: number): OrdersArgs {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      options: {
        code: { type: 'string' },
        status: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
      },
    }))
  } catch (e) {
    return { ok: false, message: (e as Error).message }
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined)
  const parsed = parseOrderFilter(
    { code: str('code'), status: str('status'), since: str('since'), until: str('until'), limit: str('limit') },
    now,
  )
  if (!parsed.ok) return { ok: false, message: `--${parsed.message}` }
  return { ok: true, filter: parsed.filter, json: values.json === true }
}

export async function runOrders(
  services: Services,
  args: { filter: OrderFilter; json: boolean },
  out: (s: string) => void,
): Promise<number> {
  const page = await services.ops.listOrders(args.filter)
  const rows = page.orders
  if (args.json) {
    out(`${JSON.stringify(orderListJson(rows), null, 2)}\n`)
    return 0
  }
  if (rows.length === 0) {
    out('No orders match.\n')
    return 0
  }
  out(
    textTable(
      [
        { header: 'Order' },
        { header: 'Code' },
        { header: 'ShipStation status' },
        { header: 'Modified' },
        { header: 'Total', right: true },
        { header: 'Ship to' },
      ],
      rows.map((o) => [
        o.orderNumber,
        o.statusCode,
        o.shipStationStatus ? STATUS_LABELS[o.shipStationStatus] : 'NOT MAPPED',
        formatTime(o.modifiedAt),
        o.orderTotal.toFixed(2),
        o.shipToName,
      ]),
    ),
  )
  const more = page.older ? ` (the first ${rows.length}; --limit for more)` : ''
  out(`${rows.length} order${rows.length === 1 ? '' : 's'}, most recently modified first${more}.\n`)
  return 0
}

/** undefined: a usage error. */
export function parseShowArgs(args: string[]): { orderNumber: string; json: boolean } | undefined {
  try {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' } },
    })
    const orderNumber = positionals[0]?.trim()
    if (positionals.length !== 1 || !orderNumber) return undefined
    return { orderNumber, json: values.json === true }
  } catch {
    return undefined
  }
}

export async function runShow(
  services: Services,
  args: { orderNumber: string; json: boolean },
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const d = await services.ops.orderDetail(args.orderNumber)
  if (!d) {
    err(`sophio-shipstation: no order with number "${args.orderNumber}"\n`)
    return 1
  }
  if (args.json) {
    out(`${JSON.stringify(orderDetailJson(d), null, 2)}\n`)
    return 0
  }
  out(describe(d))
  return 0
}

function describe(d: OrderDetail): string {
  const o = d.order
  const status = d.shipStationStatus
    ? `${STATUS_LABELS[d.shipStationStatus]} (OrderStatus "${d.orderStatus}")`
    : 'NOT MAPPED: ShipStation skips this order'
  const shipTo = [o.shipTo.name, o.shipTo.city, o.shipTo.state, o.shipTo.country].filter(Boolean).join(', ')
  const row = (label: string, value: string) => `  ${`${label}:`.padEnd(16)} ${value}\n`
  let s = `Order ${o.orderNumber} (id ${o.id}, key ${o.orderKey})\n`
  if (d.sameNumber > 1) s += `  (${d.sameNumber} orders carry this number; the newest is shown)\n`
  s += row('Sophio code', `${o.statusCode} → ${status}`)
  s += row('Order date', formatTime(o.orderDate))
  s += row('Last modified', formatTime(o.modifiedAt))
  s += row('Ship to', shipTo)
  s += row('Total', `${o.orderTotal.toFixed(2)}${o.currencyCode ? ` ${o.currencyCode}` : ''}`)
  s += '\nLines\n'
  s += textTable(
    [
      { header: 'Line' },
      { header: 'SKU' },
      { header: 'Ordered', right: true },
      { header: 'Shipped', right: true },
      { header: 'Name' },
    ],
    d.lines.map((l) => [
      l.lineItemKey,
      l.sku,
      String(l.quantity),
      String(l.shipped),
      l.adjustment ? `${l.name} (adjustment)` : l.name,
    ]),
    '  ',
  )
  s += '\nStatus history\n'
  for (const h of d.history) s += `  ${formatTime(h.at)}  ${h.fromCode ?? '-'} → ${h.toCode}  ${h.reason}\n`
  s += '\nShipments\n'
  if (d.shipments.length === 0) s += '  none\n'
  for (const p of d.shipments) {
    const items = p.items.map((i) => `${i.quantity} × ${i.sku ?? i.lineItemKey ?? '?'}`).join(', ')
    const via = carrierAndService(p.carrier, p.service)
    s += `  #${p.id}  ${formatTime(p.createdAt)}  ${p.trackingNumber || '(no tracking number)'}  ${via}`
    s += `${p.shipDate ? `  shipped ${p.shipDate}` : ''}  ${items}  (notice #${p.noticeId})\n`
  }
  s += '\nShipment notices\n'
  if (d.notices.length === 0) s += '  none\n'
  for (const n of d.notices) s += `  ${noticeLine(n)}\n`
  return s
}
