// Key/value settings kept in the database: generated credentials and the like.

import type { Db } from './open.js'

export type SettingsRepo = ReturnType<typeof settingsRepo>

export function settingsRepo(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?')
  const put = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  )
  return {
    get(key: string): string | undefined {
      return get.get(key)?.value
    },
    put(key: string, value: string): void {
      put.run(key, value)
    },
  }
}
