// Generated credentials per role, kept in the settings table (username in clear, password as a hash).

import type { CredentialRole, StoredCredential } from '../domain/credentials.js'
import type { Repos } from './repos.js'

export type { CredentialRole }

type Settings = Repos['settings']

export async function readStoredCredential(settings: Settings, role: CredentialRole): Promise<StoredCredential | undefined> {
  const username = await settings.get(`${role}.username`)
  const passwordHash = await settings.get(`${role}.password_hash`)
  return username && passwordHash ? { username, passwordHash } : undefined
}

export async function writeStoredCredential(settings: Settings, role: CredentialRole, c: StoredCredential): Promise<void> {
  await settings.put(`${role}.username`, c.username)
  await settings.put(`${role}.password_hash`, c.passwordHash)
}
