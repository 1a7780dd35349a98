// Use case: store one order from createorder JSON (API or CLI import) — insert, update or leave as is.

import { createHash } from 'node:crypto'
import type { Db } from '../db/open.js'
import type { ExportBody, OrdersRepo } from '../db/orders-repo.js'
import type { OrderInput } from '../domain/order.js'
import { applyShippingDefault, type ShippingDefault } from '../domain/shipping-default.js'
import type { Logger } from '../logger.js'
import { ORDER_BODY_VERSION, writeOrderBody } from '../shipstation/export-writer.js'
import { type FieldProblem, type ParseOptions, parseCreateOrder } from '../sophio/createorder.js'
import { nextLastModified } from './last-modified.js'

export type IngestOutcome = 'created' | 'updated' | 'unchanged'

export type IngestResult =
  | { ok: true; outcome: IngestOutcome; orderId: number; warnings: FieldProblem[] }
  | { ok: false; errors: FieldProblem[]; warnings: FieldProblem[] }

export interface IngestDeps {
  db: Db
  orders: OrdersRepo
  parse: ParseOptions
  /** The operator's default carrier/service for orders that arrive without one. */
  shippingDefault?: ShippingDefault | null
  now?: () => number
  /** Told once per order write about values cut to ShipStation's maximum lengths. */
  log?: Logger
  /** Runs inside the write transaction after an order is created or updated (e.g. to apply waiting notices). */
  afterStore?: (orderId: number, outcome: Exclude<IngestOutcome, 'unchanged'>) => void
}

export function hashOrderInput(input: OrderInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('base64url')
}

/** The order's export body, rendered once per write (see export-writer.ts), with cut values logged. */
function render(input: OrderInput, deps: IngestDeps): ExportBody {
  const truncated: string[] = []
  const xml = writeOrderBody(input, truncated)
  if (truncated.length > 0) {
    deps.log?.info({ orderNumber: input.orderNumber, fields: truncated }, 'values cut to ShipStation maximum lengths')
  }
  return { xml, version: ORDER_BODY_VERSION }
}

/** Validates and upserts by `orderKey` (else `orderNumber`); LastModified moves only when something changed. */
export function ingestOrder(deps: IngestDeps, body: unknown, reason: string): IngestResult {
  const parsed = parseCreateOrder(body, deps.parse)
  if (!parsed.ok) return parsed
  const input = applyShippingDefault(parsed.order, deps.shippingDefault ?? null)
  const hash = hashOrderInput(input)
  const now = deps.now ?? Date.now
  const result = deps.db
    .transaction((): { id: number; outcome: IngestOutcome } => {
      const existing = deps.orders.storedStateOf(input.orderKey)
      if (!existing) {
        const id = deps.orders.insert(input, hash, now(), reason, render(input, deps))
        deps.afterStore?.(id, 'created')
        return { id, outcome: 'created' }
      }
      if (existing.hash === hash) return { id: existing.id, outcome: 'unchanged' }
      const at = nextLastModified({ ...existing, orderNumber: input.orderNumber }, now(), deps.log)
      // The body's status applies only when it differs from what the previous post carried: a re-post for an
      // address fix must not undo what happened since (ShipStation shipped it, an operator held it).
      const statusCode = input.statusCode === existing.intakeCode ? existing.statusCode : input.statusCode
      const change = { previousCode: existing.statusCode, statusCode, intakeCode: input.statusCode, reason }
      deps.orders.update(existing.id, input, hash, at, change, render(input, deps))
      deps.afterStore?.(existing.id, 'updated')
      return { id: existing.id, outcome: 'updated' }
    })
    .immediate()
  return { ok: true, outcome: result.outcome, orderId: result.id, warnings: parsed.warnings }
}
