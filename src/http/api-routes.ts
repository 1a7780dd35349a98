// The Sophio JSON API: one encapsulated plugin so its credential check covers exactly these routes.

import type { FastifyInstance } from 'fastify'
import type { Services } from '../services/index.js'
import { requireApiAuth } from './api-auth.js'
import { createOrderRoute } from './createorder-route.js'
import { ordersRoutes } from './orders-routes.js'

export async function apiRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  // onRequest: before the body is read, so a caller without credentials learns nothing about validation.
  app.addHook('onRequest', async (req) => requireApiAuth(req, services.apiCredentials))
  // Sophio documents no Content-Type for createorder (PHP/curl clients often send form-urlencoded or
  // text/plain): every body is read as JSON, with Fastify's own parser and prototype-poisoning guard.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  await app.register(createOrderRoute, opts)
  await app.register(ordersRoutes, opts)
}
