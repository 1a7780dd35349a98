// Use case: receive a shipnotify POST — journal it and apply it in one durable transaction — and the operator's view.

import type { NoticeEntry, NoticeReceipt, NoticeSummary, NoticeVerdict } from '../db/notices-repo.js'
import { storageFaultKindOf } from '../db/storage-faults.js'
import type { Tx } from '../db/unit-of-work.js'
import type { NoticeOutcome, ShipNotice } from '../domain/shipment.js'
import { AppError, CODE, type ErrorCode, messageOf, StorageError } from '../errors.js'
import { decodeNoticeBody, NOTICE_KEEP_BYTES, NOTICE_MAX_BYTES } from '../shipstation/notice-body.js'
import { parseShipNotice } from '../shipstation/ship-notice.js'
import { applyToOrder, matchOrder, type NoticeQuery } from './apply-notice.js'
import type { Ctx } from './context.js'

export interface ShipNoticeRequest {
  /** The query string as received, minus SS-UserName/SS-Password: exactly what the journal keeps. */
  query: string
  contentType: string | null
  body: Uint8Array
  requestId: string | null
}

/** The notice is journaled either way: acknowledged (applied, duplicate, flagged), or answered with why not. */
export type ShipNotifyResult =
  | { noticeId: number; outcome: NoticeOutcome; error?: undefined }
  | { noticeId: number; outcome: 'unmatched' | 'rejected'; error: AppError }

export type ReapplyResult = { ok: true; entry: NoticeSummary } | { ok: false; message: string }

type Read =
  | { ok: true; notice: ShipNotice; query: NoticeQuery; warnings: string[] }
  | { ok: false; code: ErrorCode; message: string; query: NoticeQuery }

/**
 * The HTTP entry: journals the notice and applies it, answering only once both are committed. Notices
 * arriving together share a transaction and a disk sync (group commit: a durable commit costs ~1 ms and
 * ShipStation sends notices in bursts). Decoding and parsing happen before: the transaction holds the
 * write lock, keep it short.
 */
export async function receiveNotice(ctx: Ctx, req: ShipNoticeRequest): Promise<ShipNotifyResult> {
  const receipt: NoticeReceipt = {
    receivedAt: ctx.now(),
    requestId: req.requestId,
    query: req.query,
    contentType: req.contentType,
    body: req.body.length > NOTICE_MAX_BYTES ? req.body.subarray(0, NOTICE_KEEP_BYTES) : req.body,
    bodySize: req.body.length,
  }
  const read = readNotice(req.body, req.contentType, req.query)
  try {
    // Its own savepoint in the group: when applying fails, its writes are undone and the others go on.
    return await ctx.uow.write((tx) => record(ctx, tx, receipt, read), { group: true })
  } catch (err) {
    // Storage itself failed: nothing can be kept now; the client gets a 503 and sends the notice again.
    if (err instanceof StorageError || storageFaultKindOf(err)) throw err
    // Keep the notice even when applying it failed; an operator can re-apply it (`notices reapply`).
    ctx.log.error({ err }, 'shipment notice could not be applied')
    const why = { code: CODE.INTERNAL, message: `internal error: ${(err as Error).message}` }
    const id = await ctx.uow.write((tx) => tx.notices.insert(receipt, rejected(why, read.query)))
    return { noticeId: id, outcome: 'rejected', error: AppError.of(CODE.INTERNAL, id) }
  }
}

