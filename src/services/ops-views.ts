// Use case: what operators look at — status map with counts, order search and detail, shipments, notices.

import type { NoticeSummary } from '../db/notices-repo.js'
import type { OrderCursor, OrderListRow, OrderQuery, ShipmentListRow } from '../db/ops-repo.js'
import type { StatusChange } from '../db/orders-repo.js'
import type { Repos } from '../db/repos.js'
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
import type { Ctx } from './context.js'

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

async function listItems(ctx: Ctx, repos: Repos, rows: OrderListRow[]): Promise<OrderListItem[]> {
  const { statusMap, statusMode } = ctx.store
  const done = await repos.ops.linesShipped(rows.map((r) => r.id))
  return rows.map((r) => {
    const l = done.get(r.id)
    return {
      ...r,
      shipStationStatus: statusMap.get(r.statusCode) ?? null,
      orderStatus: exportedStatusOf(r.statusCode, statusMap, statusMode) ?? r.statusCode,
      fulfilment: l ? fulfilmentOf(l.lines, l.shipped) : 'none',
    }
  })
}

/** Newest first by (modified, id); a page reached going back that comes up short is the first page. */
async function listOrdersIn(ctx: Ctx, repos: Repos, filter: OrderFilter): Promise<OrderPage> {
  const q = orderQuery(ctx.store.statusMap, filter)
  if (!q) return { orders: [], older: null, newer: null }
  const n = filter.limit
  if (filter.before) {
    const rows = await repos.ops.listOrders(q, 'newer', filter.before, n + 1)
    if (rows.length <= n) return listOrdersIn(ctx, repos, { ...filter, before: null })
    const page = rows.slice(0, n).reverse()
    return { orders: await listItems(ctx, repos, page), older: cursorAt(page.at(-1)), newer: cursorAt(page[0]) }
  }
  const rows = await repos.ops.listOrders(q, 'older', filter.after, n + 1)
  const page = rows.slice(0, n)
  return {
    orders: await listItems(ctx, repos, page),
    older: rows.length > n ? cursorAt(page.at(-1)) : null,
    newer: filter.after ? (cursorAt(page[0]) ?? filter.after) : null,
  }
}

/** The read models, each a use case of (ctx, input). */
export const opsViews = {
  statusMap(ctx: Ctx): Promise<StatusMapReport> {
    const { statusMap, statusMode, excludeCodes } = ctx.store
    return ctx.uow.read(async (repos) =>
      statusMapReport(statusMap, statusMode, await repos.orders.countsByStatusCode(), excludeCodes),
    )
  },
  listOrders(ctx: Ctx, filter: OrderFilter): Promise<OrderPage> {
    return ctx.uow.read((repos) => listOrdersIn(ctx, repos, filter))
  },
  orderDetail(ctx: Ctx, orderNumber: string): Promise<OrderDetail | undefined> {
    const { statusMap, statusMode } = ctx.store
    return ctx.uow.read(async (repos) => {
      const found = await repos.orders.findByNumber(orderNumber)
      const order = found[0]
      if (!order) return undefined
      const shipped = await repos.shipments.shippedQuantities(order.id)
      const notices = [
        ...(await repos.notices.ofOrder(order.id)),
        ...(await repos.notices.unmatchedNaming(order.orderNumber)),
      ].sort((a, b) => a.id - b.id)
      return {
        order,
        shipStationStatus: statusMap.get(order.statusCode) ?? null,
        orderStatus: exportedStatusOf(order.statusCode, statusMap, statusMode) ?? order.statusCode,
        lines: order.lines.map((l) => ({ ...l, shipped: shipped.get(l.lineItemKey) ?? 0 })),
        history: await repos.orders.history(order.id),
        shipments: await repos.shipments.shipmentsOf(order.id),
        notices,
        sameNumber: found.length,
      }
    })
  },
  recentShipments(ctx: Ctx, limit: number): Promise<ShipmentListRow[]> {
    return ctx.uow.read((repos) => repos.ops.recentShipments(limit))
  },
  /** Newest first. */
  notices(ctx: Ctx, limit: number, which: NoticeSelection = undefined): Promise<NoticeSummary[]> {
    return ctx.uow.read(async (repos) => {
      if (which !== 'failed') return repos.notices.list(limit, which)
      const lists = await Promise.all(
        (['unmatched', 'rejected', 'flagged'] as const).map((o) => repos.notices.list(limit, o)),
      )
      return lists
        .flat()
        .sort((a, b) => b.id - a.id)
        .slice(0, limit)
    })
  },
  /** Journal rows per current outcome, every outcome present (0 when none). */
  noticeCounts(ctx: Ctx): Promise<Record<NoticeOutcome, number>> {
    return ctx.uow.read(async (repos) => {
      const counts = await repos.notices.countsByOutcome()
      return Object.fromEntries(NOTICE_OUTCOMES.map((o) => [o, counts.get(o) ?? 0])) as Record<NoticeOutcome, number>
    })
  },
}

export type OpsViews = typeof opsViews

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
