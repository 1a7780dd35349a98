// Read-back and status change for one order: GET /api/orders/:orderNumber, PUT …/status.

import type { FastifyInstance } from 'fastify'
import type { Services } from '../services/index.js'
import { ErrorReply, OrderParams, OrderReadBack, StatusChangeBody, StatusChangeReply } from './api-schemas.js'

export async function ordersRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  const errors = { 400: ErrorReply, 401: ErrorReply, 404: ErrorReply }

  app.get<{ Params: { orderNumber: string } }>(
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

  app.put<{ Params: { orderNumber: string }; Body: { code: string; reason?: string } }>(
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
