// Raw bytes over a real socket to an app listening on 127.0.0.1: requests no HTTP client would send.

import { connect } from 'node:net'
import type { TestApp } from './app.js'

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
