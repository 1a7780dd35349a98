// Shipments from ShipStation notices: the notice as read, the shipment we keep, and the pure rules between them.

import { createHash } from 'node:crypto'
import { parseShipStationDate } from './dates.js'
import { roundMoney } from './order.js'

/** A `<ShipNotice>` as read: every value a trimmed string, null when the element is missing or empty. */
export interface ShipNotice {
  orderId: string | null
  orderNumber: string | null
  customerCode: string | null
  customerNotes: string | null
  internalNotes: string | null
  notesToCustomer: string | null
  notifyCustomer: string | null
  labelCreateDate: string | null
  shipDate: string | null
  carrier: string | null
  service: string | null
  trackingNumber: string | null
  shippingCost: string | null
  customField1: string | null
  customField2: string | null
  customField3: string | null
  recipient: Recipient | null
  /** null when the notice has no `Items` (or an empty one): ShipStation shipped the whole order. */
  items: NoticeItem[] | null
}

export interface Recipient {
  name: string | null
  company: string | null
  address1: string | null
  address2: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
  phone: string | null
}

export interface NoticeItem {
  lineItemId: string | null
  sku: string | null
  name: string | null
  quantity: string | null
}

/** What becomes of a notice; kept in the journal. */
export const NOTICE_OUTCOMES = ['applied', 'duplicate', 'unmatched', 'rejected', 'flagged'] as const
export type NoticeOutcome = (typeof NOTICE_OUTCOMES)[number]

export interface ShipmentItem {
  /** The order line it ships; null when the notice named an item the order does not have. */
  lineItemKey: string | null
  sku: string | null
  name: string | null
  quantity: number
}

/** One package: what the connector keeps of a notice that matched an order. */
export interface ShipmentInput {
  trackingNumber: string
  /** Deduplication key: the normalised tracking number, or a content hash when ShipStation sent none. */
  dedupeKey: string
  carrier: string | null
  service: string | null
  /** What the label cost (`ShippingCost`), not what the buyer paid. */
  carrierFee: number | null
  /** `YYYY-MM-DD`. */
  shipDate: string | null
  labelCreatedAt: number | null
  notesToCustomer: string | null
  internalNotes: string | null
  /** As sent: `false` means ShipStation already emailed the buyer; `true` asks the store to do it. */
  notifyCustomer: boolean | null
  customField1: string | null
  customField2: string | null
  customField3: string | null
  recipient: Recipient | null
  items: ShipmentItem[]
}

export interface Shipment extends ShipmentInput {
  id: number
  orderId: number
  noticeId: number
  createdAt: number
}

/** An order line as the shipment rules see it. */
export interface LineState {
  lineItemKey: string
  sku: string
  name: string
  quantity: number
  adjustment: boolean
  /** Units already shipped by earlier notices. */
  shipped: number
}

/**
 * The items a notice ships. By `LineItemID`, else by SKU (spread over the lines with that SKU that still
 * have units to ship); a notice without items ships what every non-adjustment line has left.
 * `notes` says what did not fit (unknown items, bad quantities, more than ordered).
 */
export function planItems(
  lines: readonly LineState[],
  items: readonly NoticeItem[] | null,
): { items: ShipmentItem[]; notes: string[]; unknownItems: number } {
  const notes: string[] = []
  const left = new Map(lines.map((l) => [l.lineItemKey, Math.max(0, l.quantity - l.shipped)]))
  const out: ShipmentItem[] = []
  const ship = (line: LineState, quantity: number) => {
    out.push({ lineItemKey: line.lineItemKey, sku: line.sku, name: line.name, quantity })
    left.set(line.lineItemKey, (left.get(line.lineItemKey) ?? 0) - quantity)
  }
  if (items === null) {
    for (const line of lines) {
      const n = left.get(line.lineItemKey) ?? 0
      if (!line.adjustment && n > 0) ship(line, n)
    }
    if (out.length === 0) notes.push('no Items and nothing left to ship: recorded as a re-shipment')
    return { items: out, notes, unknownItems: 0 }
  }
  let unknownItems = 0
  for (const item of items) {
    const label = item.lineItemId ? `LineItemID "${item.lineItemId}"` : `SKU "${item.sku ?? ''}"`
    const quantity = item.quantity === null ? null : parseQuantity(item.quantity)
    if (quantity === undefined) {
      notes.push(`item ${label}: quantity "${item.quantity}" is not a whole number from 1; item skipped`)
      continue
    }
    const byId = item.lineItemId ? lines.find((l) => l.lineItemKey === item.lineItemId) : undefined
    const candidates = byId ? [byId] : item.sku ? lines.filter((l) => l.sku === item.sku) : []
    if (candidates.length === 0) {
      unknownItems++
      notes.push(`item ${label} matches no line of the order`)
      if (quantity !== null) out.push({ lineItemKey: null, sku: item.sku, name: item.name, quantity })
      continue
    }
    if (!byId && item.lineItemId)
      notes.push(`LineItemID "${item.lineItemId}" is not a line of the order; matched by SKU`)
    let remaining = quantity ?? candidates.reduce((sum, l) => sum + Math.max(0, left.get(l.lineItemKey) ?? 0), 0)
    if (remaining === 0) {
      notes.push(`item ${label}: no quantity and nothing left to ship`)
      continue
    }
    // Fill lines that still have units to ship first; whatever is left over goes on the first line.
    for (const line of candidates) {
      const room = Math.max(0, left.get(line.lineItemKey) ?? 0)
      const n = Math.min(room, remaining)
      if (n > 0) {
        ship(line, n)
        remaining -= n
      }
    }
    if (remaining > 0) {
      notes.push(`item ${label}: ${remaining} more than ordered`)
      ship(candidates[0] as LineState, remaining)
    }
  }
  return { items: merge(out), notes, unknownItems }
}

