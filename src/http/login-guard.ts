// Wraps a route family's credential check: a refused login is counted, and past the limit answered 429.

import type { FastifyRequest } from 'fastify'
import { TooManyFailedLoginsError, UnauthorizedError } from '../errors.js'
import type { LoginThrottle } from '../services/login-throttle.js'
import { basicCredentials } from './auth.js'

/**
 * Runs `check` (which throws UnauthorizedError on refusal). A request that presented no credentials at all
 * is not a login attempt (every browser asks once without) and is not counted; one that presented a wrong or
 * unreadable pair is, under its source address and the username it tried. A correct pair always passes.
 */
export function guardLogin(throttle: LoginThrottle, role: string, req: FastifyRequest, check: () => void): void {
  try {
    check()
  } catch (err) {
    const username = presentedUsername(req)
    if (!(err instanceof UnauthorizedError) || username === undefined) throw err
    const verdict = throttle.failed({ role, ip: req.ip, username })
    if (verdict.firstThrottled) {
      req.log.warn({ role, ip: req.ip }, 'repeated failed logins: further refusals are answered 429')
    }
    if (verdict.throttled) throw new TooManyFailedLoginsError(verdict.retryAfterSeconds)
    throw err
  }
}

/** The username a request tried (Basic header, SS-UserName, or the API's `authentication` token); '' when unreadable. */
export function presentedUsername(req: FastifyRequest): string | undefined {
  const header = basicCredentials(req.headers.authorization)
  if (header === 'malformed') return ''
  if (header) return header.username
  let found: string | undefined
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) {
    const name = k.toLowerCase()
    if (name === 'ss-username') return typeof v === 'string' ? v : ''
    if (name === 'ss-password') found ??= ''
    if (name === 'authentication') {
      const pair = typeof v === 'string' ? basicCredentials(`Basic ${v.trim().replace(/ /g, '+')}`) : 'malformed'
      found = pair && pair !== 'malformed' ? pair.username : ''
    }
  }
  return found
}
