// Slow and stalled clients against the real process: cut off at the configured timeouts, and no obstacle to SIGTERM.

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SS_BASIC } from './helpers/app.js'
import { tempDir } from './helpers/cli.js'
import { pushBody, stall } from './helpers/raw-client.js'
import { type ServerProcess, startServer } from './helpers/server-process.js'

/** Headers of an authenticated shipnotify POST announcing a 1000-byte body (that never comes). */
const STALLED_NOTICE = [
  'POST /shipstation?action=shipnotify&order_number=T1 HTTP/1.1',
  'Host: 127.0.0.1',
  `Authorization: ${SS_BASIC}`,
  'Content-Type: text/xml',
  'Content-Length: 1000',
  '',
  '',
].join('\r\n')

/** How long a test waits for the server to act: far above the 1 s timeouts configured here, far below 200 s. */
const PATIENCE_MS = 15_000

async function withServer(env: Record<string, string>, run: (s: ServerProcess) => Promise<void>): Promise<void> {
  const server = await startServer(join(tempDir(), 'slow.db'), env)
  try {
    await run(server)
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL')
  }
}

describe('timeouts', () => {
  const SHORT = { REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000', KEEP_ALIVE_TIMEOUT_MS: '1000' }

  it('a client announcing a Content-Length and sending nothing is cut off with 408 at the request timeout', async () => {
    await withServer(SHORT, async (server) => {
      const answer = await stall(server.port, STALLED_NOTICE, PATIENCE_MS)
      expect(answer).toMatchObject({ closedByServer: true, status: 408 })
      expect(server.output()).not.toMatch(/"level":50/)
    })
  })

  it('a client that stops in the middle of its headers is cut off at the header timeout', async () => {
    await withServer(SHORT, async (server) => {
      const answer = await stall(server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ', PATIENCE_MS)
      expect(answer).toMatchObject({ closedByServer: true, status: 408 })
    })
  })

  it('an idle keep-alive connection is closed at the keep-alive timeout', async () => {
    await withServer(SHORT, async (server) => {
      const answer = await pushBody(server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 0, PATIENCE_MS)
      expect(answer).toMatchObject({ closedByServer: true, status: 200 })
    })
  })

  it('without credentials the stalled client is not waited for at all: 401 and closed (default timeouts)', async () => {
    await withServer({}, async (server) => {
      const head = STALLED_NOTICE.replace(`Authorization: ${SS_BASIC}\r\n`, '')
      const answer = await stall(server.port, head, PATIENCE_MS)
      expect(answer).toMatchObject({ closedByServer: true, status: 401 })
    })
  })
})

describe('graceful shutdown', () => {
  it('SIGTERM with a stalled client and an idle one connected: exits 0 within the drain time', async () => {
    // The default 60 s request timeout, so only the drain can end the stalled request this soon.
    await withServer({ SHUTDOWN_DRAIN_MS: '1000' }, async (server) => {
      const stalled = stall(server.port, STALLED_NOTICE, 2 * PATIENCE_MS)
      const idle = pushBody(server.port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 0, 2 * PATIENCE_MS)
      // Both connected and read by the server before the signal.
      await new Promise((r) => setTimeout(r, 500))
      server.child.kill('SIGTERM')
      const exited = await Promise.race([
        server.exited,
        new Promise<'still running'>((r) => setTimeout(() => r('still running'), PATIENCE_MS)),
      ])
      expect(exited).toEqual({ code: 0, signal: null })
      expect(server.output()).toContain('stopped: database closed')
      expect(await stalled).toMatchObject({ closedByServer: true })
      expect(await idle).toMatchObject({ closedByServer: true, status: 200 })
    })
  })
})
