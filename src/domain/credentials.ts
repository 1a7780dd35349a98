// Credentials: generation, hashing and the constant-time check shared by every protected endpoint.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

export interface StoredCredential {
  username: string
  /** SHA-256 of the password, hex. Passwords are random or operator-chosen; only the hash is kept. */
  passwordHash: string
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

/** A fresh credential pair: a readable username and a 32-character random password. */
export function generateCredential(prefix: string): { username: string; password: string } {
  return {
    username: `${prefix}-${randomBytes(4).toString('hex')}`,
    password: randomBytes(24).toString('base64url'),
  }
}

/**
 * True when both parts match. Both comparisons always run, over fixed-length digests, so the time taken
 * says nothing about which part was wrong or how much of it matched.
 */
export function credentialMatches(stored: StoredCredential, username: string, password: string): boolean {
  const userOk = timingSafeEqual(digest(stored.username), digest(username))
  const passOk = timingSafeEqual(Buffer.from(stored.passwordHash, 'hex'), digest(password))
  return userOk && passOk
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest()
}
