// Timestamps: ShipStation's `MM/dd/yyyy HH:mm` UTC format, both ways, and ISO input from Sophio.

const SS_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * Parses a ShipStation date (`01/23/2012 17:28`, lenient: one-digit fields, optional seconds, AM/PM,
 * or an ISO 8601 timestamp) as UTC. Returns epoch milliseconds, or undefined when it is not a real date.
 */
export function parseShipStationDate(input: string): number | undefined {
  const s = input.trim()
  const m = SS_DATE.exec(s)
  if (m) {
    let hour = m[4] === undefined ? 0 : Number(m[4])
    const ampm = m[7]?.toLowerCase()
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) return undefined
      if (ampm === 'am' && hour === 12) hour = 0
      if (ampm === 'pm' && hour !== 12) hour += 12
    }
    return utc(Number(m[3]), Number(m[1]), Number(m[2]), hour, Number(m[5] ?? 0), Number(m[6] ?? 0), 0)
  }
  return parseIsoDate(s)
}

/**
 * Parses an ISO 8601 date or date-time. Without an offset the time is taken as UTC (Sophio's samples carry
 * none). Returns epoch milliseconds, or undefined.
 */
export function parseIsoDate(input: string): number | undefined {
  const m = ISO_DATE.exec(input.trim())
  if (!m) return undefined
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3))
  const t = utc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms)
  if (t === undefined) return undefined
  const zone = m[8]
  if (zone === undefined || zone === 'Z') return t
  const sign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
  const at = t - sign * offset
  // 9999-12-31T23:30-05:00 is year 10000 in UTC, which no export date can show.
  return at < MIN_DATE_MS || at > MAX_DATE_MS ? undefined : at
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined
  const date = new Date(0)
  date.setUTCFullYear(y, mo - 1, d)
  date.setUTCHours(h, mi, s, ms)
  // Reject 02/30 and friends instead of rolling over into the next month.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  return date.getTime()
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`)

/**
 * `MM/dd/yyyy HH:mm`, UTC, 24-hour: the export's date format. A time outside years 1–9999 (a database
 * restored from elsewhere) shows as the nearest end: the format has four year digits, never five.
 */
export function formatShipStationDate(epochMs: number): string {
  const d = new Date(Math.min(MAX_DATE_MS, Math.max(MIN_DATE_MS, epochMs)))
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${String(d.getUTCFullYear()).padStart(4, '0')} ${pad2(
    d.getUTCHours(),
  )}:${pad2(d.getUTCMinutes())}`
}

/** `2024-05-01T14:03:22Z`: a time shown to people (the /ops pages, the CLI), ISO 8601 UTC to the second. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** ISO 8601 UTC with milliseconds, how timestamps are stored and shown in JSON. */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString()
}

export const MINUTE_MS = 60_000

/** The first millisecond of the minute `epochMs` falls in. */
export function floorToMinute(epochMs: number): number {
  return Math.floor(epochMs / MINUTE_MS) * MINUTE_MS
}

/** The first and last instants a ShipStation date (four year digits) can show: 0001-01-01 to 9999-12-31. */
export const MIN_DATE_MS = Date.parse('0001-01-01T00:00:00.000Z')
export const MAX_DATE_MS = Date.parse('9999-12-31T23:59:59.999Z')

/**
 * How far past the clock a stored time may lie before it counts as in the future (clock skew, a database
 * restored from a machine with a wrong clock). Within it the export's minute precision hides the difference.
 */
export const CLOCK_SKEW_MS = MINUTE_MS

export function isInFuture(epochMs: number, now: number): boolean {
  return epochMs > now + CLOCK_SKEW_MS
}
