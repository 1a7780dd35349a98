// Every command that reads the database refuses a missing file, names where it looked, and creates nothing.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../helpers/cli.js'
import { makeOrder } from '../helpers/orders.js'

const COMMANDS = [
  ['import', 'orders.json'],
  ['credentials'],
  ['credentials', 'rotate', 'ops'],
  ['status-map'],
  ['orders'],
  ['show', 'T1'],
  ['notices'],
  ['notices', 'show', '1'],
  ['notices', 'reapply', '1'],
  ['backup', 'copy.db'],
]

describe('a missing database', () => {
  it.each(COMMANDS.map((args) => [args.join(' '), args] as const))(
    '%s: exit 2, names DATABASE_PATH and the folder, creates nothing',
    (_name, args) => {
    // Run from a folder that is not the service's, without DATABASE_PATH: the default is relative to it.
    const cwd = tempDir()
    writeFileSync(join(cwd, 'orders.json'), JSON.stringify(makeOrder(1)))
    const r = runCli(args, {}, cwd)
    expect(r.code).toBe(2)
    const expected = join(cwd, 'data', 'sophio-shipstation.db')
    expect(r.stderr).toContain(`no database at ${expected} (looked in ${join(cwd, 'data')}; DATABASE_PATH`)
    expect(r.stderr).toContain(`relative to the working folder, here ${cwd}`)
    expect(r.stdout).toBe('')
    expect(readdirSync(cwd)).toEqual(['orders.json'])
    },
  )

  it('a relative DATABASE_PATH is read from the working folder; an existing folder gets no file', () => {
    const cwd = tempDir()
    mkdirSync(join(cwd, 'var'))
    const r = runCli(['orders'], { DATABASE_PATH: 'var/store.db' }, cwd)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`no database at ${join(cwd, 'var', 'store.db')} (looked in ${join(cwd, 'var')};`)
    expect(existsSync(join(cwd, 'var', 'store.db'))).toBe(false)
    expect(readdirSync(join(cwd, 'var'))).toEqual([])
  })
})
