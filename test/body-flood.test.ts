// 500 connections pushing 2 MB bodies without valid credentials: refused before the body is read, memory flat.

import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SS_BASIC } from './helpers/app.js'
import { tempDir } from './helpers/cli.js'
import { pushBody, type RawAnswer, rssOf } from './helpers/raw-client.js'
import { startServer } from './helpers/server-process.js'

const CONNECTIONS = 500
const BODY_BYTES = 2_000_000
const MB = 1024 * 1024
const WRONG_BASIC = `Basic ${Buffer.from('shipstation-test:not-the-password').toString('base64')}`

/** The three ways in that take a body: shipnotify without and with wrong credentials, createorder without. */
function head(i: number): string {
  const lines =
    i % 3 === 2
      ? ['POST /createorder.wws?action=CREATE HTTP/1.1', 'Content-Type: application/json']
      : ['POST /shipstation?action=shipnotify&order_number=T1 HTTP/1.1', 'Content-Type: text/xml']
  if (i % 3 === 1) lines.push(`Authorization: ${WRONG_BASIC}`)
  return [...lines, 'Host: 127.0.0.1', `Content-Length: ${BODY_BYTES}`, '', ''].join('\r\n')
}

describe('body flood', () => {
  it('500 × 2 MB unauthenticated bodies: every one refused and closed, RSS grows < 100 MB', async () => {
    const server = await startServer(join(tempDir(), 'flood.db'))
    const pid = server.child.pid as number
    try {
      const url = `${server.base}/shipstation?action=export&start_date=01/01/2000+00:00&end_date=01/01/2100+00:00`
      for (let i = 0; i < 20; i++) expect((await fetch(url, { headers: { authorization: SS_BASIC } })).status).toBe(200)
      const before = await rssOf(pid)
      let peak = before
      const sampler = setInterval(() => {
        void rssOf(pid).then((r) => {
          peak = Math.max(peak, r)
        })
      }, 25)
      let answers: RawAnswer[]
      try {
        answers = await Promise.all(
          Array.from({ length: CONNECTIONS }, (_, i) => pushBody(server.port, head(i), BODY_BYTES, 60_000)),
        )
      } finally {
        clearInterval(sampler)
      }
      peak = Math.max(peak, await rssOf(pid))
      const sent = answers.reduce((n, a) => n + a.bodyBytesSent, 0)
      console.log(
        `body flood: ${CONNECTIONS} × ${BODY_BYTES} bytes; RSS ${(before / MB).toFixed(0)} MB → peak ` +
          `${(peak / MB).toFixed(0)} MB (+${((peak - before) / MB).toFixed(0)} MB); ` +
          `${(sent / MB).toFixed(0)} MB handed to the sockets (mostly into kernel buffers)`,
      )
      expect(peak - before).toBeLessThan(100 * MB)
      // Closed by the server (not by this client at its deadline), with a 401 when the answer got through
      // before the reset of the unread body.
      expect(answers.filter((a) => !a.closedByServer)).toEqual([])
      // 429: the wrong-password third is throttled after ten failures from one address, as it should be.
      expect(answers.filter((a) => a.status !== 401 && a.status !== 429 && a.status !== null)).toEqual([])
      expect(answers.filter((a) => a.status === 401).length).toBeGreaterThan(0)
      // Still serving.
      expect((await fetch(url, { headers: { authorization: SS_BASIC } })).status).toBe(200)
      server.child.kill('SIGTERM')
      expect((await server.exited).code).toBe(0)
    } finally {
      // A failed assertion must not leave the server running.
      if (server.child.exitCode === null) server.child.kill('SIGKILL')
    }
  }, 120_000)
})
