// The ShipStation Custom Store endpoint: one URL, dispatched on `action`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, CODE } from '../errors.js'
import type { Services } from '../services/index.js'
import { NOTICE_MAX_BYTES } from '../shipstation/notice-body.js'
import { parseAction, parseExportParams } from '../shipstation/request-params.js'
import { acknowledgementXml } from '../shipstation/xml-reply.js'
import { authenticate } from './auth.js'
import { xmlErrorHandler } from './error-reply.js'
import { queryWithoutCredentials } from './redact.js'

/** The one URL ShipStation is given; the plugin is registered under it as its prefix. */
export const SHIPSTATION_PATH = '/shipstation'

/**
 * Whether a request target names the ShipStation endpoint, however it is spelled: origin-form
 * (`/shipstation?…`), absolute-form (`http://host/shipstation?…`, which Node leaves in req.url) or with
 * unreserved characters percent-encoded (`/%73hipstation`), as the router reads them. Only for answers given
 * before any route is found (a request Node or the router refused); routed requests use the plugin's handler.
 */
export function isShipStationTarget(target: string): boolean {
  const path = (target.split(/[?#]/)[0] ?? '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
      const c = String.fromCharCode(Number.parseInt(hex, 16))
      return /[A-Za-z0-9._~-]/.test(c) ? c : escape
    })
  return path === SHIPSTATION_PATH || path.startsWith(`${SHIPSTATION_PATH}/`)
}

/**
 * Fastify's own limit, above the notice limit: a body between the two still reaches the service, which
 * journals its first 64 KiB before answering 413 (Fastify would refuse it without a trace).
 */
const HARD_BODY_LIMIT = 2 * NOTICE_MAX_BYTES

export async function shipstationRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  // Every answer here is XML, errors and unknown paths under the prefix included: ShipStation shows a JSON or
  // empty body as "Root element is missing".
  app.setErrorHandler(xmlErrorHandler)
  app.setNotFoundHandler(async (req) => {
    const path = req.url.split('?')[0]
    throw AppError.of(CODE.NOT_FOUND, 'route', req.method, path ?? '', `use GET or POST ${SHIPSTATION_PATH}`)
  })
  // Credentials first, before the body is read: a caller without them learns nothing, not even which
  // parameter is wrong, and costs no memory.
  app.addHook('onRequest', authenticate('shipstation', services))
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
    const action = parseAction(query)
    // A GET or HEAD that names shipnotify (a link checker, a mistyped test) must not journal an empty notice.
    if (action === 'shipnotify' && req.method !== 'POST') {
      throw AppError.of(CODE.METHOD_NOT_ALLOWED)
    }
    reply.header('cache-control', 'no-store').type('text/xml; charset=utf-8')
    if (action === 'export') {
      const page = await services.exportPage(parseExportParams(query))
      return reply.send(page.xml)
    }
    const result = await services.shipnotify({
      query: queryWithoutCredentials(req.url),
      contentType: sentContentType.get(req) ?? null,
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      requestId: req.id,
    })
    // Kept but not acknowledged (unmatched, rejected): the plugin's error handler answers the catalogue's error.
    if (result.error) throw result.error
    return reply.send(acknowledgementXml(result.outcome, result.noticeId))
  }
  app.get('/', handler)
  app.post('/', { bodyLimit: HARD_BODY_LIMIT }, handler)
}
