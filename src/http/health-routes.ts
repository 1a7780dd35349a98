// /healthz (the process answers) and /readyz (database reachable, migrations current), without credentials.

import type { FastifyInstance } from 'fastify'
import type { Services } from '../services/index.js'

export async function healthRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts
  // Neither answer names a path, a version string or anything else an anonymous caller could use.
  app.get('/healthz', async (_req, reply) => {
    reply.header('cache-control', 'no-store')
    return { status: 'ok' }
  })

  app.get('/readyz', async (_req, reply) => {
    const h = services.ops.health()
    const current = h.reachable && h.schemaVersion === h.expectedVersion
    reply.header('cache-control', 'no-store').code(current ? 200 : 503)
    return {
      status: current ? 'ready' : 'not ready',
      database: h.reachable ? 'reachable' : 'unreachable',
      schemaVersion: h.schemaVersion,
      expectedSchemaVersion: h.expectedVersion,
    }
  })
}
