// The real app listening on 127.0.0.1, and raw bytes written to it: for what inject cannot send.

import { connect } from 'node:net'
import { makeApp, type TestApp } from './app.js'

/** Listens on a port of the kernel's choice on 127.0.0.1 and returns it. */
export async function listenOnLoopback(t: TestApp): Promise<number> {
  await t.app.listen({ host: '127.0.0.1', port: 0 })
  const address = t.app.server.address()
  return typeof address === 'object' && address ? address.port : 0
}

/** Writes raw bytes to the listening app and returns what came back before the socket closed. */
export function rawHttp(port: number, request: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (d) => {
      data += d.toString('latin1')
    })
    socket.on('error', reject)
    socket.on('close', () => resolve(data))
    socket.write(request)
    setTimeout(() => socket.destroy(), waitMs).unref()
  })
}

export interface RawResponse {
  status: number
  headers: Record<string, string>
  /** The body as UTF-8 text. */
  body: string
  /** The body's bytes as sent. */
  bytes: Buffer
}

/** Splits an HTTP/1.1 answer (as rawHttp returns it, latin1) into status, lower-cased headers and body. */
export function parseRawResponse(raw: string): RawResponse {
  const split = raw.indexOf('\r\n\r\n')
  const [statusLine = '', ...lines] = raw.slice(0, split).split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  const bytes = Buffer.from(raw.slice(split + 4), 'latin1')
  return { status: Number(statusLine.split(' ')[1]), headers, body: bytes.toString('utf8'), bytes }
}

/** The real app on a free port of 127.0.0.1 (closed after the test like every test app). */
export async function listening(opts: Parameters<typeof makeApp>[0] = {}): Promise<{ t: TestApp; port: number }> {
  const t = await makeApp(opts)
  return { t, port: await listenOnLoopback(t) }
}
