// Reading ShipStation's query string: action, the export window and page, with errors that name the parameter.

import { parseShipStationDate } from '../domain/dates.js'
import { paramValues } from '../domain/query-params.js'
import { BadRequestError } from '../errors.js'

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
    throw new BadRequestError('REPEATED_PARAMETER', `parameter "${name}" must be given once`, name)
  }
  return v
}

export function parseAction(query: Query): Action {
  const raw = single(query, 'action')
  if (raw === undefined || raw.trim() === '') {
    throw new BadRequestError(
      'MISSING_ACTION',
      'parameter "action" is required: action=export or action=shipnotify',
      'action',
    )
  }
  const action = raw.trim().toLowerCase()
  if (action !== 'export' && action !== 'shipnotify') {
    throw new BadRequestError(
      'UNKNOWN_ACTION',
      `unknown action "${raw.slice(0, 50)}": use action=export or action=shipnotify`,
      'action',
    )
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
    throw new BadRequestError('START_AFTER_END', 'start_date is after end_date', 'start_date')
  }
  const rawPage = single(query, 'page')
  let page = 1
  if (rawPage !== undefined && rawPage.trim() !== '') {
    if (!/^\d{1,9}$/.test(rawPage.trim()) || Number(rawPage) < 1) {
      throw new BadRequestError(
        'BAD_PAGE',
        `page must be a whole number from 1 (got "${rawPage.slice(0, 20)}")`,
        'page',
      )
    }
    page = Number(rawPage)
  }
  return { start, end, page }
}

function requiredDate(query: Query, name: string): number {
  const raw = single(query, name)
  if (raw === undefined || raw.trim() === '') {
    throw new BadRequestError('MISSING_DATE', `parameter "${name}" is required, as MM/dd/yyyy HH:mm in UTC`, name)
  }
  const t = parseShipStationDate(raw)
  if (t === undefined) {
    throw new BadRequestError(
      'BAD_DATE',
      `${name} "${raw.slice(0, 40)}" is not a date; use MM/dd/yyyy HH:mm in UTC, e.g. 01/23/2012 17:28`,
      name,
    )
  }
  return t
}
