// The ShipStation Custom Store endpoint: one URL, dispatched on `action`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { parseAction, parseExportParams } from '../shipstation/request-params.js'
import type { Services } from '../services/index.js'
import { requireShipStationAuth } from './auth.js'

export const SHIPSTATION_PATH = '/shipstation'

export async function shipstationRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  // ShipStation's POSTs carry no dependable Content-Type: read every body as text (parsed by the action).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))

  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown>
    // Credentials first: a caller without them learns nothing, not even which parameter is wrong.
    requireShipStationAuth(req, services.shipstationCredentials)
    const action = parseAction(query)
    reply.header('cache-control', 'no-store').type('text/xml; charset=utf-8')
    if (action === 'export') {
      const page = services.exportPage(parseExportParams(query))
      return reply.send(page.xml)
    }
    const result = services.shipnotify(query, typeof req.body === 'string' ? req.body : '')
    return reply.code(result.statusCode).send(result.xml)
  }
  app.get(SHIPSTATION_PATH, handler)
  app.post(SHIPSTATION_PATH, handler)
}
