// Use cases behind the JSON API: createorder intake, read-back and status change, answered in Sophio's shape.

import type { OrdersRepo } from '../db/orders-repo.js'
import type { ShipmentsRepo } from '../db/shipments-repo.js'
import { toIso } from '../domain/dates.js'
import type { Order } from '../domain/order.js'
import { sellerShipmentJson } from '../domain/shipment-json.js'
import type { StatusMap } from '../domain/status.js'
import { NotFoundError } from '../errors.js'
import type { FieldProblem } from '../sophio/createorder.js'
import { echoOrder, type OrderEcho } from '../sophio/createorder-echo.js'
import { type ChangeStatusDeps, changeOrderStatus } from './change-status.js'
import type { IngestOutcome, IngestResult } from './ingest-order.js'

export type IntakeReply =
  | { ok: true; outcome: IngestOutcome; body: OrderEcho & { outcome: IngestOutcome; warnings: FieldProblem[] } }
  | { ok: false; errors: FieldProblem[]; warnings: FieldProblem[] }

export interface OrderApiDeps extends ChangeStatusDeps {
  orders: OrdersRepo
  statusMap: StatusMap
  ingest(body: unknown, reason: string): IngestResult
  shipments: Pick<ShipmentsRepo, 'shipmentsOf'>
}

export function createOrder(deps: OrderApiDeps, body: unknown): IntakeReply {
  const result = deps.ingest(body, 'api')
  if (!result.ok) return result
  const order = deps.orders.findById(result.orderId)
  if (!order) throw new Error(`order ${result.orderId} vanished after it was stored`)
  const echo = echoOrder(order, deps.statusMap)
  return { ok: true, outcome: result.outcome, body: { ...echo, outcome: result.outcome, warnings: result.warnings } }
}

/** The order with the newest id among those with this number (numbers are unique per store in practice). */
export function readOrder(deps: OrderApiDeps, orderNumber: string) {
  const order = deps.orders.findByNumber(orderNumber)[0]
  if (!order) throw new NotFoundError('ORDER_NOT_FOUND', `no order with number "${orderNumber}"`)
  return readBack(deps, order)
}

export function setOrderStatus(deps: OrderApiDeps, orderNumber: string, code: string, note: string | undefined) {
  const reason = note?.trim() ? `api: ${note.trim()}` : 'api: status change'
  const { changed, order } = changeOrderStatus(deps, orderNumber, code, reason)
  return { changed, ...readBack(deps, order) }
}

function readBack(deps: OrderApiDeps, order: Order) {
  return {
    order: echoOrder(order, deps.statusMap),
    sophioStatus: order.statusCode,
    shipStationStatus: deps.statusMap.get(order.statusCode) ?? null,
    lastModified: toIso(order.modifiedAt),
    history: deps.orders.history(order.id).map((h) => ({
      fromCode: h.fromCode,
      toCode: h.toCode,
      at: toIso(h.at),
      reason: h.reason,
    })),
    shipments: deps.shipments.shipmentsOf(order.id).map(sellerShipmentJson),
  }
}
