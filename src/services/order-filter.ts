// Reads an order listing filter (code, ShipStation status, modified since, limit) as typed by a person.

import { parseIsoDate } from '../domain/dates.js'
import { isShipStationStatus, SHIPSTATION_STATUSES } from '../domain/status.js'
import type { OrderFilter } from './ops-views.js'

export interface RawOrderFilter {
  code?: string | undefined
  status?: string | undefined
  since?: string | undefined
  limit?: string | undefined
}

export const DEFAULT_ORDER_LIMIT = 50
export const MAX_ORDER_LIMIT = 1000

const RELATIVE = /^(\d{1,6})\s*([mhd])$/i
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const

export type FilterResult = { ok: true; filter: OrderFilter } | { ok: false; message: string }

/**
 * `code`: one code or a comma-separated list (case-sensitive, as stored). `status`: a ShipStation status
 * (awaiting_shipment…) or `unmapped`. `since`: an ISO date or date-time (UTC when no offset), or `30m`, `12h`,
 * `7d` ago. `limit`: 1 to 1000.
 */
export function parseOrderFilter(raw: RawOrderFilter, now: number): FilterResult {
  const fail = (message: string): FilterResult => ({ ok: false, message })
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
  let since: number | null = null
  if (raw.since !== undefined) {
    const rel = RELATIVE.exec(raw.since.trim())
    const unit = rel?.[2]?.toLowerCase() as keyof typeof UNIT_MS | undefined
    since = rel && unit ? now - Number(rel[1]) * UNIT_MS[unit] : (parseIsoDate(raw.since) ?? null)
    if (since === null) {
      return fail(
        `since must be an ISO date such as 2024-05-01 or 2024-05-01T14:00Z, or 30m, 12h, 7d (got "${raw.since}")`,
      )
    }
  }
  let limit = DEFAULT_ORDER_LIMIT
  if (raw.limit !== undefined) {
    limit = /^\d{1,4}$/.test(raw.limit.trim()) ? Number(raw.limit) : 0
    if (limit < 1 || limit > MAX_ORDER_LIMIT) return fail(`limit must be a whole number from 1 to ${MAX_ORDER_LIMIT}`)
  }
  return { ok: true, filter: { codes, status, since, limit } }
}
