// Use case: store one order from createorder JSON (API or CLI import) — insert, update or leave as is.

import { createHash } from 'node:crypto'
import type { ExportBody } from '../db/orders-repo.js'
import type { Tx } from '../db/unit-of-work.js'
import type { OrderInput } from '../domain/order.js'
import { applyShippingDefault } from '../domain/shipping-default.js'
import { ORDER_BODY_VERSION, writeOrderBody } from '../shipstation/export-writer.js'
import { type FieldProblem, type ParseResult, parseCreateOrder } from '../sophio/createorder.js'
import type { Ctx, Store } from './context.js'
import { nextLastModified } from './last-modified.js'
import { applyWaitingNotices } from './ship-notices.js'

export type IngestOutcome = 'created' | 'updated' | 'unchanged'

export type IngestResult =
  | { ok: true; outcome: IngestOutcome; orderId: number; warnings: FieldProblem[] }
  | { ok: false; errors: FieldProblem[]; warnings: FieldProblem[] }

export function hashOrderInput(input: OrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url')
}

/** parseCreateOrder with the store's intake settings. Pure. */
export function parseOrderFor(store: Store, body: unknown): ParseResult {
  return parseCreateOrder(body, { statusMap: store.statusMap, allowedCountries: store.allowedShipToCountries })
}

/** The order's export body, rendered once per write (see export-writer.ts), with cut values logged. */
function render(ctx: Ctx, input: OrderInput): ExportBody {
  const truncated: string[] = []
  const xml = writeOrderBody(input, truncated)
  if (truncated.length > 0) {
    ctx.log.info({ orderNumber: input.orderNumber, fields: truncated }, 'values cut to ShipStation maximum lengths')
  }
  return { xml, version: ORDER_BODY_VERSION }
}

/** Validates and upserts by `orderKey` (else `orderNumber`) in its own write transaction. */
export async function ingestOrder(ctx: Ctx, body: unknown, reason: string): Promise<IngestResult> {
  const parsed = parseOrderFor(ctx.store, body)
  if (!parsed.ok) return parsed
  const input = applyShippingDefault(parsed.order, ctx.store.shippingDefault)
  const stored = await ctx.uow.write((tx) => storeOrder(ctx, tx, input, reason))
  return { ok: true, ...stored, warnings: parsed.warnings }
}

/**
 * Validates and upserts inside the caller's transaction (a batch of an import, a grouped createorder):
 * nothing is written for an invalid order.
 */
export async function ingestOrderIn(ctx: Ctx, tx: Tx, body: unknown, reason: string): Promise<IngestResult> {
  const parsed = parseOrderFor(ctx.store, body)
  if (!parsed.ok) return parsed
  const input = applyShippingDefault(parsed.order, ctx.store.shippingDefault)
  return { ok: true, ...(await storeOrder(ctx, tx, input, reason)), warnings: parsed.warnings }
}

/**
 * LastModified moves only when something changed. A created or updated order applies the notices that
 * arrived before it, in the same transaction.
 */
async function storeOrder(
  ctx: Ctx,
  tx: Tx,
  input: OrderInput,
  reason: string,
): Promise<{ orderId: number; outcome: IngestOutcome }> {
  const hash = hashOrderInput(input)
  const existing = await tx.orders.storedStateOf(input.orderKey)
  if (!existing) {
    const orderId = await tx.orders.insert(input, hash, ctx.now(), reason, render(ctx, input))
    await applyWaitingNotices(ctx, tx, orderId)
    return { orderId, outcome: 'created' }
  }
  if (existing.hash === hash) return { orderId: existing.id, outcome: 'unchanged' }
  const at = nextLastModified({ ...existing, orderNumber: input.orderNumber }, ctx.now(), ctx.log)
  // The body's status applies only when it differs from what the previous post carried: a re-post for an
  // address fix must not undo what happened since (ShipStation shipped it, an operator held it).
  const statusCode = input.statusCode === existing.intakeCode ? existing.statusCode : input.statusCode
  const change = { previousCode: existing.statusCode, statusCode, intakeCode: input.statusCode, reason }
  await tx.orders.update(existing.id, input, hash, at, change, render(ctx, input))
  await applyWaitingNotices(ctx, tx, existing.id)
  return { orderId: existing.id, outcome: 'updated' }
}
