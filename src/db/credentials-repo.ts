// Generated credentials per role, kept in the settings table (username in clear, password as a hash).

import type { CredentialRole, StoredCredential } from '../domain/credentials.js'
import type { SettingsRepo } from './settings-repo.js'

export type { CredentialRole }

export function readStoredCredential(settings: SettingsRepo, role: CredentialRole): StoredCredential | undefined {
  const username = settings.get(`${role}.username`)
  const passwordHash = settings.get(`${role}.password_hash`)
  return username && passwordHash ? { username, passwordHash } : undefined
}

export function writeStoredCredential(settings: SettingsRepo, role: CredentialRole, c: StoredCredential): void {
  settings.put(`${role}.username`, c.username)
  settings.put(`${role}.password_hash`, c.passwordHash)
}
