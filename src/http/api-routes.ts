// The Sophio JSON API: one encapsulated plugin so its credential check covers exactly these routes.

import type { FastifyInstance } from 'fastify'
import type { Services } from '../services/index.js'
import { authenticate } from './auth.js'
import { createOrderRoute } from './createorder-route.js'
import { jsonErrorHandler } from './error-reply.js'
import { readJsonBody } from './json-body.js'
import { ordersRoutes } from './orders-routes.js'

export async function apiRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  app.setErrorHandler(jsonErrorHandler)
  // onRequest: before the body is read, so a caller without credentials learns nothing about validation.
  app.addHook('onRequest', authenticate('api', services))
  // Sophio documents no Content-Type for createorder (PHP/curl clients often send form-urlencoded or
  // text/plain): every body is read as strict UTF-8 JSON (json-body.ts says why not Fastify's parser).
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, readJsonBody(body as Buffer))
    } catch (err) {
      done(err as Error)
    }
  })
  // Fastify calls no parser for a body of length 0: say so in the same words as readJsonBody would.
  app.addHook('preValidation', async (req) => {
    if ((req.method === 'POST' || req.method === 'PUT') && req.body === undefined) readJsonBody(new Uint8Array(0))
  })
  await app.register(createOrderRoute, opts)
  await app.register(ordersRoutes, opts)
}
