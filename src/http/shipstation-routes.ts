// The ShipStation Custom Store endpoint: one URL, dispatched on `action`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Services } from '../services/index.js'
import { NOTICE_MAX_BYTES } from '../shipstation/notice-body.js'
import { parseAction, parseExportParams } from '../shipstation/request-params.js'
import { requireShipStationAuth } from './auth.js'
import { guardLogin } from './login-guard.js'
import { queryWithoutCredentials } from './redact.js'

export const SHIPSTATION_PATH = '/shipstation'

/**
 * Fastify's own limit, above the notice limit: a body between the two still reaches the service, which
 * journals its first 64 KiB before answering 413 (Fastify would refuse it without a trace).
 */
const HARD_BODY_LIMIT = 2 * NOTICE_MAX_BYTES

export async function shipstationRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  // ShipStation's POSTs carry no dependable Content-Type: keep every body as raw bytes; the action decodes it
  // (the journal stores the bytes exactly as they came).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: HARD_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  )
  // Fastify answers 415 to a Content-Type it cannot parse (`nonsense`, an empty header) before any parser
  // runs, and the notice would be lost: the parser is shown a neutral type, the journal keeps the one sent.
  const sentContentType = new WeakMap<FastifyRequest, string>()
  app.addHook('onRequest', async (req) => {
    const sent = req.headers['content-type']
    if (sent === undefined) return
    sentContentType.set(req, sent)
    req.headers['content-type'] = 'application/octet-stream'
  })

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown>
    // Credentials first: a caller without them learns nothing, not even which parameter is wrong.
    guardLogin(services.loginThrottle, 'shipstation', req, () =>
      requireShipStationAuth(req, services.shipstationCredentials),
    )
    const action = parseAction(query)
    reply.header('cache-control', 'no-store').type('text/xml; charset=utf-8')
    if (action === 'export') {
      const page = services.exportPage(parseExportParams(query))
      return reply.send(page.xml)
    }
    const result = await services.shipnotify({
      query: queryWithoutCredentials(req.url),
      contentType: sentContentType.get(req) ?? null,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      requestId: req.id,
    })
    return reply.code(result.statusCode).send(result.xml)
  }
  app.get(SHIPSTATION_PATH, handler)
  app.post(SHIPSTATION_PATH, { bodyLimit: HARD_BODY_LIMIT }, handler)
}
