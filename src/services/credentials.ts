// Use case: which credentials protect a role — configured in the environment, or generated and kept in the database.

import { type CredentialRole, readStoredCredential, writeStoredCredential } from '../db/credentials-repo.js'
import type { Db } from '../db/open.js'
import { settingsRepo } from '../db/settings-repo.js'
import { generateCredential, hashPasswordSync, hashSecret, type StoredCredential } from '../domain/credentials.js'

export interface CredentialSource {
  /** The credential in force now (read on every call, so a rotation applies without a restart). */
  current(): StoredCredential | undefined
  /** Where it comes from: the environment variables or the database. */
  origin: 'environment' | 'database'
  /**
   * Stores `next` in place of the hash `old` (an upgrade after a successful login), unless the stored one has
   * changed meanwhile — a rotation in between wins. Nothing to do for the environment: nothing is stored.
   */
  replaceHash(old: string, next: string): void
}

const PREFIX: Record<CredentialRole, string> = { shipstation: 'shipstation', api: 'sophio', ops: 'ops' }

export function credentialSource(
  db: Db,
  role: CredentialRole,
  fromEnv: { username: string; password: string } | null,
): CredentialSource {
  if (fromEnv) {
    // Held in memory only, beside the clear password the environment already holds: a slow hash would
    // protect nothing here and cost every start-up.
    const fixed = { username: fromEnv.username, passwordHash: hashSecret(fromEnv.password) }
    return { current: () => fixed, origin: 'environment', replaceHash: () => {} }
  }
  const settings = settingsRepo(db)
  return {
    current: () => readStoredCredential(settings, role),
    origin: 'database',
    replaceHash: (old, next) =>
      db
        .transaction(() => {
          const stored = readStoredCredential(settings, role)
          if (stored?.passwordHash !== old) return
          writeStoredCredential(settings, role, { username: stored.username, passwordHash: next })
        })
        .immediate(),
  }
}

/**
 * On first start, with nothing configured: generates a pair and keeps it. Returns the clear password only
 * when it was just generated — it is printed once and never again.
 */
export function ensureCredential(
  db: Db,
  role: CredentialRole,
  fromEnv: { username: string; password: string } | null,
): { username: string; password: string } | undefined {
  if (fromEnv) return undefined
  const settings = settingsRepo(db)
  if (readStoredCredential(settings, role)) return undefined
  // Hashed before the write transaction, so the slow hash never holds the database lock.
  const fresh = newPair(role)
  return db
    .transaction(() => {
      if (readStoredCredential(settings, role)) return undefined
      writeStoredCredential(settings, role, fresh.stored)
      return fresh.pair
    })
    .immediate()
}

/** Replaces the stored pair with a new one and returns it (clear password, to print once). */
export function rotateCredential(db: Db, role: CredentialRole): { username: string; password: string } {
  const settings = settingsRepo(db)
  const fresh = newPair(role)
  db.transaction(() => writeStoredCredential(settings, role, fresh.stored)).immediate()
  return fresh.pair
}

function newPair(role: CredentialRole) {
  const pair = generateCredential(PREFIX[role])
  return { pair, stored: { username: pair.username, passwordHash: hashPasswordSync(pair.password) } }
}
