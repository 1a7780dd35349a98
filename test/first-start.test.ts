// First-start secrets without a terminal: appended to `<database>.first-start.txt`, mode 0600, never through a symlink.

import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstStartFile, revealFirstStart } from '../src/first-start.js'
import { tempDir } from './helpers/cli.js'

const PIPE = { isTTY: false, write: () => true }

describe('revealFirstStart without a terminal', () => {
  it('makes a file left with mode 0644 owner-only, and appends to it (a pair nobody read yet survives)', () => {
    const db = join(tempDir(), 'store.db')
    const file = firstStartFile(db)
    writeFileSync(file, 'Ops password:  left-from-before\n')
    chmodSync(file, 0o644)
    expect(revealFirstStart('  Password:          new-secret\n', db, PIPE)).toBe(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    expect(text.startsWith('Ops password:  left-from-before\n')).toBe(true)
    expect(text).toContain('  Password:          new-secret\n')
  })

  it('refuses a symlink planted at the name, and writes nothing where it points', () => {
    const dir = tempDir()
    const db = join(dir, 'store.db')
    const target = join(dir, 'elsewhere.txt')
    writeFileSync(target, '')
    symlinkSync(target, firstStartFile(db))
    expect(() => revealFirstStart('  Password:          new-secret\n', db, PIPE)).toThrow(/ELOOP/)
    expect(readFileSync(target, 'utf8')).toBe('')
  })

  it('puts the file of an in-memory database in the current folder', () => {
    expect(firstStartFile(':memory:', '/srv/app')).toBe('/srv/app/sophio-shipstation.first-start.txt')
    expect(firstStartFile('/var/lib/ss/store.db')).toBe('/var/lib/ss/store.db.first-start.txt')
  })
})
