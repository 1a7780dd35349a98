// A listing's `limit` as typed into a query string or a command line: one reading, each listing's bounds as data.

/** What one listing accepts: a whole number from 1 to `max`, and `fallback` when no limit is given. */
export interface LimitBounds {
  readonly fallback: number
  readonly max: number
}

/**
 * The limit `raw` asks for: `bounds.fallback` when absent, undefined when it is not a whole number from 1 to
 * `bounds.max` written in plain digits (no sign, no spaces, no exponent; at most as many digits as `max` has,
 * so a long run of zeros is refused before it is read).
 */
export function parseLimit(raw: string | undefined, bounds: LimitBounds): number | undefined {
  if (raw === undefined) return bounds.fallback
  const digits = String(bounds.max).length
  const n = new RegExp(`^\\d{1,${digits}}$`).test(raw) ? Number(raw) : 0
  return n >= 1 && n <= bounds.max ? n : undefined
}

/** The one sentence that says what a listing accepts. */
export function limitProblem(bounds: LimitBounds): string {
  return `limit must be a whole number from 1 to ${bounds.max}`
}
