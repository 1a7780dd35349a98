// The database's files on a real start of the service: 0600 files (database, -wal, -shm) in a 0700 folder.

import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_BASIC } from './helpers/api.js'
import { createDatabase, tempDir } from './helpers/cli.js'
import { makeOrder } from './helpers/orders.js'
import { startServer } from './helpers/server-process.js'

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8)

/** Starts the service on `file`, writes one order (so the -wal and -shm exist), returns the modes while it runs. */
async function modesWhileRunning(file: string): Promise<Record<string, string>> {
  const server = await startServer(file)
  try {
    const res = await fetch(`${server.base}/createorder.wws?action=CREATE`, {
      method: 'POST',
      headers: { authorization: API_BASIC, 'content-type': 'application/json' },
      body: JSON.stringify(makeOrder(1)),
    })
    expect(res.status).toBe(201)
    expect(existsSync(`${file}-wal`) && existsSync(`${file}-shm`)).toBe(true)
    return { db: modeOf(file), wal: modeOf(`${file}-wal`), shm: modeOf(`${file}-shm`) }
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
  }
}

describe('database files', () => {
  it('a first start creates the folder 0700 and the database, -wal and -shm 0600', async () => {
    const dir = join(tempDir(), 'data', 'nested')
    const file = join(dir, 'store.db')
    expect(await modesWhileRunning(file)).toEqual({ db: '600', wal: '600', shm: '600' })
    expect(modeOf(dir)).toBe('700')
    expect(modeOf(join(dir, '..'))).toBe('700')
  })

  it('an existing database readable by others is tightened to 0600; a folder we did not create is left', async () => {
    const dir = join(tempDir(), 'shared')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    const file = join(dir, 'store.db')
    createDatabase(file)
    closeSync(openSync(`${file}-wal`, 'a'))
    for (const f of [file, `${file}-wal`]) chmodSync(f, 0o644)
    expect(modeOf(file)).toBe('644')
    expect(await modesWhileRunning(file)).toEqual({ db: '600', wal: '600', shm: '600' })
    expect(modeOf(dir)).toBe('755')
  })
})
