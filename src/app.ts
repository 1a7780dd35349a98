// buildApp: the Fastify instance with its plugins, error handling and routes — no listen, no environment.

import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Config } from './config.js'
import type { Db } from './db/open.js'
import { AppError } from './errors.js'
import { apiRoutes } from './http/api-routes.js'
import { challenge } from './http/auth.js'
import { registerOpenApi } from './http/openapi.js'
import { redactUrl } from './http/redact.js'
import { OneLinePerRequest } from './http/request-log.js'
import { SHIPSTATION_PATH, shipstationRoutes } from './http/shipstation-routes.js'
import { buildServices, type Services } from './services/index.js'
import { errorXml } from './shipstation/xml-reply.js'

export const BODY_LIMIT = 1024 * 1024

export interface AppDeps {
  config: Readonly<Config>
  db: Db
  /** Where log lines go (default stdout); tests pass a stream to capture them. */
  logStream?: { write(line: string): void }
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export type App = FastifyInstance

export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(deps),
    bodyLimit: BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    logController: new OneLinePerRequest(),
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
  })
  const services = buildServices(deps.config, deps.db, app.log)
  app.decorate('services', services)

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const isShipStation = req.url.startsWith(SHIPSTATION_PATH)
    let status: number
    let code: string
    let message: string
    let parameter: string | undefined
    if (err instanceof AppError) {
      ;({ statusCode: status, code, message, parameter } = err)
    } else if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode
      code = err.code ?? 'BAD_REQUEST'
      message = status === 413 ? `request body is larger than ${BODY_LIMIT} bytes` : err.message
    } else {
      req.log.error({ err }, 'unhandled error')
      status = 500
      code = 'INTERNAL'
      message = 'internal error; the request id in the log tells what happened'
    }
    if (status === 401) challenge(reply)
    reply.code(status).header('cache-control', 'no-store')
    if (isShipStation) {
      return reply.type('text/xml; charset=utf-8').send(errorXml(code, message, parameter))
    }
    const details = err instanceof AppError ? err.details : undefined
    return reply.send({ error: { code, message, ...(parameter ? { parameter } : {}), ...details }, requestId: req.id })
  })

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `no route ${req.method} ${redactUrl(req.url.split('?')[0] ?? '')}` },
    })
  })

  await registerOpenApi(app)
  await app.register(shipstationRoutes, { services })
  await app.register(apiRoutes, { services })
  return app
}

/** One JSON line per request; never a raw URL (ShipStation may put SS-Password in it) nor a secret header. */
function loggerOptions(deps: AppDeps) {
  return {
    level: deps.config.logLevel,
    ...(deps.logStream ? { stream: deps.logStream } : {}),
    redact: {
      paths: ['req.headers.authorization', 'req.headers["ss-password"]', 'req.headers.cookie'],
      censor: '[REDACTED]',
    },
    serializers: {
      req(req: FastifyRequest) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }
      },
    },
  }
}
