// Credential check for the Sophio JSON API: `authentication=BASE64(key:secret)` in the query, or HTTP Basic.

import type { FastifyRequest } from 'fastify'
import { credentialMatches } from '../domain/credentials.js'
import { UnauthorizedError } from '../errors.js'
import type { CredentialSource } from '../services/credentials.js'
import { basicCredentials } from './auth.js'

/**
 * Sophio's documented form is `?authentication=BASE64(apiKey:apiSecret)`; the same pair as a Basic header is
 * accepted too. When both are present both must be valid. Throws UnauthorizedError (the error handler adds
 * WWW-Authenticate); the message never says which part was wrong.
 */
export function requireApiAuth(req: FastifyRequest, source: CredentialSource): void {
  const header = basicCredentials(req.headers.authorization)
  if (header === 'malformed') throw new UnauthorizedError('the Authorization header is not valid HTTP Basic')
  const presented = header ? [header] : []
  const query = req.query as Record<string, unknown>
  let param: unknown
  for (const [k, v] of Object.entries(query)) if (k.toLowerCase() === 'authentication') param = v
  if (param !== undefined) {
    // An unencoded `+` in base64 arrives as a space after form decoding: put it back.
    const pair = typeof param === 'string' ? basicCredentials(`Basic ${param.trim().replace(/ /g, '+')}`) : 'malformed'
    if (pair === undefined || pair === 'malformed') {
      throw new UnauthorizedError('authentication must be BASE64(apiKey:apiSecret), given once')
    }
    presented.push(pair)
  }
  if (presented.length === 0) {
    throw new UnauthorizedError('API credentials required: authentication=BASE64(apiKey:apiSecret), or HTTP Basic')
  }
  const stored = source.current()
  // Check every presented pair (no early exit), so timing does not tell which source failed.
  let ok = stored !== undefined
  for (const p of presented) ok = stored !== undefined && credentialMatches(stored, p.username, p.password) && ok
  if (!ok) throw new UnauthorizedError('wrong API key or secret')
}
