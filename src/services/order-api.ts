// Use cases behind the JSON API: createorder intake, read-back and status change, answered in Sophio's shape.

import type { Repos } from '../db/repos.js'
import { toIso } from '../domain/dates.js'
import type { Order } from '../domain/order.js'
import { sellerShipmentJson } from '../domain/shipment-json.js'
import { AppError, CODE } from '../errors.js'
import type { FieldProblem } from '../sophio/createorder.js'
import { echoOrder, type OrderEcho } from '../sophio/createorder-echo.js'
import { changeOrderStatus } from './change-status.js'
import type { Ctx } from './context.js'
import { type IngestOutcome, ingestOrderIn } from './ingest-order.js'

export type IntakeReply =
  | { ok: true; outcome: IngestOutcome; body: OrderEcho & { outcome: IngestOutcome; warnings: FieldProblem[] } }
  | { ok: false; errors: FieldProblem[]; warnings: FieldProblem[] }

/**
 * createorder: stored through group commit (orders arriving together share a transaction and a disk sync);
 * resolves once the order is on disk, with the stored order echoed.
 */
export function createOrder(ctx: Ctx, body: unknown): Promise<IntakeReply> {
  return ctx.uow.write(
    async (tx): Promise<IntakeReply> => {
      const result = await ingestOrderIn(ctx, tx, body, 'api')
      if (!result.ok) return result
      const order = await tx.orders.findById(result.orderId)
      if (!order) throw new Error(`order ${result.orderId} vanished after it was stored`)
      const echo = echoOrder(order, ctx.store.statusMap)
      return { ok: true, outcome: result.outcome, body: { ...echo, outcome: result.outcome, warnings: result.warnings } }
    },
    { group: true },
  )
}

export type OrderReadBack = Awaited<ReturnType<typeof readBack>>

/** The order a number means (the newest with it). */
export function readOrder(ctx: Ctx, orderNumber: string): Promise<OrderReadBack> {
  return ctx.uow.read(async (repos) => {
    const order = await repos.orders.findNewestByNumber(orderNumber)
    if (!order) throw AppError.of(CODE.ORDER_NOT_FOUND, orderNumber)
    return readBack(ctx, repos, order)
  })
}

export async function setOrderStatus(ctx: Ctx, orderNumber: string, code: string, note: string | undefined) {
  const reason = note?.trim() ? `api: ${note.trim()}` : 'api: status change'
  const { changed, order } = await changeOrderStatus(ctx, orderNumber, code, reason)
  return { changed, ...(await ctx.uow.read((repos) => readBack(ctx, repos, order))) }
}

async function readBack(ctx: Ctx, repos: Repos, order: Order) {
  const { statusMap } = ctx.store
  return {
    order: echoOrder(order, statusMap),
    sophioStatus: order.statusCode,
    shipStationStatus: statusMap.get(order.statusCode) ?? null,
    lastModified: toIso(order.modifiedAt),
    history: (await repos.orders.history(order.id)).map((h) => ({
      fromCode: h.fromCode,
      toCode: h.toCode,
      at: toIso(h.at),
      reason: h.reason,
    })),
    shipments: (await repos.shipments.shipmentsOf(order.id)).map(sellerShipmentJson),
  }
}
