// Cross-site request protection for the /ops forms: the browser's Origin/Sec-Fetch-Site, then an HMAC token.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { AppError, CODE } from '../errors.js'

/**
 * Why both: /ops uses HTTP Basic, which a browser attaches to every request to the site — including a form
 * another site submits — so an authenticated POST proves nothing by itself.
 * - Origin / Sec-Fetch-Site: every current browser sends them on a POST; a foreign value is refused before
 *   anything else is looked at.
 * - The token covers browsers or proxies that drop those headers. It is stateless (no session or cookie exists
 *   with Basic auth): HMAC(key, binding | expiry), where the binding is the operator credential in force, so a
 *   rotated password voids every form rendered before it. The key is random per process; a restart voids old
 *   forms, which only means reloading the page.
 */
export interface CsrfGuard {
  /** A token for a form rendered now, for the given binding. */
  token(binding: string): string
  /** Throws ForbiddenError when the request may come from another site or the token is not valid. */
  verify(req: FastifyRequest, token: unknown, binding: string): void
}

export interface CsrfOptions {
  /** Origins besides the request's own Host that may post (the PUBLIC_URL origin, behind a proxy). */
  trustedOrigins: readonly string[]
  ttlMs?: number
  now?: () => number
  key?: Buffer
}

export function csrfGuard(opts: CsrfOptions): CsrfGuard {
  const key = opts.key ?? randomBytes(32)
  const ttl = opts.ttlMs ?? 12 * 60 * 60 * 1000
  const now = opts.now ?? Date.now
  const mac = (binding: string, expires: number) =>
    createHmac('sha256', key).update(`ops-form|${binding}|${expires}`).digest()

  return {
    token(binding) {
      const expires = now() + ttl
      return `${expires}.${mac(binding, expires).toString('base64url')}`
    },
    verify(req, token, binding) {
      checkOrigin(req, opts.trustedOrigins)
      const m = typeof token === 'string' ? /^(\d{13,15})\.([A-Za-z0-9_-]{43})$/.exec(token) : null
      if (!m?.[1] || !m[2]) throw AppError.of(CODE.CSRF_TOKEN, 'missing')
      const expires = Number(m[1])
      const ok = timingSafeEqual(mac(binding, expires), Buffer.from(m[2], 'base64url'))
      if (!ok) throw AppError.of(CODE.CSRF_TOKEN, 'invalid')
      if (expires < now()) throw AppError.of(CODE.CSRF_TOKEN, 'expired')
    },
  }
}

function checkOrigin(req: FastifyRequest, trusted: readonly string[]): void {
  const site = header(req, 'sec-fetch-site')
  if (site !== undefined && site !== 'same-origin') {
    throw AppError.of(CODE.CROSS_SITE, `another site (Sec-Fetch-Site: ${site})`)
  }
  const origin = header(req, 'origin')
  if (origin === undefined) return
  let host: string | undefined
  try {
    host = new URL(origin).host
  } catch {
    host = undefined
  }
  const own = header(req, 'host')
  const sameHost = host !== undefined && own !== undefined && host === withoutDefaultPort(own.toLowerCase())
  if (!sameHost && !trusted.includes(origin)) {
    throw AppError.of(CODE.CROSS_SITE, `another origin (${origin})`)
  }
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** `Host: example.com:443` and `Origin: https://example.com` name the same place (URL drops default ports). */
function withoutDefaultPort(host: string): string {
  return host.replace(/:(80|443)$/, '')
}
