// Read-back and status change for one order: GET /api/orders/:orderNumber, PUT …/status.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Services } from '../services/index.js'
import { ErrorReply, OrderParams, OrderReadBack, StatusChangeBody, StatusChangeReply } from './api-schemas.js'

// Params, body and answers are typed by their schemas (the TypeBox type provider): a handler that returns
// something the response schema would not serialise as it is does not compile.
export const ordersRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, opts) => {
  const { services } = opts
  const errors = { 400: ErrorReply, 401: ErrorReply, 404: ErrorReply }

  app.get(
    '/api/orders/:orderNumber',
    {
      schema: {
        tags: ['orders'],
        summary: 'An order with its Sophio code, ShipStation status, status history and shipments (tracking)',
        params: OrderParams,
        response: { 200: OrderReadBack, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return services.readOrder(req.params.orderNumber)
    },
  )

  app.put(
    '/api/orders/:orderNumber/status',
    {
      schema: {
        tags: ['orders'],
        summary: 'Move an order to another Sophio code (9 = cancelled); ShipStation picks it up in the next export',
        params: OrderParams,
        body: StatusChangeBody,
        response: { 200: StatusChangeReply, ...errors },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store')
      return services.setOrderStatus(req.params.orderNumber, req.body.code, req.body.reason)
    },
  )
}
