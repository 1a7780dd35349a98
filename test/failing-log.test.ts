// The real service with stdout on a full disk, on a pipe whose reader is gone or stopped reading: it serves,
// counts the dropped lines in /metrics, and still exits 0 on SIGTERM.

import { closeSync, openSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OPS_BASIC, SS_BASIC } from './helpers/app.js'
import { tempDir } from './helpers/cli.js'
import { type ServerProcess, startServer } from './helpers/server-process.js'
import { mountTmpfs, type Tmpfs } from './helpers/tmpfs.js'

const WIDE = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
/** Generous: an idle service drains in well under a second (crash-safety.test.ts). */
const DRAIN_MS = 10_000
/** Each request logs its URL: 8 kB lines fill a pipe's buffer in a few dozen requests. */
const PADDED = `/healthz?pad=${'p'.repeat(8_000)}`

/** Requests of every kind, each answered as usual (a hung service fails on the timeout). */
async function serveAsUsual(s: ServerProcess, padded: number): Promise<void> {
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${s.base}${path}`, { headers, signal: AbortSignal.timeout(5_000) })
  for (let i = 0; i < padded; i++) expect((await get(PADDED)).status).toBe(200)
  const page = await get(`/shipstation?action=export&${WIDE}&page=1`, { authorization: SS_BASIC })
  expect(page.status).toBe(200)
  expect(await page.text()).toContain('<Orders')
  expect((await get(`/shipstation?action=export&${WIDE}&page=1`)).status).toBe(401)
}

async function droppedLines(s: ServerProcess): Promise<number> {
  const res = await fetch(`${s.base}/metrics`, { headers: { authorization: OPS_BASIC } })
  expect(res.status).toBe(200)
  const sample = /^sophio_log_lines_dropped_total (\d+)$/m.exec(await res.text())
  expect(sample).not.toBeNull()
  return Number(sample?.[1])
}

/** SIGTERM: the exit code, or 'still running' when the process had not exited within the drain time. */
async function terminate(s: ServerProcess): Promise<number | null | 'still running'> {
  s.child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<'still running'>((r) => {
    timer = setTimeout(() => r('still running'), DRAIN_MS)
  })
  const result = await Promise.race([s.exited, late])
  clearTimeout(timer)
  return result === 'still running' ? result : result.code
}

const running: ServerProcess[] = []
async function start(name: string, stdout: number | 'unread-pipe'): Promise<ServerProcess> {
  const server = await startServer(join(tempDir(), name), {}, { stdout })
  running.push(server)
  return server
}

describe('a failing log destination never stops the service', () => {
  let disk: Tmpfs
  beforeAll(() => {
    disk = mountTmpfs(64)
  })
  // A test that failed must not leave a service behind (nor keep the tmpfs busy).
  afterEach(async () => {
    for (const s of running.splice(0)) {
      s.child.kill('SIGKILL')
      await s.exited
    }
  })
  afterAll(() => disk.unmount())

  it('stdout on a full disk (ENOSPC): requests answered, lines counted as dropped, SIGTERM exits 0', async () => {
    const stdout = openSync(join(disk.dir, 'stdout.log'), 'a')
    disk.fill()
    const server = await start('full.db', stdout)
    closeSync(stdout)
    await serveAsUsual(server, 3)
    expect(await droppedLines(server)).toBeGreaterThanOrEqual(5)
    expect(await terminate(server)).toBe(0)
  })

  it('stdout a pipe whose reader is gone (EPIPE): the same', async () => {
    const server = await start('epipe.db', 'unread-pipe')
    server.child.stdout?.destroy()
    await serveAsUsual(server, 3)
    expect(await droppedLines(server)).toBeGreaterThanOrEqual(5)
    expect(await terminate(server)).toBe(0)
  })

  it('stdout a pipe whose reader stopped reading: lines dropped once its buffer is full, never a stalled request', async () => {
    const server = await start('stalled.db', 'unread-pipe')
    await serveAsUsual(server, 200)
    expect(await droppedLines(server)).toBeGreaterThan(0)
    expect(await terminate(server)).toBe(0)
  })
})
