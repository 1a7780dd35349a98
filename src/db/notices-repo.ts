// The shipment notice journal: all its SQL, statements prepared once.

import type { NoticeOutcome } from '../domain/shipment.js'
import type { Db } from './open.js'

interface NoticeRow {
  id: number
  received_at: number
  request_id: string | null
  query: string
  content_type: string | null
  body: Buffer
  body_size: number
  outcome: NoticeOutcome
  reason: string
  order_number: string | null
  order_id: number | null
  tracking_number: string | null
  shipment_id: number | null
  resolved_at: number | null
  resolved_by: string | null
  body_pruned_at: number | null
}

/** What a journal entry records about the request itself. */
export interface NoticeReceipt {
  receivedAt: number
  requestId: string | null
  query: string
  contentType: string | null
  body: Uint8Array
  bodySize: number
}

/** What became of it. */
export interface NoticeVerdict {
  outcome: NoticeOutcome
  reason: string
  orderNumber: string | null
  orderId: number | null
  trackingNumber: string | null
  shipmentId: number | null
}

export interface NoticeEntry extends NoticeReceipt, NoticeVerdict {
  id: number
  resolvedAt: number | null
  resolvedBy: string | null
  /** When the raw body was dropped by the retention rule (`notices prune`); null while it is kept. */
  bodyPrunedAt: number | null
}

/** A journal line without the body, for listings. */
export type NoticeSummary = Omit<NoticeEntry, 'body'>

export type NoticesRepo = ReturnType<typeof noticesRepo>

const SUMMARY_COLUMNS =
  'id, received_at, request_id, query, content_type, body_size, outcome, reason, order_number, order_id, ' +
  'tracking_number, shipment_id, resolved_at, resolved_by, body_pruned_at'

