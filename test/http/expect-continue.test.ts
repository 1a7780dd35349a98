// Expect: 100-continue on a real socket: a refused client is told 401 before it sends a byte of its body.

import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { makeApp, SS_BASIC } from '../helpers/app.js'
import { noticeText } from '../helpers/notices.js'
import { seedOrder } from '../helpers/orders.js'

/** Sends the headers, waits for the first answer, then (if told to continue) the body; returns every status line. */
function post(port: number, headers: string[], body: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    let sentBody = false
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1')
      if (!sentBody && data.startsWith('HTTP/1.1 100 ')) {
        sentBody = true
        socket.write(body)
      }
    })
    socket.on('error', reject)
    socket.on('close', () => resolve([...data.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1] ?? '')))
    socket.write(
      [
        'POST /shipstation?action=shipnotify HTTP/1.1',
        'Host: 127.0.0.1',
        'Connection: close',
        'Content-Type: text/xml',
        'Expect: 100-continue',
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...headers,
        '',
        '',
      ].join('\r\n'),
    )
    setTimeout(() => socket.destroy(), 10_000).unref()
  })
}

describe('Expect: 100-continue', () => {
  it('without credentials: 401 first, no 100 Continue; with them: 100, then the notice is applied', async () => {
    const t = await makeApp()
    await t.app.services.ingest(seedOrder(), 'test') // order 296594, the one the fixture notice names
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const address = t.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const body = noticeText('split-1-of-2.xml')
    expect(await post(port, [], body)).toEqual(['401'])
    expect(await post(port, [`Authorization: ${SS_BASIC}`], body)).toEqual(['100', '200'])
    expect((await t.app.services.notices.list(10)).map((n) => n.outcome)).toEqual(['applied'])
  })
})
