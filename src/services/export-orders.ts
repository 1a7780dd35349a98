// Use case: one page of the ShipStation export for a time window.

import { floorToMinute, MINUTE_MS } from '../domain/dates.js'
import type { Order } from '../domain/order.js'
import { exportedStatusOf, type StatusMap, type StatusMode } from '../domain/status.js'
import type { OrdersRepo } from '../db/orders-repo.js'
import type { Logger } from '../logger.js'
import { emptyOrders, ORDERS_CLOSE, ordersOpen, writeOrder } from '../shipstation/export-writer.js'

export interface ExportSettings {
  statusMap: StatusMap
  statusMode: StatusMode
  pageSize: number
}

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
  total: number
  orders: Order[]
  xml: string
}

/** [first ms, last ms] of a minute-precision window, both inclusive. */
export function windowBounds(start: number, end: number): [number, number] {
  return [floorToMinute(start), floorToMinute(end) + MINUTE_MS - 1]
}

export function exportPage(
  repo: OrdersRepo,
  settings: ExportSettings,
  req: ExportRequest,
  log: Logger,
  stats?: ExportStats,
): ExportPage {
  const [from, to] = windowBounds(req.start, req.end)
  const total = repo.countInWindow(from, to)
  const pages = Math.ceil(total / settings.pageSize)
  const orders = req.page > pages ? [] : repo.pageInWindow(from, to, settings.pageSize, (req.page - 1) * settings.pageSize)
  if (orders.length === 0) return { pages, total, orders, xml: emptyOrders(pages) }

  let xml = ordersOpen(pages)
  for (const order of orders) {
    let status = exportedStatusOf(order.statusCode, settings.statusMap, settings.statusMode)
    if (status === undefined) {
      // ShipStation would silently skip an unknown OrderStatus: export the raw code and say so loudly.
      status = order.statusCode
      if (stats) stats.unmappedExported++
      log.warn(
        { orderNumber: order.orderNumber, statusCode: order.statusCode },
        'order has a status code the status map does not know; ShipStation will not import it until it is mapped',
      )
    }
    const truncated: string[] = []
    xml += writeOrder(order, { orderStatus: status, requestedWarehouse: order.warehouseId }, truncated)
    if (truncated.length > 0) {
      log.info({ orderNumber: order.orderNumber, fields: truncated }, 'values cut to ShipStation maximum lengths')
    }
  }
  if (stats) stats.ordersExported += orders.length
  return { pages, total, orders, xml: xml + ORDERS_CLOSE }
}
