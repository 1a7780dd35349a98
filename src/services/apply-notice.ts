// Use case core: match a read ShipNotice to an order and write its shipment and status (inside a transaction).

import type { NoticeVerdict } from '../db/notices-repo.js'
import type { OrderRef } from '../db/order-refs-repo.js'
import type { Repos } from '../db/repos.js'
import type { Tx } from '../db/unit-of-work.js'
import { parseShipStationDate } from '../domain/dates.js'
import {
  dedupeKeyOf,
  type Fulfilment,
  fulfilmentOf,
  type LineState,
  type NoticeOutcome,
  parseBool,
  parseMoney,
  parseShipDate,
  planItems,
  type ShipmentInput,
  type ShipNotice,
} from '../domain/shipment.js'
import type { Ctx } from './context.js'
import { nextLastModified } from './last-modified.js'

/** The shipnotify query parameters (trimmed; null when absent or empty). */
export interface NoticeQuery {
  orderNumber: string | null
  carrier: string | null
  service: string | null
  trackingNumber: string | null
}

export interface OrderMatch {
  order: OrderRef | undefined
  /** Which identifier found it. */
  via: 'OrderID' | 'order_number' | 'ShipNotice/OrderNumber' | 'arrival' | undefined
  /** The number we tell ShipStation and keep for matching later: order_number, else ShipNotice/OrderNumber. */
  orderNumber: string | null
  notes: string[]
  /** The identifiers point at different orders: applied, but an operator should look. */
  conflict: boolean
}

/**
 * ShipNotice/OrderID first (it is our orders.id, echoed from the export), then the order_number parameter,
 * then ShipNotice/OrderNumber. Disagreements do not stop the notice; they are written into the journal
 * and make it 'flagged'.
 */
export async function matchOrder(orders: Repos['refs'], notice: ShipNotice, query: NoticeQuery): Promise<OrderMatch> {
  const notes: string[] = []
  let conflict = false
  const queryNumber = query.orderNumber
  const bodyNumber = notice.orderNumber
  const orderNumber = queryNumber ?? bodyNumber
  if (queryNumber && bodyNumber && queryNumber !== bodyNumber) {
    conflict = true
    notes.push(`order_number "${queryNumber}" and ShipNotice/OrderNumber "${bodyNumber}" disagree`)
  }
  if (notice.orderId !== null) {
    const byId = /^\d{1,15}$/.test(notice.orderId) ? await orders.byId(Number(notice.orderId)) : undefined
    if (byId) {
      for (const [name, n] of [
        ['order_number', queryNumber],
        ['ShipNotice/OrderNumber', bodyNumber],
      ] as const) {
        if (n !== null && n !== byId.orderNumber) {
          conflict = true
          notes.push(`${name} "${n}" is not the number of OrderID ${byId.id} ("${byId.orderNumber}"); OrderID wins`)
        }
      }
      return { order: byId, via: 'OrderID', orderNumber: orderNumber ?? byId.orderNumber, notes, conflict }
    }
    notes.push(`OrderID "${notice.orderId}" is not an order here`)
  }
  for (const [via, n] of [
    ['order_number', queryNumber],
    ['ShipNotice/OrderNumber', bodyNumber],
  ] as const) {
    if (n === null) continue
    const found = await orders.byNumber(n)
    if (found.length === 0) continue
    if (found.length > 1) {
      conflict = true
      notes.push(`${found.length} orders carry number "${n}"; the newest (id ${found[0]?.id}) was taken`)
    }
    if (via === 'order_number' && bodyNumber !== null && bodyNumber !== n) notes.push('order_number wins')
    return { order: found[0], via, orderNumber, notes, conflict }
  }
  return { order: undefined, via: undefined, orderNumber, notes, conflict }
}

/**
 * Records the package (once per order and tracking number) and moves the order's status. The caller owns
 * the transaction and writes journal row `noticeId` before it commits (the reference is checked at commit).
 */
