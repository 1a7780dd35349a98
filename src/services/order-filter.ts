// Reads an order listing filter (code, ShipStation status, modified window, page, limit) as typed by a person.

import type { OrderCursor } from '../db/ops-repo.js'
import { parseIsoDate } from '../domain/dates.js'
import { type LimitBounds, limitProblem, parseLimit } from '../domain/limit.js'
import { isShipStationStatus, SHIPSTATION_STATUSES } from '../domain/status.js'
import type { OrderFilter } from './ops-views.js'

export interface RawOrderFilter {
  code?: string | undefined
  status?: string | undefined
  since?: string | undefined
  until?: string | undefined
  /** A page cursor: the orders listed after (older than) it… */
  after?: string | undefined
  /** …or before (newer than) it. */
  before?: string | undefined
  limit?: string | undefined
}

export const ORDER_FILTER_KEYS = ['code', 'status', 'since', 'until', 'after', 'before', 'limit'] as const

export const DEFAULT_ORDER_LIMIT = 50
export const MAX_ORDER_LIMIT = 1000
const ORDER_LIMITS: LimitBounds = { fallback: DEFAULT_ORDER_LIMIT, max: MAX_ORDER_LIMIT }

const RELATIVE = /^(\d{1,6})\s*([mhd])$/i
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
const CURSOR = /^(\d{1,15})-(\d{1,15})$/

export type FilterResult = { ok: true; filter: OrderFilter } | { ok: false; message: string }

/**
 * `code`: one code or a comma-separated list (case-sensitive, as stored). `status`: a ShipStation status
 * (awaiting_shipment…) or `unmapped`. `since` (modified at or after) and `until` (modified before): an ISO
 * date or date-time (UTC when no offset), or `30m`, `12h`, `7d` ago. `after`/`before`: a cursor from a
 * previous page. `limit`: 1 to 1000. A blank value (an empty form field) is no filter.
 */
export function parseOrderFilter(input: RawOrderFilter, now: number): FilterResult {
  const fail = (message: string): FilterResult => ({ ok: false, message })
  const raw = Object.fromEntries(
    ORDER_FILTER_KEYS.map((k) => [k, input[k]?.trim() ? input[k] : undefined]),
  ) as RawOrderFilter
  let codes: string[] | null = null
  if (raw.code !== undefined) {
    codes = raw.code
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean)
    if (codes.length === 0) return fail('code needs a Sophio code, e.g. P or P,K,W')
  }
  let status: OrderFilter['status'] = null
  if (raw.status !== undefined) {
    const s = raw.status
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
    if (s !== 'unmapped' && !isShipStationStatus(s)) {
      return fail(`status must be one of ${SHIPSTATION_STATUSES.join(', ')} or unmapped (got "${raw.status}")`)
    }
    status = s
  }
  const since = moment(raw.since, now)
  if (since === undefined) return fail(momentProblem('since', raw.since))
  const until = moment(raw.until, now)
  if (until === undefined) return fail(momentProblem('until', raw.until))
  if (since !== null && until !== null && since >= until) return fail('since must be earlier than until')
  const after = cursorOf(raw.after)
  const before = cursorOf(raw.before)
  if (after === undefined || before === undefined) return fail('after and before take a cursor from a page link')
  if (after && before) return fail('give after or before, not both')
  const limit = parseLimit(raw.limit?.trim(), ORDER_LIMITS)
  if (limit === undefined) return fail(limitProblem(ORDER_LIMITS))
  return { ok: true, filter: { codes, status, since, until, after, before, limit } }
}

/** The query string of a listing: the filter as the person typed it (a relative `7d` stays relative), a page. */
export function orderFilterQuery(raw: RawOrderFilter, page: { after?: OrderCursor; before?: OrderCursor } = {}): string {
  const q = new URLSearchParams()
  for (const k of ORDER_FILTER_KEYS) {
    const v = k === 'after' || k === 'before' ? page[k] && cursorText(page[k]) : raw[k]?.trim()
    if (v) q.set(k, v)
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

export function cursorText(c: OrderCursor): string {
  return `${c.modifiedAt}-${c.id}`
}

/** null: none given; undefined: not a cursor. */
function cursorOf(raw: string | undefined): OrderCursor | null | undefined {
  if (raw === undefined) return null
  const m = CURSOR.exec(raw.trim())
  return m ? { modifiedAt: Number(m[1]), id: Number(m[2]) } : undefined
}

/** null: none given; undefined: not understood. */
function moment(raw: string | undefined, now: number): number | null | undefined {
  if (raw === undefined) return null
  const rel = RELATIVE.exec(raw.trim())
  const unit = rel?.[2]?.toLowerCase() as keyof typeof UNIT_MS | undefined
  return rel && unit ? now - Number(rel[1]) * UNIT_MS[unit] : parseIsoDate(raw)
}

function momentProblem(name: string, raw: string | undefined): string {
  return `${name} must be an ISO date such as 2024-05-01 or 2024-05-01T14:00Z, or 30m, 12h, 7d (got "${raw}")`
}
