// Credential check for operators (/ops, /metrics): HTTP Basic with the ops pair, nothing else.

import type { FastifyRequest } from 'fastify'
import { credentialMatches } from '../domain/credentials.js'
import { UnauthorizedError } from '../errors.js'
import type { CredentialSource } from '../services/credentials.js'
import { basicCredentials } from './auth.js'

/**
 * Only the Authorization header: a browser prompts for it and keeps it, a scraper sends it. No query-string
 * credentials (they end up in browser history and proxy logs). Throws UnauthorizedError; the error handler
 * adds the Basic challenge that makes the browser ask.
 */
export function requireOpsAuth(req: FastifyRequest, source: CredentialSource): void {
  const presented = basicCredentials(req.headers.authorization)
  if (presented === undefined) throw new UnauthorizedError('operator credentials required (HTTP Basic)')
  if (presented === 'malformed') throw new UnauthorizedError('the Authorization header is not valid HTTP Basic')
  const stored = source.current()
  // Compare even when nothing is stored, so the answer takes the same time either way.
  const ok = credentialMatches(stored ?? NOBODY, presented.username, presented.password)
  if (!stored || !ok) throw new UnauthorizedError('wrong operator username or password')
}

/** Matches no presented pair: its hash is not the SHA-256 of anything anyone knows. */
const NOBODY = { username: '', passwordHash: '0'.repeat(64) }
