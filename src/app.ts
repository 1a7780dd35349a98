// buildApp: the Fastify instance with its plugins, error handling and routes — no listen, no environment.

import Fastify, { type FastifyInstance, type FastifyRequest, type FastifySchemaValidationError } from 'fastify'
import type { Config } from './config.js'
import type { Db } from './db/open.js'
import { AppError, CODE, routerErrorOf } from './errors.js'
import { apiRoutes } from './http/api-routes.js'
import { clientErrorHandler } from './http/client-error.js'
import { csrfGuard } from './http/csrf.js'
import { type ErrorHandler, jsonErrorHandler, xmlErrorHandler } from './http/error-reply.js'
import { deferContinue } from './http/expect-continue.js'
import { healthRoutes } from './http/health-routes.js'
import { registerMetrics } from './http/metrics.js'
import { registerOpenApi } from './http/openapi.js'
import { isOpsPage, OPS_PREFIX, opsPageErrorHandler, opsRoutes } from './http/ops-routes.js'
import { redactUrl } from './http/redact.js'
import { requestId } from './http/request-id.js'
import { OneLinePerRequest } from './http/request-log.js'
import { rootRoute } from './http/root-route.js'
import { isShipStationTarget, SHIPSTATION_PATH, shipstationRoutes } from './http/shipstation-routes.js'
import { type LogSink, stdoutDestination } from './log-destination.js'
import { trustProxyOption } from './http/trust-proxy.js'
import { serverTimeouts } from './http/timeouts.js'
import { buildServices, type Services } from './services/index.js'

export const BODY_LIMIT = 1024 * 1024

export interface AppDeps {
  config: Readonly<Config>
  db: Db
  /** Where log lines go (default stdout, never blocking: see log-destination.ts); tests pass one to capture them. */
  logStream?: LogSink
  /** The clock of every use case (epoch ms); tests pass one they move. */
  clock?: () => number
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}

export type App = FastifyInstance

export async function buildApp(deps: AppDeps): Promise<App> {
  const logStream = deps.logStream ?? stdoutDestination()
  const app = Fastify({
    logger: loggerOptions(deps.config, logStream),
    bodyLimit: BODY_LIMIT,
    ...serverTimeouts(deps.config.timeouts),
    // The id is chosen by requestId (a client's X-Request-Id only when short and plain), never taken as sent.
    requestIdHeader: false,
    genReqId: requestId,
    logController: new OneLinePerRequest(),
    trustProxy: trustProxyOption(deps.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's Ajv drops properties a schema does not allow; refuse them instead (a misspelt `reason` must
    // not vanish from a status change), and name the property in the message.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: (errors, dataVar) => new Error(errors.map((e) => schemaMessage(e, dataVar)).join(', ')),
    // A path that is not valid percent-encoding (or a parameter past 100 characters) is refused by the router
    // before any route runs, so no plugin's handler applies: the target picks the format its route would have.
    frameworkErrors: (err, req, reply) => routelessErrorHandler(req.url)(routerErrorOf(err.code), req, reply),
    // Node's own refusals (431 headers too large, 400 not HTTP) never reach Fastify's error handling.
    clientErrorHandler,
  })
  const services = buildServices(deps.config, deps.db, app.log, deps.clock)
  app.decorate('services', services)
  app.decorateRequest('caller', null)

  // JSON unless a plugin renders its own (ShipStation XML, /ops pages HTML).
  app.setErrorHandler(jsonErrorHandler)
  services.storage.start()
  app.addHook('onClose', async () => services.storage.stop())
  deferContinue(app)

  // Through the error handler: the 404 has the shape of every other JSON error, request id included.
  app.setNotFoundHandler(async (req) => {
    throw AppError.of(CODE.NOT_FOUND, 'route', req.method, redactUrl(req.url.split('?')[0] ?? ''))
  })

  await registerOpenApi(app)
  registerMetrics(app, services, () => logStream.dropped ?? 0)
  await app.register(rootRoute)
  await app.register(healthRoutes, { services })
  const csrf = csrfGuard({ trustedOrigins: [new URL(deps.config.publicUrl).origin] })
  await app.register(opsRoutes, { services, csrf, prefix: OPS_PREFIX })
  await app.register(shipstationRoutes, { services, prefix: SHIPSTATION_PATH })
  await app.register(apiRoutes, { services })
  return app
}

/** The error format for a request no route has taken yet, by its target. */
function routelessErrorHandler(url: string): ErrorHandler {
  if (isShipStationTarget(url)) return xmlErrorHandler
  return isOpsPage(url) ? opsPageErrorHandler : jsonErrorHandler
}

/** `body must NOT have additional properties ("orderId")`: Ajv's message, with the property it is about. */
function schemaMessage(e: FastifySchemaValidationError, dataVar: string): string {
  const extra = e.params.additionalProperty
  return `${dataVar}${e.instancePath} ${e.message}${typeof extra === 'string' ? ` ("${extra}")` : ''}`
}

/** One JSON line per request; never a raw URL (ShipStation may put SS-Password in it) nor a secret header. */
function loggerOptions(config: Readonly<Config>, stream: LogSink) {
  return {
    level: config.logLevel,
    stream,
    // ISO 8601 UTC, the one time format people read everywhere (CLI, /ops, logs) — not epoch milliseconds.
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: {
      // err.rawPacket: the bytes of a request Node could not parse (a 431, a garbage request line) — URL,
      // Authorization and all — which Fastify's client-error handler logs at trace.
      paths: ['req.headers.authorization', 'req.headers["ss-password"]', 'req.headers.cookie', 'err.rawPacket'],
      censor: '[REDACTED]',
    },
    serializers: {
      req(req: FastifyRequest) {
        return { method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }
      },
    },
  }
}
