// Failed logins per role, source address and username, in a bounded map: after too many, refusals become 429s.

export interface LoginThrottleOptions {
  /** Failures a key may have in one window before its refusals become 429. */
  maxFailures: number
  windowMs: number
  /** Keys kept at most; the least recently failing one is forgotten first. */
  maxKeys: number
  now?: () => number
}

export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleOptions = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
}

export interface LoginKey {
  role: string
  ip: string
  username: string
}

export interface FailureVerdict {
  /** True once the key has failed more than `maxFailures` times in its window. */
  throttled: boolean
  /** Whole seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number
  /** True for the one failure that crossed the limit (log it once, not every time). */
  firstThrottled: boolean
}

export type LoginThrottle = ReturnType<typeof loginThrottle>

/**
 * Only failures are counted, and a correct credential is always checked and always let in, throttled key or
 * not: refusing without checking would let anyone who learns ShipStation's username lock the store out (behind
 * a reverse proxy every caller has the proxy's address; ShipStation's addresses are shared by all its users).
 * So this does not slow a guesser down — the secrets' length does that (generated passwords carry 192 bits) —
 * it tells a misconfigured or hostile client to stop, answers it with a 429 instead of a fresh challenge, and
 * makes the attempt visible once in the log.
 */
export function loginThrottle(options: Partial<LoginThrottleOptions> = {}) {
  const { maxFailures, windowMs, maxKeys, now = Date.now } = { ...LOGIN_THROTTLE_DEFAULTS, ...options }
  const failures = new Map<string, { count: number; resetAt: number }>()
  return {
    failed(key: LoginKey): FailureVerdict {
      const id = `${key.role}\u0000${key.ip}\u0000${key.username.slice(0, 200)}`
      const t = now()
      let entry = failures.get(id)
      if (entry === undefined || t >= entry.resetAt) entry = { count: 0, resetAt: t + windowMs }
      entry.count++
      // Re-inserted at the end: the map's order is least recently failing first, which is what gets evicted.
      failures.delete(id)
      failures.set(id, entry)
      if (failures.size > maxKeys) failures.delete(failures.keys().next().value as string)
      return {
        throttled: entry.count > maxFailures,
        retryAfterSeconds: Math.max(1, Math.ceil((entry.resetAt - t) / 1000)),
        firstThrottled: entry.count === maxFailures + 1,
      }
    },
    /** Keys currently remembered (for tests and metrics). */
    size: (): number => failures.size,
  }
}
