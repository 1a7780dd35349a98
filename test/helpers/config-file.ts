// Writes a temporary CONFIG_FILE for a test.

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function configFile(settings: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sophio-ss-config-')), 'config.json')
  writeFileSync(path, JSON.stringify(settings))
  return path
}