/** One entry per line (a notice may list a line twice). */
function merge(items: ShipmentItem[]): ShipmentItem[] {
  const byKey = new Map<string, ShipmentItem>()
  const out: ShipmentItem[] = []
  for (const item of items) {
    if (item.lineItemKey === null) {
      out.push(item)
      continue
    }
    const seen = byKey.get(item.lineItemKey)
    if (seen) seen.quantity += item.quantity
    else {
      const copy = { ...item }
      byKey.set(item.lineItemKey, copy)
      out.push(copy)
    }
  }
  return out
}

export type Fulfilment = 'none' | 'partial' | 'complete'

/** Complete when every non-adjustment line has shipped its quantity; `shipped` is units per line key. */
export function fulfilmentOf(
  lines: readonly Pick<LineState, 'lineItemKey' | 'quantity' | 'adjustment'>[],
  shipped: ReadonlyMap<string, number>,
): Fulfilment {
  let any = false
  let all = true
  for (const line of lines) {
    if (line.adjustment) continue
    const n = shipped.get(line.lineItemKey) ?? 0
    if (n > 0) any = true
    if (n < line.quantity) all = false
  }
  if (all) return 'complete'
  return any ? 'partial' : 'none'
}

/**
 * The same package must never count twice: keyed by tracking number (case and spaces ignored). A notice
 * without one (an order marked shipped without a label) is keyed by what it ships, so an exact repeat is
 * still recognised while a different package is not swallowed.
 */
export function dedupeKeyOf(trackingNumber: string, notice: ShipNotice): string {
  const normalised = trackingNumber.replace(/\s+/g, '').toUpperCase()
  if (normalised !== '') return `tracking:${normalised}`
  const content = JSON.stringify([
    notice.carrier,
    notice.service,
    notice.shipDate,
    notice.labelCreateDate,
    notice.items?.map((i) => [i.lineItemId, i.sku, i.quantity]) ?? null,
  ])
  return `content:${createHash('sha256').update(content).digest('base64url')}`
}

/** A whole number 1..99999 (ShipStation's quantity range), else undefined. */
export function parseQuantity(raw: string): number | undefined {
  if (!/^\+?\d{1,5}$/.test(raw.trim())) return undefined
  const n = Number(raw)
  return n >= 1 ? n : undefined
}

/** `4.95` → 4.95; undefined when it is not a plain decimal. */
export function parseMoney(raw: string): number | undefined {
  const s = raw.trim()
  if (!/^-?\d{1,9}(\.\d+)?$/.test(s)) return undefined
  return roundMoney(Number(s))
}

export function parseBool(raw: string): boolean | undefined {
  const s = raw.trim().toLowerCase()
  if (s === 'true' || s === '1' || s === 'yes') return true
  if (s === 'false' || s === '0' || s === 'no') return false
  return undefined
}

/** ShipStation's `MM/dd/yyyy` (or any date it may send) → `YYYY-MM-DD`; undefined when it is not a date. */
export function parseShipDate(raw: string): string | undefined {
  const t = parseShipStationDate(raw)
  return t === undefined ? undefined : new Date(t).toISOString().slice(0, 10)
}

/**
 * "UPS Ground", never "UPS UPS Ground": ShipStation's service names often start with the carrier's
 * ("USPS Priority Mail", "FedEx Ground"), so the carrier is shown only when the service does not name it.
 */
export function carrierAndService(carrier: string | null | undefined, service: string | null | undefined): string {
  const c = carrier?.trim() ?? ''
  const s = service?.trim() ?? ''
  if (!c || !s) return c || s
  return s.toLowerCase().startsWith(c.toLowerCase()) ? s : `${c} ${s}`
}
