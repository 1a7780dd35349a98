// The one reader of presented credentials, for every role: the Basic header and the query-string forms.

import { paramValues } from '../domain/query-params.js'

export interface CredentialPair {
  username: string
  password: string
}

/**
 * What a request presented. `invalid` never carries a made-up username: a value that could be mistaken for a
 * configured one is exactly the bug this type exists to rule out (`username` is only what the client sent,
 * for the failed-login count).
 */
export type Presented =
  | { kind: 'none' }
  | { kind: 'invalid'; why: string; username?: string }
  | { kind: 'pairs'; pairs: [CredentialPair, ...CredentialPair[]] }

/**
 * Where a role looks: `basic` the Authorization header; `ss-query` ShipStation's SS-UserName/SS-Password;
 * `token-query` Sophio's `authentication=BASE64(key:secret)`.
 */
export type CredentialPlace = 'basic' | 'ss-query' | 'token-query'

export interface CredentialCarrier {
  /** Header names and values as received, repeats included (Node keeps only the first Authorization header). */
  rawHeaders: readonly string[]
  query: unknown
}

type Found = CredentialPair | { why: string; username?: string } | undefined

/** Every place of `places` is read; any unreadable one makes the whole request `invalid`. */
export function readCredentials(req: CredentialCarrier, places: readonly CredentialPlace[]): Presented {
  const pairs: CredentialPair[] = []
  for (const place of places) {
    const found = READERS[place](req)
    if (found === undefined) continue
    if ('why' in found) return { kind: 'invalid', ...found }
    pairs.push(found)
  }
  const [first, ...rest] = pairs
  return first ? { kind: 'pairs', pairs: [first, ...rest] } : { kind: 'none' }
}

const READERS: Record<CredentialPlace, (req: CredentialCarrier) => Found> = {
  basic(req) {
    const values: string[] = []
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i]?.toLowerCase() === 'authorization') values.push(req.rawHeaders[i + 1] ?? '')
    }
    if (values.length === 0) return undefined
    if (values.length > 1) return { why: 'exactly one Authorization header is allowed' }
    const m = /^Basic +(\S*)$/i.exec(values[0] ?? '')
    return (m && decodeToken(m[1] ?? '')) ?? { why: 'the Authorization header is not valid HTTP Basic' }
  },
  'ss-query'(req) {
    const users = paramValues(req.query, 'SS-UserName')
    const passwords = paramValues(req.query, 'SS-Password')
    if (users.length === 0 && passwords.length === 0) return undefined
    const [username] = users
    const [password] = passwords
    if (users.length !== 1 || passwords.length !== 1 || typeof username !== 'string' || typeof password !== 'string') {
      const tried = users.length === 1 && typeof username === 'string' ? { username } : {}
      return { why: 'SS-UserName and SS-Password must both be given, once each', ...tried }
    }
    return { username, password }
  },
  'token-query'(req) {
    const tokens = paramValues(req.query, 'authentication')
    if (tokens.length === 0) return undefined
    const [token] = tokens
    const why = 'authentication must be BASE64(apiKey:apiSecret), given once'
    if (tokens.length > 1 || typeof token !== 'string') return { why }
    // An unencoded `+` in base64 arrives as a space after form decoding: put it back (base64 has no spaces).
    return decodeToken(token.replace(/ /g, '+')) ?? { why }
  },
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/**
 * `base64(user:pass)` in canonical form only: standard alphabet, padded, nothing after the padding (Node's
 * decoder would silently drop such bytes, so two different tokens could stand for one pair), valid UTF-8,
 * a non-empty username before the first colon.
 */
function decodeToken(token: string): CredentialPair | undefined {
  if (token === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined
  const bytes = Buffer.from(token, 'base64')
  if (bytes.toString('base64') !== token) return undefined
  let text: string
  try {
    text = UTF8.decode(bytes)
  } catch {
    return undefined
  }
  const colon = text.indexOf(':')
  if (colon <= 0) return undefined
  return { username: text.slice(0, colon), password: text.slice(colon + 1) }
}
