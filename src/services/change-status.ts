// Use case: an operator or seller moves an order to another Sophio code (e.g. 9 = cancelled).

import type { Db } from '../db/open.js'
import type { OrdersRepo } from '../db/orders-repo.js'
import type { Order } from '../domain/order.js'
import type { StatusMap } from '../domain/status.js'
import { AppError, CODE } from '../errors.js'
import type { Logger } from '../logger.js'
import { nextLastModified } from './last-modified.js'

export interface ChangeStatusDeps {
  db: Db
  orders: OrdersRepo
  statusMap: StatusMap
  now?: () => number
  /** Told when the order's LastModified was in the future. */
  log?: Logger
}

export interface ChangeStatusResult {
  /** false when the order already had this code: nothing written, LastModified unchanged. */
  changed: boolean
  order: Order
}

/**
 * Validates the code against the status map, records the change in the history and moves LastModified
 * (nextLastModified), so the next export window carries the order (a cancelled order too: that is how
 * ShipStation learns of the cancellation).
 */
export function changeOrderStatus(
  deps: ChangeStatusDeps,
  orderNumber: string,
  rawCode: string,
  reason: string,
): ChangeStatusResult {
  const code = rawCode.trim()
  if (!deps.statusMap.has(code)) {
    throw AppError.of(CODE.UNKNOWN_STATUS_CODE, code, [...deps.statusMap.keys()])
  }
  const now = deps.now ?? Date.now
  const id = deps.db
    .transaction((): { id: number; changed: boolean } => {
      const order = deps.orders.findByNumber(orderNumber)[0]
      if (!order) throw AppError.of(CODE.ORDER_NOT_FOUND, orderNumber)
      if (order.statusCode === code) return { id: order.id, changed: false }
      deps.orders.changeStatus(order.id, order.statusCode, code, nextLastModified(order, now(), deps.log), reason)
      return { id: order.id, changed: true }
    })
    .immediate()
  const order = deps.orders.findById(id.id)
  if (!order) throw new Error(`order ${id.id} vanished after its status changed`)
  return { changed: id.changed, order }
}
