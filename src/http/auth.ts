// Credential checks for a request: HTTP Basic and/or ShipStation's SS-UserName/SS-Password query parameters.

import type { FastifyReply, FastifyRequest } from 'fastify'
import { credentialMatches } from '../domain/credentials.js'
import { UnauthorizedError } from '../errors.js'
import type { CredentialSource } from '../services/credentials.js'

export const REALM = 'sophio-shipstation'

interface Presented {
  username: string
  password: string
}

/** Decodes `Authorization: Basic …`; undefined when absent, 'malformed' when present but unreadable. */
export function basicCredentials(header: string | undefined): Presented | 'malformed' | undefined {
  if (header === undefined || header === '') return undefined
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header)
  if (!m?.[1]) return 'malformed'
  const decoded = Buffer.from(m[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return 'malformed'
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** A query parameter by case-insensitive name; a repeated one counts as malformed. */
function queryValue(query: Record<string, unknown>, name: string): string | 'malformed' | undefined {
  const wanted = name.toLowerCase()
  let found: string | 'malformed' | undefined
  for (const [k, v] of Object.entries(query)) {
    if (k.toLowerCase() !== wanted) continue
    if (found !== undefined || typeof v !== 'string') return 'malformed'
    found = v
  }
  return found
}

/**
 * ShipStation's rule (spec section 2): Basic header or query credentials; when both are present both must
 * be valid. Throws UnauthorizedError; the caller's error handler adds WWW-Authenticate.
 */
export function requireShipStationAuth(req: FastifyRequest, source: CredentialSource): void {
  const stored = source.current()
  const header = basicCredentials(req.headers.authorization)
  const query = req.query as Record<string, unknown>
  const qUser = queryValue(query, 'SS-UserName')
  const qPass = queryValue(query, 'SS-Password')
  const presented: Presented[] = []
  if (header === 'malformed') throw new UnauthorizedError('the Authorization header is not valid HTTP Basic')
  if (header) presented.push(header)
  if (qUser !== undefined || qPass !== undefined) {
    if (typeof qUser !== 'string' || typeof qPass !== 'string') {
      throw new UnauthorizedError('SS-UserName and SS-Password must both be given, once each')
    }
    presented.push({ username: qUser, password: qPass })
  }
  if (presented.length === 0) {
    throw new UnauthorizedError('credentials required: HTTP Basic, or SS-UserName and SS-Password')
  }
  // Check every presented pair (no early exit), so timing does not tell which source failed.
  let ok = stored !== undefined
  for (const p of presented) {
    const match = stored !== undefined && credentialMatches(stored, p.username, p.password)
    ok = ok && match
  }
  if (!ok) throw new UnauthorizedError('wrong username or password')
}

export function challenge(reply: FastifyReply): void {
  reply.header('www-authenticate', `Basic realm="${REALM}", charset="UTF-8"`)
}
