// Start-up problems a person can fix are said as such: the setting, what is wrong, exit 2, no stack trace.

import { writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from './helpers/cli.js'
import { runServerToExit, type ServerProcess, startServer } from './helpers/server-process.js'

const running: ServerProcess[] = []
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill('SIGKILL')
    await s.exited
  }
})

function refused(r: { code: number | null; output: string }, message: string | RegExp) {
  expect(r.code).toBe(2)
  if (typeof message === 'string') expect(r.output).toContain(message)
  else expect(r.output).toMatch(message)
  expect(r.output).not.toMatch(/\n\s+at /)
}

describe('start-up errors', () => {
  it('a port in use: "another instance? set PORT"', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const port = (blocker.address() as { port: number }).port
    try {
      const r = await runServerToExit(join(tempDir(), 'a.db'), { PORT: String(port) })
      refused(r, `PORT: 127.0.0.1:${port} is already in use — another instance? Stop it or set PORT to a free port`)
    } finally {
      blocker.close()
    }
  })

  it('a HOST that is no address or host name', async () => {
    const r = await runServerToExit(join(tempDir(), 'a.db'), { HOST: 'not a host!' })
    refused(r, 'HOST must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name of this machine (got "not a host!")')
  })

  it('a DATABASE_PATH under a file, or that is a folder', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'plain'), 'x')
    refused(await runServerToExit(join(dir, 'plain', 'a.db')), /DATABASE_PATH: .*plain\/a\.db cannot be used \((ENOTDIR|EEXIST)/)
    refused(await runServerToExit(dir), /DATABASE_PATH: the database at .* cannot be used/)
  })

  it('PORT=0: the ready line says the port actually bound', async () => {
    const s = await startServer(join(tempDir(), 'a.db'), { PORT: '0' })
    running.push(s)
    const ready = s
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; port?: number })
      .find((l) => l.msg === 'sophio-shipstation ready')
    expect(ready?.port).toBe(s.port)
    expect(s.port).toBeGreaterThan(0)
    expect((await fetch(`${s.base}/healthz`)).status).toBe(200)
  })
})
