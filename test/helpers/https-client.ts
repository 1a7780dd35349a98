// Requests to the local nginx as ShipStation makes them: verified HTTPS, from a chosen loopback address.

import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

export interface ClientRequest {
  port: number
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** The client's own address: another loopback address than nginx's upstream side (127.0.0.1). */
  localAddress?: string
  /** Send the body with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean
}

export interface ClientResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * One request on a fresh connection. `tls` verifies nginx's certificate against `ca` for `servername`, as a
 * real client would (no `rejectUnauthorized: false`); without it the request is plain HTTP.
 */
export function send(req: ClientRequest, tls?: { ca: string; servername: string }): Promise<ClientResponse> {
  const headers: Record<string, string> = { ...req.headers }
  if (req.body !== undefined && !req.chunked) headers['content-length'] = String(Buffer.byteLength(req.body))
  const options = {
    host: '127.0.0.1',
    port: req.port,
    path: req.path,
    method: req.method ?? 'GET',
    headers: { host: tls?.servername ?? 'connector.example.com', ...headers },
    localAddress: req.localAddress ?? '127.0.0.2',
    agent: false as const,
  }
  return new Promise((resolve, reject) => {
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    }
    const r = tls
      ? httpsRequest({ ...options, ca: tls.ca, servername: tls.servername }, onResponse)
      : httpRequest(options, onResponse)
    r.on('error', reject)
    if (req.chunked && req.body !== undefined) {
      const body = Buffer.from(req.body)
      for (let at = 0; at < body.length; at += 64 * 1024) r.write(body.subarray(at, at + 64 * 1024))
      r.end()
    } else r.end(req.body)
  })
}
