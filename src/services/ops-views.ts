// Use case: what operators look at — status map with counts, order search and detail, shipments, notices.

import type { Config } from '../config.js'
import { healthRepo } from '../db/health-repo.js'
import { type NoticeSummary, noticesRepo } from '../db/notices-repo.js'
import type { Db } from '../db/open.js'
import { type OrderCursor, type OrderListRow, type OrderQuery, opsRepo, type ShipmentListRow } from '../db/ops-repo.js'
import type { OrdersRepo, StatusChange } from '../db/orders-repo.js'
import type { ShipmentsRepo } from '../db/shipments-repo.js'
import type { Order, OrderLine } from '../domain/order.js'
import { type Fulfilment, fulfilmentOf, NOTICE_OUTCOMES, type NoticeOutcome, type Shipment } from '../domain/shipment.js'
import {
  codesMappedTo,
  exportedStatusOf,
  FORM_FIELDS,
  formValues,
  SHIPSTATION_STATUSES,
  type ShipStationStatus,
  STATUS_LABELS,
  type StatusMap,
  type StatusMode,
} from '../domain/status.js'

// The read models these views hand out, named here so http/ and cli/ need not reach into db/ for them.
export type { DatabaseHealth } from '../db/health-repo.js'
export type { NoticeSummary } from '../db/notices-repo.js'
export type { ShipmentListRow } from '../db/ops-repo.js'

export interface CodeRow {
  code: string
  /** null: the code is not in the status map (ShipStation skips these orders). */
  status: ShipStationStatus | null
  /** The `OrderStatus` the export sends: the mapped word, or the code itself (raw mode, or unmapped). */
  orderStatus: string
  orders: number
  /** false when the code is kept out of the export (awaiting payment with exportPendingOrders off). */
  exported: boolean
}

export interface StatusRow {
  status: ShipStationStatus
  label: string
  formField: string
  /** What to type into that Custom Store form field. */
  formValue: string
  codes: string[]
  orders: number
}

export interface StatusMapReport {
  mode: StatusMode
  /** Mapped codes in map order, then codes found in the data that the map does not name. */
  codes: CodeRow[]
  statuses: StatusRow[]
  unmapped: { code: string; orders: number }[]
  totalOrders: number
}

/** The status map joined with how many orders hold each code. Pure. */
export function statusMapReport(
  map: StatusMap,
  mode: StatusMode,
  counts: ReadonlyMap<string, number>,
  excluded: readonly string[] = [],
): StatusMapReport {
  const values = formValues(map, mode)
  const codes: CodeRow[] = [...map].map(([code, status]) => ({
    code,
    status,
    orderStatus: exportedStatusOf(code, map, mode) ?? code,
    orders: counts.get(code) ?? 0,
    exported: !excluded.includes(code),
  }))
  const unmapped = [...counts]
    .filter(([code]) => !map.has(code))
    .map(([code, orders]) => ({ code, orders }))
    .sort((a, b) => a.code.localeCompare(b.code))
  for (const u of unmapped)
    codes.push({ code: u.code, status: null, orderStatus: u.code, orders: u.orders, exported: true })
  const statuses = SHIPSTATION_STATUSES.map((status) => {
    const mapped = codesMappedTo(map, status)
    return {
      status,
      label: STATUS_LABELS[status],
      formField: FORM_FIELDS[status],
      formValue: values[status],
      codes: mapped,
      orders: mapped.reduce((n, c) => n + (counts.get(c) ?? 0), 0),
    }
  })
  const totalOrders = [...counts.values()].reduce((a, b) => a + b, 0)
  return { mode, codes, statuses, unmapped, totalOrders }
}

/** One sentence per unmapped code: what is wrong and what to do. */
export function statusMapProblems(report: StatusMapReport): string[] {
  return report.unmapped.map(
    (u) =>
      `code "${u.code}" (${u.orders} order${u.orders === 1 ? '' : 's'}) is not in the status map: ShipStation ` +
      'skips these orders; add it to statusMap in the config file',
  )
}

export interface OrderFilter {
  codes: readonly string[] | null
  /** A ShipStation status, or "unmapped" for codes the map does not name. */
  status: ShipStationStatus | 'unmapped' | null
  /** Epoch ms: modified at or after. */
  since: number | null
  /** Epoch ms: modified before. */
  until: number | null
  /** The page after (older than) this place… */
  after: OrderCursor | null
  /** …or before (newer than) it; at most one of the two. */
  before: OrderCursor | null
  limit: number
}

export interface OrderListItem extends OrderListRow {
  shipStationStatus: ShipStationStatus | null
  orderStatus: string
  /** What the recorded packages cover: nothing, some lines, all of them. */
  fulfilment: Fulfilment
}

/** One page of a listing, newest first, with the cursors of its neighbours (null: no such page). */
export interface OrderPage {
  orders: OrderListItem[]
  /** `after` this for the next, older page. */
  older: OrderCursor | null
  /** `before` this for the previous, newer page. */
  newer: OrderCursor | null
}

export interface OrderDetail {
  order: Order
  shipStationStatus: ShipStationStatus | null
  orderStatus: string
  lines: (OrderLine & { shipped: number })[]
  history: StatusChange[]
  shipments: Shipment[]
  /** Every notice that names the order: matched ones and unmatched ones waiting for its number. */
  notices: NoticeSummary[]
  /** Orders with this number (more than 1 is unusual: the newest is shown). */
  sameNumber: number
}

