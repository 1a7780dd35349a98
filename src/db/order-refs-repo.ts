// Lean order reads for shipment notices: identity, status and lines, without the stored export body.

import type { Db } from './open.js'
import { NEWEST_FIRST } from './orders-repo.js'

/** What a notice needs to know about an order. */
export interface OrderRef {
  id: number
  orderNumber: string
  statusCode: string
  modifiedAt: number
}

export interface LineRef {
  lineItemKey: string
  sku: string
  name: string
  quantity: number
  adjustment: boolean
}

type RefRow = [id: number, orderNumber: string, statusCode: string, modifiedAt: number]
type LineRow = [lineItemKey: string, sku: string, name: string, quantity: number, adjustment: number]

export type OrderRefsRepo = ReturnType<typeof orderRefsRepo>

export function orderRefsRepo(db: Db) {
  const columns = 'id, order_number, status_code, modified_at'
  const byId = db.prepare<[number], RefRow>(`SELECT ${columns} FROM orders WHERE id = ?`).raw()
  const byNumber = db
    .prepare<[string], RefRow>(`SELECT ${columns} FROM orders WHERE order_number = ? ${NEWEST_FIRST}`)
    .raw()
  const lines = db
    .prepare<[number], LineRow>(
      'SELECT line_item_key, sku, name, quantity, adjustment FROM order_lines WHERE order_id = ? ORDER BY position',
    )
    .raw()
  const toRef = (r: RefRow): OrderRef => ({ id: r[0], orderNumber: r[1], statusCode: r[2], modifiedAt: r[3] })

  return {
    byId(id: number): OrderRef | undefined {
      const r = byId.get(id)
      return r && toRef(r)
    },
    /** Newest first (NEWEST_FIRST). */
    byNumber(orderNumber: string): OrderRef[] {
      return byNumber.all(orderNumber).map(toRef)
    },
    linesOf(orderId: number): LineRef[] {
      return lines
        .all(orderId)
        .map((r) => ({ lineItemKey: r[0], sku: r[1], name: r[2], quantity: r[3], adjustment: r[4] === 1 }))
    },
  }
}
