// Reading ShipStation's query string: action, the export window and page, with errors that name the parameter.

import { parseShipStationDate } from '../domain/dates.js'
import { paramValues } from '../domain/query-params.js'
import { AppError, CODE } from '../errors.js'

export type Action = 'export' | 'shipnotify'

type Query = Record<string, unknown>

/**
 * A single string parameter, its name in any letter case; a repeated one (`action=export&action=shipnotify`,
 * or `action=export&ACTION=shipnotify`) is refused rather than one of them picked.
 */
export function single(query: Query, name: string): string | undefined {
  const values = paramValues(query, name)
  if (values.length === 0) return undefined
  const [v] = values
  if (values.length > 1 || typeof v !== 'string') {
    throw AppError.of(CODE.REPEATED_PARAMETER, name)
  }
  return v
}

export function parseAction(query: Query): Action {
  const raw = single(query, 'action')
  if (raw === undefined || raw.trim() === '') {
    throw AppError.of(CODE.MISSING_ACTION)
  }
  const action = raw.trim().toLowerCase()
  if (action !== 'export' && action !== 'shipnotify') {
    throw AppError.of(CODE.UNKNOWN_ACTION, raw)
  }
  return action
}

export interface ExportParams {
  start: number
  end: number
  page: number
}

export function parseExportParams(query: Query): ExportParams {
  const start = requiredDate(query, 'start_date')
  const end = requiredDate(query, 'end_date')
  if (start > end) {
    throw AppError.of(CODE.START_AFTER_END)
  }
  const rawPage = single(query, 'page')
  let page = 1
  if (rawPage !== undefined && rawPage.trim() !== '') {
    if (!/^\d{1,9}$/.test(rawPage.trim()) || Number(rawPage) < 1) {
      throw AppError.of(CODE.BAD_PAGE, rawPage)
    }
    page = Number(rawPage)
  }
  return { start, end, page }
}

function requiredDate(query: Query, name: string): number {
  const raw = single(query, name)
  if (raw === undefined || raw.trim() === '') {
    throw AppError.of(CODE.MISSING_DATE, name)
  }
  const t = parseShipStationDate(raw)
  if (t === undefined) {
    throw AppError.of(CODE.BAD_DATE, name, raw)
  }
  return t
}