export function noticesRepo(db: Db) {
  // Positional parameters: binding by name costs more than the insert itself on this hot path.
  const insert = db.prepare(
    `INSERT INTO ship_notices (id, received_at, request_id, query, content_type, body, body_size, outcome, reason,
       order_number, order_id, tracking_number, shipment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const setVerdict = db.prepare(
    `UPDATE ship_notices SET outcome = @outcome, reason = @reason, order_number = @orderNumber, order_id = @orderId,
       tracking_number = @trackingNumber, shipment_id = @shipmentId WHERE id = @id`,
  )
  const maxId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM ship_notices').pluck()
  const setResolved = db.prepare('UPDATE ship_notices SET resolved_at = ?, resolved_by = ? WHERE id = ?')
  const byId = db.prepare<[number], NoticeRow>('SELECT * FROM ship_notices WHERE id = ?')
  const recent = db.prepare<[number], NoticeRow>(`SELECT ${SUMMARY_COLUMNS} FROM ship_notices ORDER BY id DESC LIMIT ?`)
  // The literal `outcome <> 'applied'` lets SQLite use the partial index; applied ones are walked by id.
  const byOutcome = db.prepare<[string, number], NoticeRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ship_notices WHERE outcome = ? AND outcome <> 'applied' ORDER BY id DESC LIMIT ?`,
  )
  const applied = db.prepare<[number], NoticeRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ship_notices WHERE outcome = 'applied' ORDER BY id DESC LIMIT ?`,
  )
  const waiting = db.prepare<[number], { id: number }>(
    `SELECT n.id FROM ship_notices n, orders o
     WHERE o.id = ? AND n.outcome = 'unmatched' AND n.order_number = o.order_number ORDER BY n.id`,
  )
  const counts = db.prepare<[], { outcome: NoticeOutcome; n: number }>(
    'SELECT outcome, count(*) AS n FROM ship_notices GROUP BY outcome',
  )
  const unmatchedNaming = db.prepare<[string], NoticeRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ship_notices WHERE order_number = ? AND outcome = 'unmatched' ORDER BY id`,
  )
  // Resolved only: applied or duplicate. Unmatched, rejected and flagged notices wait for a person with their body.
  const prunable = db.prepare<[number, number], { id: number; bytes: number }>(
    `SELECT id, length(body) AS bytes FROM ship_notices
     WHERE received_at < ? AND outcome IN ('applied', 'duplicate') AND body_pruned_at IS NULL ORDER BY id LIMIT ?`,
  )
  const prunableTotals = db.prepare<[number], { notices: number; bytes: number }>(
    `SELECT count(*) AS notices, coalesce(sum(length(body)), 0) AS bytes FROM ship_notices
     WHERE received_at < ? AND outcome IN ('applied', 'duplicate') AND body_pruned_at IS NULL`,
  )
  const pruneBody = db.prepare("UPDATE ship_notices SET body = x'', body_pruned_at = ? WHERE id = ?")
  const ofOrder = db.prepare<[number], NoticeRow>(
    `SELECT ${SUMMARY_COLUMNS} FROM ship_notices WHERE order_id = ? ORDER BY id`,
  )

  return {
    /** Writes a journal row; `id` (from nextId) when a shipment already refers to it. */
    insert(r: NoticeReceipt, v: NoticeVerdict, id: number | null = null): number {
      const info = insert.run(
        id,
        r.receivedAt,
        r.requestId,
        r.query,
        r.contentType,
        asBuffer(r.body),
        r.bodySize,
        v.outcome,
        v.reason,
        v.orderNumber,
        v.orderId,
        v.trackingNumber,
        v.shipmentId,
      )
      return Number(info.lastInsertRowid)
    },
    /** The id the next insert gets (inside the write transaction: no one else can take it). */
    nextId(): number {
      return (maxId.get() ?? 0) + 1
    },
    setVerdict(id: number, verdict: NoticeVerdict): void {
      setVerdict.run({ ...verdict, id })
    },
    markResolved(id: number, at: number, by: string): void {
      setResolved.run(at, by, id)
    },
    findById(id: number): NoticeEntry | undefined {
      const row = byId.get(id)
      return row && { ...toSummary(row), body: row.body }
    },
    /** Newest first; `outcome` narrows the list. */
    list(limit: number, outcome?: NoticeOutcome): NoticeSummary[] {
      const rows = !outcome
        ? recent.all(limit)
        : outcome === 'applied'
          ? applied.all(limit)
          : byOutcome.all(outcome, limit)
      return rows.map(toSummary)
    },
    /** Unmatched notices naming the number the order now has, oldest first. */
    waitingFor(orderId: number): number[] {
      return waiting.all(orderId).map((r) => r.id)
    },
    /** Unmatched notices waiting for an order with this number, oldest first. */
    unmatchedNaming(orderNumber: string): NoticeSummary[] {
      return unmatchedNaming.all(orderNumber).map(toSummary)
    },
    ofOrder(orderId: number): NoticeSummary[] {
      return ofOrder.all(orderId).map(toSummary)
    },
    /** Up to `limit` resolved notices received before `before` whose body is still kept, oldest first. */
    prunable(before: number, limit: number): { id: number; bytes: number }[] {
      return prunable.all(before, limit)
    },
    prunableTotals(before: number): { notices: number; bytes: number } {
      return prunableTotals.get(before) ?? { notices: 0, bytes: 0 }
    },
    pruneBody(id: number, at: number): void {
      pruneBody.run(at, id)
    },
    countsByOutcome(): Map<NoticeOutcome, number> {
      return new Map(counts.all().map((r) => [r.outcome, r.n]))
    },
  }
}

function toSummary(r: NoticeRow): NoticeSummary {
  return {
    id: r.id,
    receivedAt: r.received_at,
    requestId: r.request_id,
    query: r.query,
    contentType: r.content_type,
    bodySize: r.body_size,
    outcome: r.outcome,
    reason: r.reason,
    orderNumber: r.order_number,
    orderId: r.order_id,
    trackingNumber: r.tracking_number,
    shipmentId: r.shipment_id,
    resolvedAt: r.resolved_at,
    resolvedBy: r.resolved_by,
    bodyPrunedAt: r.body_pruned_at,
  }
}

/** A Buffer view of the bytes (no copy when they already are one). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
