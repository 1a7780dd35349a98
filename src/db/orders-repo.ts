// Orders, their lines, export bodies and status history: all order SQL, statements prepared once.

import type { Address, Order, OrderInput, OrderLine, WeightUnit } from '../domain/order.js'
import type { Db } from './open.js'

interface OrderRow {
  id: number
  order_key: string
  order_number: string
  status_code: string
  order_date: number
  payment_date: number | null
  ship_by_date: number | null
  created_at: number
  modified_at: number
  content_hash: string
  customer_id: string | null
  customer_username: string | null
  customer_email: string | null
  bill_to: string
  ship_to: string
  order_total: number
  amount_paid: number | null
  tax_amount: number | null
  shipping_amount: number
  currency_code: string | null
  customer_notes: string | null
  internal_notes: string | null
  gift: number
  gift_message: string | null
  payment_method: string | null
  requested_shipping_service: string | null
  carrier_code: string | null
  service_code: string | null
  package_code: string | null
  confirmation: string | null
  ship_date: string | null
  weight: number | null
  weight_units: string | null
  warehouse_id: string | null
  source: string | null
  store_id: string | null
  custom_field1: string | null
  custom_field2: string | null
  custom_field3: string | null
  intake_code: string
}

interface LineRow {
  order_id: number
  line_item_key: string
  sku: string
  name: string
  image_url: string | null
  weight: number | null
  weight_units: string | null
  quantity: number
  unit_price: number
  tax_amount: number | null
  shipping_amount: number | null
  location: string | null
  upc: string | null
  adjustment: number
  product_id: string | null
  fulfillment_sku: string | null
  options: string
}

/** The stored export body of an order and the writer version that rendered it. */
export interface ExportBody {
  xml: string
  version: number
}

/** What the export reads per order: the head's inputs and the stored body as UTF-8 bytes. */
export interface ExportRow {
  id: number
  orderNumber: string
  statusCode: string
  modifiedAt: number
  warehouseId: string | null
  body: { xml: Buffer | null; version: number | null }
}

/** Where a page ended: the export order is (modified_at, id). */
export type PageCursor = readonly [modifiedAt: number, id: number]

export interface StatusChange {
  fromCode: string | null
  toCode: string
  at: number
  reason: string
}

/** Every column of orders but its id, in the order statements bind them. */
export const ORDER_COLUMNS = [
  'order_key',
  'order_number',
  'status_code',
  'order_date',
  'payment_date',
  'ship_by_date',
  'created_at',
  'modified_at',
  'content_hash',
  'customer_id',
  'customer_username',
  'customer_email',
  'bill_to',
  'ship_to',
  'order_total',
  'amount_paid',
  'tax_amount',
  'shipping_amount',
  'currency_code',
  'customer_notes',
  'internal_notes',
  'gift',
  'gift_message',
  'payment_method',
  'requested_shipping_service',
  'carrier_code',
  'service_code',
  'package_code',
  'confirmation',
  'ship_date',
  'weight',
  'weight_units',
  'warehouse_id',
  'source',
  'store_id',
  'custom_field1',
  'custom_field2',
  'custom_field3',
  'intake_code',
] as const

/** Every column of order_lines but its id. */
export const LINE_COLUMNS = [
  'order_id',
  'position',
  'line_item_key',
  'sku',
  'name',
  'image_url',
  'weight',
  'weight_units',
  'quantity',
  'unit_price',
  'tax_amount',
  'shipping_amount',
  'location',
  'upc',
  'adjustment',
  'product_id',
  'fulfillment_sku',
  'options',
] as const

/** Columns an update rewrites: all but the identity and the creation time. */
const UPDATED_COLUMNS = ORDER_COLUMNS.filter((c) => c !== 'created_at' && c !== 'order_key')
const UPDATED_INDEXES = UPDATED_COLUMNS.map((c) => ORDER_COLUMNS.indexOf(c))

export interface StoredState {
  id: number
  hash: string
  statusCode: string
  modifiedAt: number
  intakeCode: string
}

