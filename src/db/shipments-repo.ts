// Shipments and their items: all their SQL, statements prepared once.

import type { Recipient, Shipment, ShipmentInput, ShipmentItem } from '../domain/shipment.js'
import type { Db } from './open.js'

interface ShipmentRow {
  id: number
  order_id: number
  notice_id: number
  dedupe_key: string
  tracking_number: string
  carrier: string | null
  service: string | null
  carrier_fee: number | null
  ship_date: string | null
  label_created_at: number | null
  notes_to_customer: string | null
  internal_notes: string | null
  notify_customer: number | null
  custom_field1: string | null
  custom_field2: string | null
  custom_field3: string | null
  recipient: string | null
  created_at: number
}

interface ItemRow {
  shipment_id: number
  line_item_key: string | null
  sku: string | null
  name: string | null
  quantity: number
}

export type ShipmentsRepo = ReturnType<typeof shipmentsRepo>

export function shipmentsRepo(db: Db) {
  // ON CONFLICT DO NOTHING: the UNIQUE (order_id, dedupe_key) is the last word on duplicates.
  // Positional parameters: binding by name costs more than the insert itself on this hot path.
  const insert = db
    .prepare<unknown[], number>(
      `INSERT INTO shipments (order_id, notice_id, dedupe_key, tracking_number, carrier, service, carrier_fee,
         ship_date, label_created_at, notes_to_customer, internal_notes, notify_customer, custom_field1,
         custom_field2, custom_field3, recipient, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (order_id, dedupe_key) DO NOTHING RETURNING id`,
    )
    .pluck()
  const insertItem = db.prepare(
    'INSERT INTO shipment_items (shipment_id, order_id, line_item_key, sku, name, quantity) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const byKey = db.prepare<[number, string], { id: number }>(
    'SELECT id FROM shipments WHERE order_id = ? AND dedupe_key = ?',
  )
  const ofOrder = db.prepare<[number], ShipmentRow>('SELECT * FROM shipments WHERE order_id = ? ORDER BY id')
  const itemsOfOrder = db.prepare<[number], ItemRow>(
    `SELECT i.shipment_id, i.line_item_key, i.sku, i.name, i.quantity FROM shipment_items i
     WHERE i.order_id = ? ORDER BY i.shipment_id, i.id`,
  )
  const shippedByLine = db.prepare<[number], { line_item_key: string; n: number }>(
    `SELECT line_item_key, sum(quantity) AS n FROM shipment_items
     WHERE order_id = ? AND line_item_key IS NOT NULL GROUP BY line_item_key`,
  )

  return {
    /** Records a package; undefined when the same (order, key) is already there. Call inside a transaction. */
    insert(orderId: number, noticeId: number, s: ShipmentInput, now: number): number | undefined {
      const id = insert.get(
        orderId,
        noticeId,
        s.dedupeKey,
        s.trackingNumber,
        s.carrier,
        s.service,
        s.carrierFee,
        s.shipDate,
        s.labelCreatedAt,
        s.notesToCustomer,
        s.internalNotes,
        s.notifyCustomer === null ? null : s.notifyCustomer ? 1 : 0,
        s.customField1,
        s.customField2,
        s.customField3,
        s.recipient ? JSON.stringify(s.recipient) : null,
        now,
      )
      if (id === undefined) return undefined
      for (const i of s.items) insertItem.run(id, orderId, i.lineItemKey, i.sku, i.name, i.quantity)
      return id
    },
    idOf(orderId: number, dedupeKey: string): number | undefined {
      return byKey.get(orderId, dedupeKey)?.id
    },
    /** Units shipped so far per line key (lines that shipped nothing are absent). */
    shippedQuantities(orderId: number): Map<string, number> {
      return new Map(shippedByLine.all(orderId).map((r) => [r.line_item_key, r.n]))
    },
    /** Every package of an order with its items, oldest first. */
    shipmentsOf(orderId: number): Shipment[] {
      const items = new Map<number, ShipmentItem[]>()
      for (const i of itemsOfOrder.all(orderId)) {
        const list = items.get(i.shipment_id) ?? []
        if (list.length === 0) items.set(i.shipment_id, list)
        list.push({ lineItemKey: i.line_item_key, sku: i.sku, name: i.name, quantity: i.quantity })
      }
      return ofOrder.all(orderId).map((r) => toShipment(r, items.get(r.id) ?? []))
    },
  }
}

function toShipment(r: ShipmentRow, items: ShipmentItem[]): Shipment {
  return {
    id: r.id,
    orderId: r.order_id,
    noticeId: r.notice_id,
    dedupeKey: r.dedupe_key,
    trackingNumber: r.tracking_number,
    carrier: r.carrier,
    service: r.service,
    carrierFee: r.carrier_fee,
    shipDate: r.ship_date,
    labelCreatedAt: r.label_created_at,
    notesToCustomer: r.notes_to_customer,
    internalNotes: r.internal_notes,
    notifyCustomer: r.notify_customer === null ? null : r.notify_customer === 1,
    customField1: r.custom_field1,
    customField2: r.custom_field2,
    customField3: r.custom_field3,
    recipient: r.recipient ? (JSON.parse(r.recipient) as Recipient) : null,
    createdAt: r.created_at,
    items,
  }
}
