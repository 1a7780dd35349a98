// Node's refusals before Fastify sees a request (431, 400): answered in the format of the route it was for.

import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError } from 'fastify'
import { clientErrorOf } from '../errors.js'
import { errorXml } from '../shipstation/xml-reply.js'
import { jsonErrorBody } from './error-reply.js'
import { isShipStationTarget } from './shipstation-routes.js'

/** `GET /shipstation?… HTTP/1.1`: the target of the request line at the start of the bytes Node refused. */
const REQUEST_LINE = /^[A-Z]{1,20} (\S{1,8192}) /

/**
 * Fastify's `clientErrorHandler`. The bytes Node refused (`err.rawPacket`, a Buffer whatever Fastify's types
 * say) are read only for the request line's target and never logged — they can hold SS-Password or an
 * Authorization header — and neither is the error (Fastify's default handler logs it with them at trace).
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  // A reset connection: nobody is left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const e = clientErrorOf(err.code)
  const raw: unknown = err.rawPacket
  const head = Buffer.isBuffer(raw) ? raw.toString('latin1', 0, 8300) : ''
  const target = REQUEST_LINE.exec(head)?.[1]
  const xml = target !== undefined && isShipStationTarget(target)
  const body = xml ? errorXml(e.code, e.message) : JSON.stringify(jsonErrorBody(e))
  const type = xml ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8'
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${e.statusCode} ${STATUS_CODES[e.statusCode]}\r\nContent-Type: ${type}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    )
  }
  socket.destroy(err)
}