export interface UpdateChange {
  previousCode: string
  statusCode: string
  intakeCode: string
  reason: string
}

export type OrdersRepo = ReturnType<typeof ordersRepo>

/**
 * Order numbers are unique per store in practice, not by constraint (a re-keyed order may repeat one): where
 * a number is all there is, the newest order carrying it is meant.
 */
export const NEWEST_FIRST = 'ORDER BY id DESC'

/** An order's stored export body, written or replaced (intake renders it; the export re-renders old ones). */
export const PUT_EXPORT_BODY = `INSERT INTO order_exports (order_id, version, body) VALUES (?, ?, ?)
  ON CONFLICT (order_id) DO UPDATE SET version = excluded.version, body = excluded.body`

export function ordersRepo(db: Db) {
  // Bound by position: with 40 columns, binding by name costs more than the insert itself.
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')
  const insertOrder = db
    .prepare<unknown[], number>(
      `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${marks(ORDER_COLUMNS.length)}) RETURNING id`,
    )
    .pluck()
  const updateOrder = db.prepare(`UPDATE orders SET ${UPDATED_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`)
  const deleteLines = db.prepare('DELETE FROM order_lines WHERE order_id = ?')
  const insertLine = db.prepare(
    `INSERT INTO order_lines (${LINE_COLUMNS.join(', ')}) VALUES (${marks(LINE_COLUMNS.length)})`,
  )
  const putExport = db.prepare(PUT_EXPORT_BODY)
  const insertHistory = db.prepare(
    'INSERT INTO order_status_history (order_id, from_code, to_code, at, reason) VALUES (?, ?, ?, ?, ?)',
  )
  const read = ['id', ...ORDER_COLUMNS].join(', ')
  const byKey = db.prepare<[string], OrderRow>(`SELECT ${read} FROM orders WHERE order_key = ?`)
  const byId = db.prepare<[number], OrderRow>(`SELECT ${read} FROM orders WHERE id = ?`)
  const byNumber = db.prepare<[string], OrderRow>(`SELECT ${read} FROM orders WHERE order_number = ? ${NEWEST_FIRST}`)
  const newestByNumber = db.prepare<[string], OrderRow>(
    `SELECT ${read} FROM orders WHERE order_number = ? ${NEWEST_FIRST} LIMIT 1`,
  )
  const stateByKey = db.prepare<
    [string],
    Pick<OrderRow, 'id' | 'content_hash' | 'status_code' | 'modified_at' | 'intake_code'>
  >('SELECT id, content_hash, status_code, modified_at, intake_code FROM orders WHERE order_key = ?')
  const linesOf = db.prepare<[number], LineRow>('SELECT * FROM order_lines WHERE order_id = ? ORDER BY position')
  const historyOf = db.prepare<[number], { from_code: string | null; to_code: string; at: number; reason: string }>(
    'SELECT from_code, to_code, at, reason FROM order_status_history WHERE order_id = ? ORDER BY id',
  )
  const setStatus = db.prepare('UPDATE orders SET status_code = ?, modified_at = ? WHERE id = ?')
  const countAfter = db.prepare<[number], number>('SELECT count(*) FROM orders WHERE modified_at > ?').pluck()
  const newestAfter = db.prepare<[number, number], { order_number: string; modified_at: number }>(
    'SELECT order_number, modified_at FROM orders WHERE modified_at > ? ORDER BY modified_at DESC, id DESC LIMIT ?',
  )
  const countsByCode = db.prepare<[], { status_code: string; n: number }>(
    'SELECT status_code, count(*) AS n FROM orders GROUP BY status_code ORDER BY status_code',
  )

  function writeLines(orderId: number, lines: readonly OrderLine[]): void {
    deleteLines.run(orderId)
    lines.forEach((l, position) => {
      insertLine.run(...lineValues(orderId, position, l))
    })
  }

  return {
    findByKey(orderKey: string): Order | undefined {
      const row = byKey.get(orderKey)
      return row && toOrder(row, linesOf.all(row.id))
    },
    findById(id: number): Order | undefined {
      const row = byId.get(id)
      return row && toOrder(row, linesOf.all(row.id))
    },
    /** Orders with this number, newest first (numbers are unique per store in practice, not by constraint). */
    /** The order an order number means: the newest (highest id) of those that carry it. */
    findNewestByNumber(orderNumber: string): Order | undefined {
      const row = newestByNumber.get(orderNumber)
      return row && toOrder(row, linesOf.all(row.id))
    },
    /** Every order with this number, newest first. */
    findByNumber(orderNumber: string): Order[] {
      return byNumber.all(orderNumber).map((row) => toOrder(row, linesOf.all(row.id)))
    },
    /** What an upsert needs to know about the stored order with this key. */
    storedStateOf(orderKey: string): StoredState | undefined {
      const r = stateByKey.get(orderKey)
      return (
        r && {
          id: r.id,
          hash: r.content_hash,
          statusCode: r.status_code,
          modifiedAt: r.modified_at,
          intakeCode: r.intake_code,
        }
      )
    },
    /** Inserts a new order (with the code its body carried) with lines, export body and first history row. */
    insert(input: OrderInput, hash: string, now: number, reason: string, body: ExportBody): number {
      const id = insertOrder.get(...orderValues(input, hash, now, now, input.statusCode)) as number
      writeLines(id, input.lines)
      putExport.run(id, body.version, body.xml)
      insertHistory.run(id, null, input.statusCode, now, reason)
      return id
    },
    /**
     * Replaces an order's content, lines and export body. The order gets `change.statusCode` (a history row
     * when it differs from the stored code); `change.intakeCode` is the code the createorder body carried.
     */
    update(id: number, input: OrderInput, hash: string, now: number, change: UpdateChange, body: ExportBody): void {
      const values = orderValues({ ...input, statusCode: change.statusCode }, hash, now, now, change.intakeCode)
      updateOrder.run(...UPDATED_INDEXES.map((i) => values[i]), id)
      writeLines(id, input.lines)
      putExport.run(id, body.version, body.xml)
      if (change.previousCode !== change.statusCode) {
        insertHistory.run(id, change.previousCode, change.statusCode, now, change.reason)
      }
    },
    /** Moves an order to a new code, records the change and bumps LastModified. Call inside a transaction. */
    changeStatus(id: number, fromCode: string, toCode: string, now: number, reason: string): void {
      setStatus.run(toCode, now, id)
      insertHistory.run(id, fromCode, toCode, now, reason)
    },
    history(id: number): StatusChange[] {
      return historyOf.all(id).map((h) => ({ fromCode: h.from_code, toCode: h.to_code, at: h.at, reason: h.reason }))
    },
    /** How many orders were modified after `t`, and the `limit` newest of them (for `doctor`). */
    modifiedAfter(t: number, limit: number): { total: number; newest: { orderNumber: string; modifiedAt: number }[] } {
      const newest = newestAfter.all(t, limit).map((r) => ({ orderNumber: r.order_number, modifiedAt: r.modified_at }))
      return { total: countAfter.get(t) ?? 0, newest }
    },
    countsByStatusCode(): Map<string, number> {
      return new Map(countsByCode.all().map((r) => [r.status_code, r.n]))
    },
  }
}