/** Journal row + effect, inside the caller's transaction. */
async function record(ctx: Ctx, tx: Tx, receipt: NoticeReceipt, read: Read): Promise<ShipNotifyResult> {
  const { log } = ctx
  if (!read.ok) {
    const id = await tx.notices.insert(receipt, rejected(read, read.query))
    log.warn({ noticeId: id, code: read.code, reason: read.message }, 'shipment notice rejected')
    return { noticeId: id, outcome: 'rejected', error: AppError.keptNotice(read, id) }
  }
  const match = await matchOrder(tx.refs, read.notice, read.query)
  const notes = [...read.warnings, ...match.notes]
  if (!match.order) {
    if (match.orderNumber === null && read.notice.orderId === null) {
      const why = { code: CODE.NO_ORDER_IDENTIFIER, message: messageOf(CODE.NO_ORDER_IDENTIFIER) }
      const id = await tx.notices.insert(receipt, rejected(why, read.query))
      return { noticeId: id, outcome: 'rejected', error: AppError.keptNotice(why, id) }
    }
    const number = match.orderNumber ?? (read.notice.orderId as string)
    const id = await tx.notices.insert(receipt, {
      outcome: 'unmatched',
      reason: [`no order "${number}" yet: applied when it arrives`, ...notes].join('; '),
      orderNumber: match.orderNumber,
      orderId: null,
      trackingNumber: read.notice.trackingNumber ?? read.query.trackingNumber,
      shipmentId: null,
    })
    log.warn({ noticeId: id, orderNumber: number }, 'shipment notice for an unknown order kept as unmatched')
    return { noticeId: id, outcome: 'unmatched', error: AppError.of(CODE.ORDER_NOT_FOUND, number, id) }
  }
  // One insert with the final verdict: the shipment refers to the journal row written just after it.
  const id = await tx.notices.nextId()
  const verdict = await applyToOrder(ctx, tx, id, match.order, read.notice, read.query, {
    notes,
    flag: match.conflict,
  })
  await tx.notices.insert(receipt, verdict, id)
  if (verdict.outcome === 'flagged') log.warn({ noticeId: id, reason: verdict.reason }, 'shipment notice flagged')
  return { noticeId: id, outcome: verdict.outcome }
}

/** Re-reads a journalled notice and applies it (to `target` when given); inside the caller's transaction. */
async function reapplyIn(
  ctx: Ctx,
  tx: Tx,
  id: number,
  by: 'order arrived' | 'operator',
  target?: number,
): Promise<void> {
  const entry = await tx.notices.findById(id)
  if (!entry || entry.bodySize > entry.body.length) return
  const read = readNotice(entry.body, entry.contentType, entry.query)
  if (!read.ok) {
    await tx.notices.setVerdict(id, rejected(read, read.query))
    return
  }
  const order = target === undefined ? undefined : await tx.refs.byId(target)
  const match = order
    ? { order, notes: [], conflict: false, orderNumber: order.orderNumber }
    : await matchOrder(tx.refs, read.notice, read.query)
  if (!match.order) {
    await tx.notices.setVerdict(id, {
      ...verdictOf(entry),
      reason: [`still no order "${match.orderNumber ?? read.notice.orderId ?? '?'}"`, ...match.notes].join('; '),
    })
    return
  }
  const was = `kept as ${entry.outcome} since ${new Date(entry.receivedAt).toISOString()}, applied when ${by === 'operator' ? 'an operator asked' : 'the order arrived'}`
  const verdict = await applyToOrder(ctx, tx, id, match.order, read.notice, read.query, {
    notes: [was, ...read.warnings, ...match.notes],
    flag: match.conflict,
  })
  await tx.notices.setVerdict(id, verdict)
  await tx.notices.markResolved(id, ctx.now(), by)
  ctx.log.info({ noticeId: id, orderId: match.order.id, outcome: verdict.outcome }, 'waiting shipment notice applied')
}

/** Applies the unmatched notices naming this order's number, inside the transaction that stored the order. */
export async function applyWaitingNotices(ctx: Ctx, tx: Tx, orderId: number): Promise<void> {
  for (const id of await tx.notices.waitingFor(orderId)) await reapplyIn(ctx, tx, id, 'order arrived', orderId)
}

