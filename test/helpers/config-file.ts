// Writes a temporary CONFIG_FILE for a test; removed after the test.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'

const written: string[] = []
afterEach(() => {
  while (written.length > 0) rmSync(dirname(written.pop() as string), { recursive: true, force: true })
})

export function configFile(settings: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sophio-ss-config-')), 'config.json')
  writeFileSync(path, JSON.stringify(settings))
  written.push(path)
  return path
}