/** Column values in ORDER_COLUMNS order. */
function orderValues(
  o: OrderInput,
  hash: string,
  createdAt: number,
  modifiedAt: number,
  intakeCode: string,
): unknown[] {
  const byColumn: Record<(typeof ORDER_COLUMNS)[number], unknown> = {
    order_key: o.orderKey,
    order_number: o.orderNumber,
    status_code: o.statusCode,
    order_date: o.orderDate,
    payment_date: o.paymentDate,
    ship_by_date: o.shipByDate,
    created_at: createdAt,
    modified_at: modifiedAt,
    content_hash: hash,
    customer_id: o.customerId,
    customer_username: o.customerUsername,
    customer_email: o.customerEmail,
    bill_to: JSON.stringify(o.billTo),
    ship_to: JSON.stringify(o.shipTo),
    order_total: o.orderTotal,
    amount_paid: o.amountPaid,
    tax_amount: o.taxAmount,
    shipping_amount: o.shippingAmount,
    currency_code: o.currencyCode,
    customer_notes: o.customerNotes,
    internal_notes: o.internalNotes,
    gift: o.gift ? 1 : 0,
    gift_message: o.giftMessage,
    payment_method: o.paymentMethod,
    requested_shipping_service: o.requestedShippingService,
    carrier_code: o.carrierCode,
    service_code: o.serviceCode,
    package_code: o.packageCode,
    confirmation: o.confirmation,
    ship_date: o.shipDate,
    weight: o.weight,
    weight_units: o.weightUnits,
    warehouse_id: o.warehouseId,
    source: o.source,
    store_id: o.storeId,
    custom_field1: o.customField1,
    custom_field2: o.customField2,
    custom_field3: o.customField3,
    intake_code: intakeCode,
  }
  return ORDER_COLUMNS.map((c) => byColumn[c])
}

