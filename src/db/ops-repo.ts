// Read-only queries behind the operator views (CLI and /ops): order listing and recent shipments.

import type { Db } from './open.js'

/** One row of an order listing: what an operator scans for, not the whole order. */
export interface OrderListRow {
  id: number
  orderNumber: string
  orderKey: string
  statusCode: string
  orderDate: number
  modifiedAt: number
  shipToName: string
  orderTotal: number
}

export interface OrderQuery {
  /** Only these codes (null: any). */
  includeCodes: readonly string[] | null
  /** None of these codes (null: none excluded) — "unmapped" is everything the map does not name. */
  excludeCodes: readonly string[] | null
  /** Epoch ms; orders modified at or after it. */
  modifiedSince: number
  limit: number
}

/** A recorded package with the number of the order it belongs to. */
export interface ShipmentListRow {
  id: number
  orderId: number
  orderNumber: string
  noticeId: number
  trackingNumber: string
  carrier: string | null
  service: string | null
  shipDate: string | null
  createdAt: number
  units: number
}

export type OpsRepo = ReturnType<typeof opsRepo>

export function opsRepo(db: Db) {
  // Codes come as JSON arrays; a null array switches the condition off. Newest first over orders_modified.
  const listOrders = db.prepare<
    { include: string | null; exclude: string | null; since: number; limit: number },
    {
      id: number
      order_number: string
      order_key: string
      status_code: string
      order_date: number
      modified_at: number
      ship_to_name: string | null
      order_total: number
    }
  >(
    `SELECT id, order_number, order_key, status_code, order_date, modified_at,
            json_extract(ship_to, '$.name') AS ship_to_name, order_total
     FROM orders
     WHERE modified_at >= @since
       AND (@include IS NULL OR status_code IN (SELECT value FROM json_each(@include)))
       AND (@exclude IS NULL OR status_code NOT IN (SELECT value FROM json_each(@exclude)))
     ORDER BY modified_at DESC, id DESC LIMIT @limit`,
  )
  // Units per package: items are indexed by (order_id, …), so the order id narrows the lookup.
  const recentShipments = db.prepare<
    [number],
    {
      id: number
      order_id: number
      order_number: string
      notice_id: number
      tracking_number: string
      carrier: string | null
      service: string | null
      ship_date: string | null
      created_at: number
      units: number | null
    }
  >(
    `SELECT s.id, s.order_id, o.order_number, s.notice_id, s.tracking_number, s.carrier, s.service, s.ship_date,
            s.created_at,
            (SELECT sum(i.quantity) FROM shipment_items i WHERE i.order_id = s.order_id AND i.shipment_id = s.id) AS units
     FROM shipments s JOIN orders o ON o.id = s.order_id
     ORDER BY s.id DESC LIMIT ?`,
  )
  // The literal outcome lets SQLite use the ship_notices_waiting partial index.

  return {
    listOrders(q: OrderQuery): OrderListRow[] {
      return listOrders
        .all({
          include: q.includeCodes === null ? null : JSON.stringify(q.includeCodes),
          exclude: q.excludeCodes === null ? null : JSON.stringify(q.excludeCodes),
          since: q.modifiedSince,
          limit: q.limit,
        })
        .map((r) => ({
          id: r.id,
          orderNumber: r.order_number,
          orderKey: r.order_key,
          statusCode: r.status_code,
          orderDate: r.order_date,
          modifiedAt: r.modified_at,
          shipToName: r.ship_to_name ?? '',
          orderTotal: r.order_total,
        }))
    },
    /** Newest first. */
    recentShipments(limit: number): ShipmentListRow[] {
      return recentShipments.all(limit).map((r) => ({
        id: r.id,
        orderId: r.order_id,
        orderNumber: r.order_number,
        noticeId: r.notice_id,
        trackingNumber: r.tracking_number,
        carrier: r.carrier,
        service: r.service,
        shipDate: r.ship_date,
        createdAt: r.created_at,
        units: r.units ?? 0,
      }))
    },
  }
}