/** An operator's second attempt at an unmatched or rejected notice. */
export async function reapplyNotice(ctx: Ctx, id: number): Promise<ReapplyResult> {
  const entry = await getNotice(ctx, id)
  if (!entry) return { ok: false, message: `no notice #${id}` }
  if (entry.outcome !== 'unmatched' && entry.outcome !== 'rejected') {
    return {
      ok: false,
      message: `notice #${id} is ${entry.outcome}; only unmatched or rejected notices are re-applied`,
    }
  }
  if (entry.bodySize > entry.body.length) {
    return {
      ok: false,
      message: `notice #${id} was too large; only its first ${NOTICE_KEEP_BYTES} bytes were kept`,
    }
  }
  await ctx.uow.write((tx) => reapplyIn(ctx, tx, id, 'operator'))
  const after = await getNotice(ctx, id)
  if (!after) return { ok: false, message: `notice #${id} vanished` }
  const { body: _body, ...summary } = after
  return { ok: true, entry: summary }
}

/** The journal, newest first. */
export function listNotices(ctx: Ctx, limit: number, outcome?: NoticeOutcome): Promise<NoticeSummary[]> {
  return ctx.uow.read((repos) => repos.notices.list(limit, outcome))
}

export function getNotice(ctx: Ctx, id: number): Promise<NoticeEntry | undefined> {
  return ctx.uow.read((repos) => repos.notices.findById(id))
}

const pending: NoticeVerdict = {
  outcome: 'applied',
  reason: '',
  orderNumber: null,
  orderId: null,
  trackingNumber: null,
  shipmentId: null,
}

function rejected(r: { code: string; message: string }, query: NoticeQuery): NoticeVerdict {
  return {
    ...pending,
    outcome: 'rejected',
    reason: `${r.code}: ${r.message}`,
    orderNumber: query.orderNumber,
    trackingNumber: query.trackingNumber,
  }
}

function verdictOf(e: NoticeEntry): NoticeVerdict {
  const { outcome, reason, orderNumber, orderId, trackingNumber, shipmentId } = e
  return { outcome, reason, orderNumber, orderId, trackingNumber, shipmentId }
}

/** Bytes and query string → a ShipNotice, or why not. No database access. */
export function readNotice(body: Uint8Array, contentType: string | null, queryString: string): Read {
  const params = new URLSearchParams(queryString)
  const warnings: string[] = []
  const query: NoticeQuery = {
    orderNumber: param(params, 'order_number', warnings),
    carrier: param(params, 'carrier', warnings),
    service: param(params, 'service', warnings),
    trackingNumber: param(params, 'tracking_number', warnings),
  }
  const fail = (code: ErrorCode, message: string): Read => ({ ok: false, code, message, query })
  if (body.length > NOTICE_MAX_BYTES) {
    return fail(CODE.BODY_TOO_LARGE, messageOf(CODE.BODY_TOO_LARGE, body.length, NOTICE_MAX_BYTES))
  }
  if (body.length === 0) return fail(CODE.EMPTY_BODY, messageOf(CODE.EMPTY_BODY, 'a <ShipNotice> document'))
  const decoded = decodeNoticeBody(body, contentType)
  if (!decoded.ok) return fail(CODE.BAD_ENCODING, decoded.message)
  const parsed = parseShipNotice(decoded.text)
  if (!parsed.ok) return fail(parsed.code, parsed.message)
  if (decoded.encoding !== 'utf-8') warnings.push(`body read as ${decoded.encoding}`)
  return { ok: true, notice: parsed.notice, query, warnings: [...warnings, ...parsed.warnings] }
}

/** A query parameter by case-insensitive name, trimmed; empty → null; a repeat is noted and the first kept. */
function param(params: URLSearchParams, name: string, warnings: string[]): string | null {
  const values: string[] = []
  for (const [k, v] of params) if (k.toLowerCase() === name) values.push(v)
  if (values.length > 1) warnings.push(`parameter ${name} given ${values.length} times; the first was used`)
  const v = values[0]?.trim()
  return v ? v : null
}