export async function applyToOrder(
  ctx: Ctx,
  tx: Tx,
  noticeId: number,
  order: OrderRef,
  notice: ShipNotice,
  query: NoticeQuery,
  earlier: { notes: string[]; flag: boolean },
): Promise<NoticeVerdict> {
  const { store } = ctx
  const notes = [...earlier.notes]
  let flag = earlier.flag
  const trackingNumber = pick('TrackingNumber', notice.trackingNumber, 'tracking_number', query.trackingNumber, notes)
  const verdict = (outcome: NoticeOutcome, shipmentId: number | null): NoticeVerdict => ({
    outcome,
    reason: notes.join('; '),
    orderNumber: order.orderNumber,
    orderId: order.id,
    trackingNumber: trackingNumber ?? '',
    shipmentId,
  })
  const dedupeKey = dedupeKeyOf(trackingNumber ?? '', notice)
  const shipped = await tx.shipments.shippedQuantities(order.id)
  const lines: LineState[] = (await tx.refs.linesOf(order.id)).map((l) => ({
    ...l,
    shipped: shipped.get(l.lineItemKey) ?? 0,
  }))
  const plan = planItems(lines, notice.items)
  const input: ShipmentInput = {
    trackingNumber: trackingNumber ?? '',
    dedupeKey,
    carrier: pick('Carrier', notice.carrier, 'carrier', query.carrier, notes),
    service: pick('Service', notice.service, 'service', query.service, notes),
    carrierFee: convert(notice.shippingCost, parseMoney, 'ShippingCost', notes),
    shipDate: convert(notice.shipDate, parseShipDate, 'ShipDate', notes),
    labelCreatedAt: convert(notice.labelCreateDate, parseShipStationDate, 'LabelCreateDate', notes),
    notesToCustomer: notice.notesToCustomer,
    internalNotes: notice.internalNotes,
    notifyCustomer: convert(notice.notifyCustomer, parseBool, 'NotifyCustomer', notes),
    customField1: notice.customField1,
    customField2: notice.customField2,
    customField3: notice.customField3,
    recipient: notice.recipient,
    items: plan.items,
  }
  const now = ctx.now()
  // The UNIQUE (order_id, dedupe_key) constraint is the duplicate check: no read-then-write race.
  const shipmentId = await tx.shipments.insert(order.id, noticeId, input, now)
  if (shipmentId === undefined) {
    const existing = (await tx.shipments.idOf(order.id, dedupeKey)) ?? null
    notes.length = 0
    notes.push(`already recorded as shipment ${existing}${trackingNumber ? '' : ' (same content, no tracking number)'}`)
    return verdict('duplicate', existing)
  }
  if (!trackingNumber) notes.push('no tracking number: recorded, de-duplicated by content')
  notes.push(...plan.notes)
  if (plan.unknownItems > 0) flag = true
  for (const i of plan.items) {
    if (i.lineItemKey !== null) shipped.set(i.lineItemKey, (shipped.get(i.lineItemKey) ?? 0) + i.quantity)
  }
  const state = fulfilmentOf(lines, shipped)
  notes.unshift(`shipment ${shipmentId}: ${shippedSummary(plan.items, state)}`)

  const mapped = store.statusMap.get(order.statusCode)
  if (mapped === 'cancelled') {
    notes.push(`order is cancelled (code ${order.statusCode}): status left as it is, an operator must decide`)
    return verdict('flagged', shipmentId)
  }
  // A code that already means "shipped" is left alone (never downgraded by a late partial notice), except
  // the partial code itself, which a completing notice replaces.
  const alreadyShipped = mapped === 'shipped' && order.statusCode !== store.partialShippedCode
  let target: string | undefined
  if (state === 'complete' && !alreadyShipped) target = store.shippedCode
  if (state === 'partial' && mapped !== 'shipped') target = store.partialShippedCode ?? undefined
  if (target !== undefined && target !== order.statusCode) {
    const at = nextLastModified(order, now, ctx.log)
    const why = `shipnotify: notice ${noticeId}, shipment ${shipmentId}`
    await tx.orders.changeStatus(order.id, order.statusCode, target, at, why)
    notes.push(`status ${order.statusCode} → ${target}`)
  }
  return verdict(flag ? 'flagged' : 'applied', shipmentId)
}

/** Body value first (the structured record), then the query parameter; a disagreement is noted. */
function pick(bodyName: string, body: string | null, queryName: string, query: string | null, notes: string[]) {
  if (body !== null && query !== null && body !== query) {
    notes.push(`${bodyName} "${body}" and ${queryName} "${query}" disagree; ${bodyName} kept`)
  }
  return body ?? query
}

function convert<T>(raw: string | null, parse: (s: string) => T | undefined, name: string, notes: string[]): T | null {
  if (raw === null) return null
  const v = parse(raw)
  if (v === undefined) {
    notes.push(`${name} "${raw.slice(0, 40)}" not understood; left empty`)
    return null
  }
  return v
}

/** "3 units, order partly shipped" — only units of the order's own lines count; items it lacks are named apart. */
export function shippedSummary(items: readonly { lineItemKey: string | null; quantity: number }[], state: Fulfilment): string {
  let ofLines = 0
  let unknown = 0
  for (const i of items) {
    if (i.lineItemKey === null) unknown += i.quantity
    else ofLines += i.quantity
  }
  const n = (k: number) => `${k} unit${k === 1 ? '' : 's'}`
  const progress =
    state === 'complete' ? 'order fully shipped' : state === 'partial' ? 'order partly shipped' : 'no line of the order shipped'
  return `${n(ofLines)}${unknown > 0 ? ` (and ${n(unknown)} of items the order does not have)` : ''}, ${progress}`
}
