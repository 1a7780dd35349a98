// Use case: which credentials protect a role — configured in the environment, or generated and kept in the database.

import { type CredentialRole, readStoredCredential, writeStoredCredential } from '../db/credentials-repo.js'
import type { UnitOfWork } from '../db/unit-of-work.js'
import { generateCredential, hashPasswordSync, hashSecret, type StoredCredential } from '../domain/credentials.js'

export interface CredentialSource {
  /** The credential in force now (read on every call, so a rotation applies without a restart). */
  current(): Promise<StoredCredential | undefined>
  /** Where it comes from: the environment variables or the database. */
  origin: 'environment' | 'database'
  /**
   * Stores `next` in place of the hash `old` (an upgrade after a successful login), unless the stored one has
   * changed meanwhile — a rotation in between wins. Nothing to do for the environment: nothing is stored.
   */
  replaceHash(old: string, next: string): Promise<void>
}

const PREFIX: Record<CredentialRole, string> = { shipstation: 'shipstation', api: 'sophio', ops: 'ops' }

export function credentialSource(
  uow: UnitOfWork,
  role: CredentialRole,
  fromEnv: { username: string; password: string } | null,
): CredentialSource {
  if (fromEnv) {
    // Held in memory only, beside the clear password the environment already holds: a slow hash would
    // protect nothing here and cost every start-up.
    const fixed = { username: fromEnv.username, passwordHash: hashSecret(fromEnv.password) }
    return { current: async () => fixed, origin: 'environment', replaceHash: async () => {} }
  }
  return {
    current: () => uow.read((repos) => readStoredCredential(repos.settings, role)),
    origin: 'database',
    replaceHash: (old, next) =>
      uow.write(async (tx) => {
        const stored = await readStoredCredential(tx.settings, role)
        if (stored?.passwordHash !== old) return
        await writeStoredCredential(tx.settings, role, { username: stored.username, passwordHash: next })
      }),
  }
}

/**
 * On first start, with nothing configured: generates a pair and keeps it. Returns the clear password only
 * when it was just generated — it is printed once and never again.
 */
export async function ensureCredential(
  uow: UnitOfWork,
  role: CredentialRole,
  fromEnv: { username: string; password: string } | null,
): Promise<{ username: string; password: string } | undefined> {
  if (fromEnv) return undefined
  if (await uow.read((repos) => readStoredCredential(repos.settings, role))) return undefined
  // Hashed before the write transaction, so the slow hash never holds the database lock.
  const fresh = newPair(role)
  return uow.write(async (tx) => {
    if (await readStoredCredential(tx.settings, role)) return undefined
    await writeStoredCredential(tx.settings, role, fresh.stored)
    return fresh.pair
  })
}

/** Replaces the stored pair with a new one and returns it (clear password, to print once). */
export async function rotateCredential(
  uow: UnitOfWork,
  role: CredentialRole,
): Promise<{ username: string; password: string }> {
  const fresh = newPair(role)
  await uow.write((tx) => writeStoredCredential(tx.settings, role, fresh.stored))
  return fresh.pair
}

function newPair(role: CredentialRole) {
  const pair = generateCredential(PREFIX[role])
  return { pair, stored: { username: pair.username, passwordHash: hashPasswordSync(pair.password) } }
}
