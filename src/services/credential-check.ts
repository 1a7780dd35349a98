// Checks presented pairs against a role's credential: slow hash off the event loop, verified pairs remembered briefly.

import { createHmac, randomBytes } from 'node:crypto'
import {
  credentialMatches,
  hashPassword,
  isCurrentHash,
  type StoredCredential,
  unmatchableCredential,
} from '../domain/credentials.js'
import type { Logger } from '../logger.js'
import type { CredentialSource } from './credentials.js'

export interface PresentedPair {
  username: string
  password: string
}

export interface CredentialCheckOptions {
  /** How long a verified pair is taken without hashing it again. */
  ttlMs: number
  /** Pairs remembered at most (only correct ones are: normally one per role). */
  maxEntries: number
  now?: () => number
}

/**
 * A minute: ShipStation pages through an export, and posts a batch of notices, within seconds, so each poll
 * pays the hash about once; short, so a pair is not remembered long after its last use.
 */
export const CREDENTIAL_CACHE_DEFAULTS: CredentialCheckOptions = { ttlMs: 60_000, maxEntries: 64 }

export type CredentialCheck = ReturnType<typeof credentialCheck>

export function credentialCheck(log: Logger, options: Partial<CredentialCheckOptions> = {}) {
  const { ttlMs, maxEntries, now = Date.now } = { ...CREDENTIAL_CACHE_DEFAULTS, ...options }
  // Entries are keyed by an HMAC under a key of this process: the map never holds a password, nor a value
  // that could be checked against one without the key.
  const key = randomBytes(32)
  const verified = new Map<string, { username: string; passwordHash: string; expires: number }>()
  const nobody = unmatchableCredential()
  const upgrading = new Set<string>()
  let hashed = 0

  const macOf = (pair: PresentedPair) =>
    createHmac('sha256', key).update(JSON.stringify([pair.username, pair.password])).digest('base64')

  async function matches(stored: StoredCredential, pair: PresentedPair): Promise<boolean> {
    const mac = macOf(pair)
    const hit = verified.get(mac)
    // Only while the credential it was verified against is still the one in force: a rotation (by the CLI,
    // another process) changes the stored hash and voids every entry at once.
    if (hit && hit.expires > now() && hit.username === stored.username && hit.passwordHash === stored.passwordHash) {
      return true
    }
    hashed++
    const ok = await credentialMatches(stored, pair.username, pair.password)
    if (ok) remember(mac, stored)
    return ok
  }

  function remember(mac: string, stored: StoredCredential): void {
    const t = now()
    for (const [k, e] of verified) if (e.expires <= t) verified.delete(k)
    verified.delete(mac)
    verified.set(mac, { username: stored.username, passwordHash: stored.passwordHash, expires: t + ttlMs })
    if (verified.size > maxEntries) verified.delete(verified.keys().next().value as string)
  }

  /** An old SHA-256 hash, re-hashed with scrypt now that the password is known to be right. */
  async function upgrade(source: CredentialSource, stored: StoredCredential, password: string): Promise<void> {
    if (upgrading.has(stored.passwordHash)) return
    upgrading.add(stored.passwordHash)
    try {
      await source.replaceHash(stored.passwordHash, await hashPassword(password))
      log.info({ username: stored.username }, 'stored password hash upgraded to scrypt')
    } catch (err) {
      // The login stands; the next one tries again.
      log.warn({ err }, 'could not upgrade a stored password hash')
    } finally {
      upgrading.delete(stored.passwordHash)
    }
  }

  return {
    /**
     * True when a credential is in force and every presented pair matches it. Every pair is checked, also
     * after one failed and when nothing is stored (against a credential nothing matches), so the time taken
     * does not tell which failed.
     */
    async verify(source: CredentialSource, pairs: readonly PresentedPair[]): Promise<boolean> {
      const stored = await source.current()
      let ok = stored !== undefined
      for (const pair of pairs) ok = (await matches(stored ?? nobody, pair)) && ok
      const [first] = pairs
      if (ok && stored && first && source.origin === 'database' && !isCurrentHash(stored.passwordHash)) {
        await upgrade(source, stored, first.password)
      }
      return ok
    },
    /** Pairs currently remembered. */
    size: (): number => verified.size,
    /** Presented pairs checked the slow way since start (the others were remembered). */
    hashed: (): number => hashed,
  }
}
