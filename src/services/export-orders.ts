// Use case: one page of the ShipStation export for a time window, from stored order bodies.

import type { ExportRow, PageCursor } from '../db/orders-repo.js'
import type { Repos } from '../db/repos.js'
import { storageFaultKindOf } from '../db/storage-faults.js'
import { floorToMinute, MINUTE_MS } from '../domain/dates.js'
import { exportedStatusOf } from '../domain/status.js'
import {
  emptyOrders,
  ORDER_BODY_VERSION,
  ORDERS_CLOSE,
  ordersOpen,
  writeOrderBody,
  writeOrderHead,
} from '../shipstation/export-writer.js'
import type { Ctx } from './context.js'

export interface ExportRequest {
  /** Epoch ms; the whole start minute is included. */
  start: number
  /** Epoch ms; the whole end minute is included. */
  end: number
  /** 1-based. */
  page: number
}

export interface ExportStats {
  ordersExported: number
  unmappedExported: number
}

export interface ExportPage {
  pages: number
  /** Orders in the window. */
  total: number
  /** Orders on this page. */
  count: number
  /** The document, UTF-8. */
  xml: Buffer
}

/** ShipStation reads `pages` as xs:short. */
export const MAX_PAGES = 32_767

/** [first ms, last ms] of a minute-precision window, both inclusive. */
export function windowBounds(start: number, end: number): [number, number] {
  return [floorToMinute(start), floorToMinute(end) + MINUTE_MS - 1]
}

/**
 * The page size for a window: the configured one, grown when the window would otherwise need more than
 * 32767 pages (only past 3.2 million orders at the default size).
 */
export function effectivePageSize(total: number, configured: number): number {
  return Math.max(configured, Math.ceil(total / MAX_PAGES))
}

interface WindowState {
  version: string
  total: number
  pageSize: number
  /** Last (modified_at, id) of each page served: the next page starts after it, without OFFSET. */
  cursors: Map<number, PageCursor>
}

const MAX_WINDOWS = 32

export type Exporter = (ctx: Ctx, req: ExportRequest) => Promise<ExportPage>

/**
 * ShipStation drains a window page after page. The exporter remembers, per window, the count (while
 * nothing was written) and where each page ended, so page N+1 continues from page N's last row: cost stays
 * flat however deep the page, and an order that changes mid-drain cannot shift the later pages.
 */
export function createExporter(stats: ExportStats): Exporter {
  // One cache per store: its settings decide counts and page sizes.
  const caches = new WeakMap<Ctx['store'], Map<string, WindowState>>()

  async function stateOf(ctx: Ctx, repos: Repos, from: number, to: number): Promise<WindowState> {
    const { exportWindow: window } = repos
    const excluded = ctx.store.excludeCodes
    let windows = caches.get(ctx.store)
    if (!windows) {
      windows = new Map()
      caches.set(ctx.store, windows)
    }
    const key = `${from}|${to}`
    const version = await window.version()
    let state = windows.get(key)
    if (!state) {
      if (windows.size >= MAX_WINDOWS) windows.delete(windows.keys().next().value as string)
      state = { version: '', total: 0, pageSize: 0, cursors: new Map() }
      windows.set(key, state)
    }
    if (state.version !== version) {
      state.total = await window.count(from, to, excluded)
      state.version = version
      const size = effectivePageSize(state.total, ctx.store.pageSize)
      if (size !== state.pageSize) {
        // A new window (or a new page size): find where every page ends in one pass, so that any page,
        // however deep, is a keyset read. Afterwards the cursors are only extended, never recomputed:
        // writes during a drain must not shift pages already defined.
        state.pageSize = size
        state.cursors = new Map((await window.pageEnds(from, to, excluded, size)).map((end, i) => [i + 1, end]))
      }
    }
    return state
  }

  return (ctx, req) => ctx.uow.read((repos) => page(ctx, repos, req))

  async function page(ctx: Ctx, repos: Repos, req: ExportRequest): Promise<ExportPage> {
    const [from, to] = windowBounds(req.start, req.end)
    const excluded = ctx.store.excludeCodes
    const state = await stateOf(ctx, repos, from, to)
    const pages = Math.ceil(state.total / state.pageSize)
    if (req.page > pages) return { pages, total: state.total, count: 0, xml: Buffer.from(emptyOrders(pages)) }
    const cursor = req.page > 1 ? state.cursors.get(req.page - 1) : undefined
    const rows = cursor
      ? await repos.exportWindow.rowsAfter(cursor, to, excluded, state.pageSize)
      : await repos.exportWindow.rowsAt(from, to, excluded, state.pageSize, (req.page - 1) * state.pageSize)
    const last = rows[rows.length - 1]
    if (!last) return { pages, total: state.total, count: 0, xml: Buffer.from(emptyOrders(pages)) }
    state.cursors.set(req.page, [last.modifiedAt, last.id])

    const parts: Buffer[] = [Buffer.from(ordersOpen(pages))]
    for (const row of rows) {
      parts.push(Buffer.from(writeHead(ctx, stats, row)))
      parts.push(row.body.version === ORDER_BODY_VERSION && row.body.xml ? row.body.xml : await freshBody(repos, row))
    }
    parts.push(Buffer.from(ORDERS_CLOSE))
    stats.ordersExported += rows.length
    return { pages, total: state.total, count: rows.length, xml: Buffer.concat(parts) }
  }
}

function writeHead(ctx: Ctx, stats: ExportStats, row: ExportRow): string {
  const { store } = ctx
  let status = exportedStatusOf(row.statusCode, store.statusMap, store.statusMode)
  if (status === undefined) {
    // ShipStation would silently skip an unknown OrderStatus: export the raw code and say so loudly.
    status = row.statusCode
    stats.unmappedExported++
    ctx.log.warn(
      { orderNumber: row.orderNumber, statusCode: row.statusCode },
      'order has a status code the status map does not know; ShipStation will not import it until it is mapped',
    )
  }
  const requestedWarehouse = row.warehouseId && (store.warehouses.get(row.warehouseId) ?? row.warehouseId)
  return writeOrderHead(row.id, row.modifiedAt, { orderStatus: status, requestedWarehouse })
}

/** A fresh body (stored for next time) when an older writer rendered the stored one. */
async function freshBody(repos: Repos, row: ExportRow): Promise<Buffer> {
  const order = await repos.orders.findById(row.id)
  if (!order) throw new Error(`order ${row.id} vanished during the export`)
  const xml = writeOrderBody(order, [])
  try {
    // Outside any transaction (a read): a single statement, kept or not.
    await repos.exportWindow.setBody(row.id, xml, ORDER_BODY_VERSION)
  } catch (err) {
    // Storing it is only a saving for next time: a busy or read-only database must not fail the export.
    if (!storageFaultKindOf(err)) throw err
  }
  return Buffer.from(xml)
}
