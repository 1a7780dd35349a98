// Use case: which credentials protect a role — configured in the environment, or generated and kept in the database.

import { type CredentialRole, readStoredCredential, writeStoredCredential } from '../db/credentials-repo.js'
import type { Db } from '../db/open.js'
import { settingsRepo } from '../db/settings-repo.js'
import { generateCredential, hashSecret, type StoredCredential } from '../domain/credentials.js'

export interface CredentialSource {
  /** The credential in force now (read on every call, so a rotation applies without a restart). */
  current(): StoredCredential | undefined
  /** Where it comes from: the environment variables or the database. */
  origin: 'environment' | 'database'
}

const PREFIX: Record<CredentialRole, string> = { shipstation: 'shipstation', api: 'sophio', ops: 'ops' }

export function credentialSource(
  db: Db,
  role: CredentialRole,
  fromEnv: { username: string; password: string } | null,
): CredentialSource {
  if (fromEnv) {
    const fixed = { username: fromEnv.username, passwordHash: hashSecret(fromEnv.password) }
    return { current: () => fixed, origin: 'environment' }
  }
  const settings = settingsRepo(db)
  return { current: () => readStoredCredential(settings, role), origin: 'database' }
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
  return db
    .transaction(() => {
      if (readStoredCredential(settings, role)) return undefined
      return storeNew(settings, role)
    })
    .immediate()
}

/** Replaces the stored pair with a new one and returns it (clear password, to print once). */
export function rotateCredential(db: Db, role: CredentialRole): { username: string; password: string } {
  const settings = settingsRepo(db)
  return db.transaction(() => storeNew(settings, role)).immediate()
}

function storeNew(settings: ReturnType<typeof settingsRepo>, role: CredentialRole) {
  const pair = generateCredential(PREFIX[role])
  writeStoredCredential(settings, role, { username: pair.username, passwordHash: hashSecret(pair.password) })
  return pair
}