/** Column values in LINE_COLUMNS order. */
function lineValues(orderId: number, position: number, l: OrderLine): unknown[] {
  return [
    orderId,
    position,
    l.lineItemKey,
    l.sku,
    l.name,
    l.imageUrl,
    l.weight,
    l.weightUnits,
    l.quantity,
    l.unitPrice,
    l.taxAmount,
    l.shippingAmount,
    l.location,
    l.upc,
    l.adjustment ? 1 : 0,
    l.productId,
    l.fulfillmentSku,
    JSON.stringify(l.options),
  ]
}

function toOrder(r: OrderRow, lines: readonly LineRow[]): Order {
  return {
    id: r.id,
    orderKey: r.order_key,
    orderNumber: r.order_number,
    statusCode: r.status_code,
    orderDate: r.order_date,
    paymentDate: r.payment_date,
    shipByDate: r.ship_by_date,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
    customerId: r.customer_id,
    customerUsername: r.customer_username,
    customerEmail: r.customer_email,
    billTo: JSON.parse(r.bill_to) as Address,
    shipTo: JSON.parse(r.ship_to) as Address,
    lines: lines.map(toLine),
    orderTotal: r.order_total,
    amountPaid: r.amount_paid,
    taxAmount: r.tax_amount,
    shippingAmount: r.shipping_amount,
    currencyCode: r.currency_code,
    customerNotes: r.customer_notes,
    internalNotes: r.internal_notes,
    gift: r.gift === 1,
    giftMessage: r.gift_message,
    paymentMethod: r.payment_method,
    requestedShippingService: r.requested_shipping_service,
    carrierCode: r.carrier_code,
    serviceCode: r.service_code,
    packageCode: r.package_code,
    confirmation: r.confirmation,
    shipDate: r.ship_date,
    weight: r.weight,
    weightUnits: r.weight_units as WeightUnit | null,
    warehouseId: r.warehouse_id,
    source: r.source,
    storeId: r.store_id,
    customField1: r.custom_field1,
    customField2: r.custom_field2,
    customField3: r.custom_field3,
  }
}

function toLine(l: LineRow): OrderLine {
  return {
    lineItemKey: l.line_item_key,
    sku: l.sku,
    name: l.name,
    imageUrl: l.image_url,
    weight: l.weight,
    weightUnits: l.weight_units as WeightUnit | null,
    quantity: l.quantity,
    unitPrice: l.unit_price,
    taxAmount: l.tax_amount,
    shippingAmount: l.shipping_amount,
    location: l.location,
    upc: l.upc,
    adjustment: l.adjustment === 1,
    productId: l.product_id,
    fulfillmentSku: l.fulfillment_sku,
    options: JSON.parse(l.options) as OrderLine['options'],
  }
}
