// Request ids: a UUIDv7 (time-ordered, 74 random bits), or the client's X-Request-Id when it is short and plain.

import { randomFillSync } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'

/**
 * What a client's id may look like to be kept: UUIDs, ULIDs, hex, `proxy-host:1234.5` — everything proxies and
 * tracers send — and nothing that could break a log line, a header, a URL or a shell command it is pasted into.
 * A longer id would let a client blow up every log line it causes.
 */
const CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** RFC 9562 version 7: 48-bit Unix milliseconds, then random bits — unique across restarts and instances. */
export function uuidv7(now: number = Date.now()): string {
  const b = randomFillSync(Buffer.alloc(16))
  b.writeUIntBE(now, 0, 6)
  b.writeUInt8((b.readUInt8(6) & 0x0f) | 0x70, 6)
  b.writeUInt8((b.readUInt8(8) & 0x3f) | 0x80, 8)
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** Fastify's genReqId: the client's X-Request-Id when it is acceptable, else a new UUIDv7. */
export function requestId(req: IncomingMessage): string {
  const sent = req.headers[REQUEST_ID_HEADER]
  return typeof sent === 'string' && CLIENT_ID.test(sent) ? sent : uuidv7()
}
