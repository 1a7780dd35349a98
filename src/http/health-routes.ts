// /healthz (the process answers) and /readyz (database reachable and writable, migrations current), no credentials.

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
    const h = await services.ops.health()
    // Reachable is not enough: a database that can no longer be written (read-only, deleted or replaced
    // while running, damaged) must take this instance out of rotation.
    const storage = services.storage.check().state
    const current = h.reachable && h.schemaVersion === h.expectedVersion && storage === 'ok'
    reply.header('cache-control', 'no-store').code(current ? 200 : 503)
    return {
      status: current ? 'ready' : 'not ready',
      database: h.reachable ? 'reachable' : 'unreachable',
      storage,
      schemaVersion: h.schemaVersion,
      expectedSchemaVersion: h.expectedVersion,
    }
  })
}
