// Credentials: generation, password hashes (salted scrypt; SHA-256 from older versions) and the constant-time check.

import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto'

/** Who a credential is for: ShipStation, the Sophio API, operators. */
export type CredentialRole = 'shipstation' | 'api' | 'ops'

export interface StoredCredential {
  username: string
  /**
   * `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (base64), the parameters kept with the hash so they can be raised
   * later; or, as older versions stored and as environment passwords are held in memory, a SHA-256 hex.
   */
  passwordHash: string
}

/**
 * N = 2^15, r = 8: 32 MiB and tens of milliseconds per hash — the usual interactive-login level. Verification
 * runs on libuv's thread pool, never on the event loop.
 */
const SCRYPT = { log2N: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 }
const SCRYPT_HASH = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/
const SHA256_HASH = /^[0-9a-f]{64}$/

/** SHA-256 hex: what older versions stored; still how an environment password is held in memory (never stored). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** A salted scrypt hash with the current parameters, off the event loop. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength)
  return encode(SCRYPT, salt, await derive(password, salt, SCRYPT))
}

/** The same, blocking: for start-up and the CLI, which have no other requests to keep answering. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(SCRYPT.saltLength)
  return encode(SCRYPT, salt, scryptSync(password, salt, SCRYPT.keyLength, options(SCRYPT)))
}

/** False for an old SHA-256 hash or weaker scrypt parameters: the next successful login re-hashes it. */
export function isCurrentHash(passwordHash: string): boolean {
  const p = parseScrypt(passwordHash)
  return p !== undefined && p.log2N >= SCRYPT.log2N && p.r >= SCRYPT.r && p.p >= SCRYPT.p
}

/** A credential no password matches (random salt and key), costing the same to check as a real one. */
export function unmatchableCredential(): StoredCredential {
  const key = randomBytes(SCRYPT.keyLength)
  return { username: '', passwordHash: encode(SCRYPT, randomBytes(SCRYPT.saltLength), key) }
}

/** A fresh credential pair: a readable username and a 32-character random password. */
export function generateCredential(prefix: string): { username: string; password: string } {
  return {
    username: `${prefix}-${randomBytes(4).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  }
}

/**
 * True when both parts match. Both comparisons always run, over fixed-length values, so the time taken says
 * nothing about which part was wrong or how much of it matched.
 */
export async function credentialMatches(stored: StoredCredential, username: string, password: string): Promise<boolean> {
  const userOk = timingSafeEqual(sha256(stored.username), sha256(username))
  const passOk = await passwordMatches(stored.passwordHash, password)
  return userOk && passOk
}

async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  const p = parseScrypt(passwordHash)
  if (p) return timingSafeEqual(await derive(password, p.salt, { ...p, keyLength: p.key.length }), p.key)
  if (SHA256_HASH.test(passwordHash)) return timingSafeEqual(Buffer.from(passwordHash, 'hex'), sha256(password))
  return false
}

interface ScryptParams {
  log2N: number
  r: number
  p: number
  keyLength: number
}

function parseScrypt(passwordHash: string): (ScryptParams & { salt: Buffer; key: Buffer }) | undefined {
  const m = SCRYPT_HASH.exec(passwordHash)
  if (!m) return undefined
  const [log2N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const salt = Buffer.from(m[4] ?? '', 'base64')
  const key = Buffer.from(m[5] ?? '', 'base64')
  // Bounds, so a damaged value cannot ask for gigabytes or hours.
  if (log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16 || key.length < 16 || key.length > 64) return undefined
  return { log2N, r, p, keyLength: key.length, salt, key }
}

function encode(params: ScryptParams, salt: Buffer, key: Buffer): string {
  return `scrypt$${params.log2N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

function options(params: ScryptParams) {
  const N = 2 ** params.log2N
  // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly N = 2^15, r = 8, with no room left.
  return { N, r: params.r, p: params.p, maxmem: 2 * 128 * N * params.r }
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, params.keyLength, options(params), (err, key) => (err ? reject(err) : resolve(key))),
  )
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest()
}
