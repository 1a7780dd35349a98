// Use case: an operator or seller moves an order to another Sophio code (e.g. 9 = cancelled).

import type { Order } from '../domain/order.js'
import { AppError, CODE } from '../errors.js'
import type { Ctx } from './context.js'
import { nextLastModified } from './last-modified.js'

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
export async function changeOrderStatus(
  ctx: Ctx,
  orderNumber: string,
  rawCode: string,
  reason: string,
): Promise<ChangeStatusResult> {
  const code = rawCode.trim()
  const { statusMap } = ctx.store
  if (!statusMap.has(code)) {
    throw AppError.of(CODE.UNKNOWN_STATUS_CODE, code, [...statusMap.keys()])
  }
  return ctx.uow.write(async (tx) => {
    const order = await tx.orders.findNewestByNumber(orderNumber)
    if (!order) throw AppError.of(CODE.ORDER_NOT_FOUND, orderNumber)
    if (order.statusCode === code) return { changed: false, order }
    await tx.orders.changeStatus(order.id, order.statusCode, code, nextLastModified(order, ctx.now(), ctx.log), reason)
    const after = await tx.orders.findById(order.id)
    if (!after) throw new Error(`order ${order.id} vanished after its status changed`)
    return { changed: true, order: after }
  })
}
