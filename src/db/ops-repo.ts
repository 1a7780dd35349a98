// Read-only queries behind the operator views (CLI and /ops): order listing (keyset pages) and recent shipments.

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
  shipToCountry: string | null
  orderTotal: number
  currencyCode: string | null
}

/** A place in the listing, newest first by (modified_at, id): the keyset a page starts after. */
export interface OrderCursor {
  modifiedAt: number
  id: number
}

export interface OrderQuery {
  /** Only these codes (null: any). */
  includeCodes: readonly string[] | null
  /** None of these codes (null: none excluded) — "unmapped" is everything the map does not name. */
  excludeCodes: readonly string[] | null
  /** Epoch ms; orders modified at or after it. */
  modifiedSince: number
  /** Epoch ms; orders modified before it. */
  modifiedBefore: number
}

/** Per order: its lines and what was shipped of each (the input of fulfilmentOf). */
export interface LinesShipped {
  lines: { lineItemKey: string; quantity: number; adjustment: boolean }[]
  shipped: Map<string, number>
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

interface ListParams {
  include: string | null
  exclude: string | null
  since: number
  until: number
  cursorModified: number
  cursorId: number
  limit: number
}

interface ListRow {
  id: number
  order_number: string
  order_key: string
  status_code: string
  order_date: number
  modified_at: number
  ship_to_name: string | null
  ship_to_country: string | null
  order_total: number
  currency_code: string | null
}

export function opsRepo(db: Db) {
  // Codes come as JSON arrays; a null array switches the condition off. Keyset paging over orders_modified:
  // the row-value comparison walks the index from the cursor, so page 1000 costs what page 1 costs.
  const listing = (direction: 'older' | 'newer') =>
    db.prepare<ListParams, ListRow>(
      `SELECT id, order_number, order_key, status_code, order_date, modified_at,
              json_extract(ship_to, '$.name') AS ship_to_name, json_extract(ship_to, '$.country') AS ship_to_country,
              order_total, currency_code
       FROM orders
       WHERE modified_at >= @since AND modified_at < @until
         AND (modified_at, id) ${direction === 'older' ? '<' : '>'} (@cursorModified, @cursorId)
         AND (@include IS NULL OR status_code IN (SELECT value FROM json_each(@include)))
         AND (@exclude IS NULL OR status_code NOT IN (SELECT value FROM json_each(@exclude)))
       ORDER BY modified_at ${direction === 'older' ? 'DESC' : 'ASC'}, id ${direction === 'older' ? 'DESC' : 'ASC'}
       LIMIT @limit`,
    )
  const older = listing('older')
  const newer = listing('newer')
  // One page's lines and shipped quantities in two statements, not two per order.
  const linesOf = db.prepare<[string], { order_id: number; line_item_key: string; quantity: number; adjustment: number }>(
    `SELECT order_id, line_item_key, quantity, adjustment FROM order_lines
     WHERE order_id IN (SELECT value FROM json_each(?))`,
  )
  const shippedOf = db.prepare<[string], { order_id: number; line_item_key: string; n: number }>(
    `SELECT order_id, line_item_key, sum(quantity) AS n FROM shipment_items
     WHERE order_id IN (SELECT value FROM json_each(?)) AND line_item_key IS NOT NULL
     GROUP BY order_id, line_item_key`,
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
    /**
     * Up to `limit` orders matching `q` next to `cursor`: "older" newest first, "newer" oldest first (the
     * caller turns that page round). Without a cursor "older" starts at the newest order.
     */
    listOrders(q: OrderQuery, direction: 'older' | 'newer', cursor: OrderCursor | null, limit: number): OrderListRow[] {
      const top = Number.MAX_SAFE_INTEGER
      return (direction === 'older' ? older : newer)
        .all({
          include: q.includeCodes === null ? null : JSON.stringify(q.includeCodes),
          exclude: q.excludeCodes === null ? null : JSON.stringify(q.excludeCodes),
          since: q.modifiedSince,
          until: q.modifiedBefore,
          cursorModified: cursor?.modifiedAt ?? (direction === 'older' ? top : -top),
          cursorId: cursor?.id ?? (direction === 'older' ? top : -top),
          limit,
        })
        .map((r) => ({
          id: r.id,
          orderNumber: r.order_number,
          orderKey: r.order_key,
          statusCode: r.status_code,
          orderDate: r.order_date,
          modifiedAt: r.modified_at,
          shipToName: r.ship_to_name ?? '',
          shipToCountry: r.ship_to_country,
          orderTotal: r.order_total,
          currencyCode: r.currency_code,
        }))
    },
    /** Lines and shipped quantities of these orders (every id present). */
    linesShipped(orderIds: readonly number[]): Map<number, LinesShipped> {
      const ids = JSON.stringify(orderIds)
      const out = new Map<number, LinesShipped>(orderIds.map((id) => [id, { lines: [], shipped: new Map() }]))
      for (const l of linesOf.all(ids)) {
        out.get(l.order_id)?.lines.push({ lineItemKey: l.line_item_key, quantity: l.quantity, adjustment: l.adjustment === 1 })
      }
      for (const s of shippedOf.all(ids)) out.get(s.order_id)?.shipped.set(s.line_item_key, s.n)
      return out
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