/** "failed": the notices that need a person — unmatched, rejected and flagged. */
export type NoticeSelection = NoticeOutcome | 'failed' | undefined

export interface OpsViewsDeps {
  db: Db
  config: Readonly<Config>
  orders: OrdersRepo
  shipments: ShipmentsRepo
  /** Codes the export leaves out. */
  excludedCodes: readonly string[]
}

export type OpsViews = ReturnType<typeof opsViews>

export function opsViews(deps: OpsViewsDeps) {
  const { config, orders, shipments } = deps
  const repo = opsRepo(deps.db)
  const journal = noticesRepo(deps.db)
  const health = healthRepo(deps.db)
  const orderStatusOf = (code: string) => exportedStatusOf(code, config.statusMap, config.statusMode) ?? code
  const items = (rows: OrderListRow[]): OrderListItem[] => {
    const done = repo.linesShipped(rows.map((r) => r.id))
    return rows.map((r) => {
      const l = done.get(r.id)
      return {
        ...r,
        shipStationStatus: config.statusMap.get(r.statusCode) ?? null,
        orderStatus: orderStatusOf(r.statusCode),
        fulfilment: l ? fulfilmentOf(l.lines, l.shipped) : 'none',
      }
    })
  }

  return {
    statusMap(): StatusMapReport {
      return statusMapReport(config.statusMap, config.statusMode, orders.countsByStatusCode(), deps.excludedCodes)
    },
    /** Newest first by (modified, id); a page reached going back that comes up short is the first page. */
    listOrders(filter: OrderFilter): OrderPage {
      const q = orderQuery(config.statusMap, filter)
      if (!q) return { orders: [], older: null, newer: null }
      const n = filter.limit
      if (filter.before) {
        const rows = repo.listOrders(q, 'newer', filter.before, n + 1)
        if (rows.length <= n) return this.listOrders({ ...filter, before: null })
        const page = rows.slice(0, n).reverse()
        return { orders: items(page), older: cursorAt(page.at(-1)), newer: cursorAt(page[0]) }
      }
      const rows = repo.listOrders(q, 'older', filter.after, n + 1)
      const page = rows.slice(0, n)
      return {
        orders: items(page),
        older: rows.length > n ? cursorAt(page.at(-1)) : null,
        newer: filter.after ? (cursorAt(page[0]) ?? filter.after) : null,
      }
    },
    orderDetail(orderNumber: string): OrderDetail | undefined {
      const found = orders.findByNumber(orderNumber)
      const order = found[0]
      if (!order) return undefined
      const shipped = shipments.shippedQuantities(order.id)
      const notices = [...journal.ofOrder(order.id), ...journal.unmatchedNaming(order.orderNumber)].sort(
        (a, b) => a.id - b.id,
      )
      return {
        order,
        shipStationStatus: config.statusMap.get(order.statusCode) ?? null,
        orderStatus: orderStatusOf(order.statusCode),
        lines: order.lines.map((l) => ({ ...l, shipped: shipped.get(l.lineItemKey) ?? 0 })),
        history: orders.history(order.id),
        shipments: shipments.shipmentsOf(order.id),
        notices,
        sameNumber: found.length,
      }
    },
    recentShipments(limit: number): ShipmentListRow[] {
      return repo.recentShipments(limit)
    },
    /** Newest first. */
    notices(limit: number, which: NoticeSelection = undefined): NoticeSummary[] {
      if (which !== 'failed') return journal.list(limit, which)
      return (['unmatched', 'rejected', 'flagged'] as const)
        .flatMap((o) => journal.list(limit, o))
        .sort((a, b) => b.id - a.id)
        .slice(0, limit)
    },
    /** Journal rows per current outcome, every outcome present (0 when none). */
    noticeCounts(): Record<NoticeOutcome, number> {
      const counts = journal.countsByOutcome()
      return Object.fromEntries(NOTICE_OUTCOMES.map((o) => [o, counts.get(o) ?? 0])) as Record<NoticeOutcome, number>
    },
    health: () => health.check(),
  }
}

function cursorAt(row: OrderListRow | undefined): OrderCursor | null {
  return row ? { modifiedAt: row.modifiedAt, id: row.id } : null
}

/** Status and code filters → the codes to include or exclude; undefined when nothing can match. */
function orderQuery(map: StatusMap, f: OrderFilter): OrderQuery | undefined {
  const base = { modifiedSince: f.since ?? Number.MIN_SAFE_INTEGER, modifiedBefore: f.until ?? Number.MAX_SAFE_INTEGER }
  if (f.status === null) return { ...base, includeCodes: f.codes, excludeCodes: null }
  if (f.status === 'unmapped') {
    const include = f.codes === null ? null : f.codes.filter((c) => !map.has(c))
    if (include?.length === 0) return undefined
    return { ...base, includeCodes: include, excludeCodes: [...map.keys()] }
  }
  const mapped = codesMappedTo(map, f.status)
  const include = f.codes === null ? mapped : mapped.filter((c) => f.codes?.includes(c))
  if (include.length === 0) return undefined
  return { ...base, includeCodes: include, excludeCodes: null }
}
