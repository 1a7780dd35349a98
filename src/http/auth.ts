// Credential checks: one onRequest hook per route family, so nobody unauthenticated gets a body read or a word parsed.

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CredentialRole } from '../domain/credentials.js'
import { AppError, CODE } from '../errors.js'
import type { Ctx } from '../services/context.js'
import type { Services } from '../services/index.js'
import { type CredentialPlace, readCredentials } from './credential-parser.js'

/** Who is calling, resolved by the credential check: the role, the username, and the context it acts in. */
export interface Caller {
  role: CredentialRole
  username: string
  /** The store the credentials belong to (one per process today). */
  ctx: Ctx
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` on every protected route; null on public ones (/healthz, /readyz, /). */
    caller: Caller | null
  }
}

export const REALM = 'sophio-shipstation'

/**
 * ShipStation: Basic or SS-UserName/SS-Password (spec section 2; some hosts strip the header). The API: Basic
 * or Sophio's `authentication=` token. Operators: Basic only — query credentials end up in browser history and
 * proxy logs. When a request presents several, every one must be right.
 */
const PLACES: Record<CredentialRole, readonly CredentialPlace[]> = {
  shipstation: ['basic', 'ss-query'],
  api: ['basic', 'token-query'],
  ops: ['basic'],
}

const MESSAGES: Record<CredentialRole, { none: string; wrong: string }> = {
  shipstation: {
    none: 'credentials required: HTTP Basic, or SS-UserName and SS-Password',
    wrong: 'wrong username or password',
  },
  api: {
    none: 'API credentials required: authentication=BASE64(apiKey:apiSecret), or HTTP Basic',
    wrong: 'wrong API key or secret',
  },
  ops: { none: 'operator credentials required (HTTP Basic)', wrong: 'wrong operator username or password' },
}

/**
 * The onRequest hook for a role. A request without credentials is refused but not counted (every browser asks
 * once without); an unreadable or wrong one is counted under its address and the username it tried, and past
 * the limit answered 429. A correct pair always passes. Throws; the error handler adds the Basic challenge.
 */
export function authenticate(role: CredentialRole, services: Services) {
  const source = { shipstation: services.shipstationCredentials, api: services.apiCredentials, ops: services.opsCredentials }[
    role
  ]
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = readCredentials({ rawHeaders: req.raw.rawHeaders, query: req.query }, PLACES[role])
    if (presented.kind === 'pairs' && (await services.credentialCheck.verify(source, presented.pairs))) {
      req.caller = { role, username: presented.pairs[0].username, ctx: services.ctx }
      return
    }
    // Refused before the body is read: close the connection rather than drain a body nobody will look at.
    if (hasBody(req)) reply.header('connection', 'close')
    if (presented.kind === 'none') throw AppError.of(CODE.UNAUTHORIZED, MESSAGES[role].none)
    const username = presented.kind === 'pairs' ? presented.pairs[0].username : (presented.username ?? '')
    const verdict = services.loginThrottle.failed({ role, ip: req.ip, username })
    if (verdict.firstThrottled) {
      req.log.warn({ role, ip: req.ip }, 'repeated failed logins: further refusals are answered 429')
    }
    if (verdict.throttled) throw AppError.of(CODE.TOO_MANY_FAILED_LOGINS, verdict.retryAfterSeconds)
    throw AppError.of(CODE.UNAUTHORIZED, presented.kind === 'invalid' ? presented.why : MESSAGES[role].wrong)
  }
}

function hasBody(req: FastifyRequest): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

export function challenge(reply: FastifyReply): void {
  reply.header('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`)
}
