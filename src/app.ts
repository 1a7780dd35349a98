// buildApp: the Fastify instance with its plugins, error handling and routes — no listen, no environment.

import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifySchemaValidationError,
} from 'fastify'
import type { Config } from './config.js'
import type { Db } from './db/open.js'
import { AppError, BadRequestError } from './errors.js'
import { apiRoutes } from './http/api-routes.js'
import { challenge } from './http/auth.js'
import { csrfGuard } from './http/csrf.js'
import { healthRoutes } from './http/health-routes.js'
import { registerMetrics } from './http/metrics.js'
import { registerOpenApi } from './http/openapi.js'
import { errorPage } from './http/ops-page.js'
import { htmlReply, isOpsPage, OPS_PREFIX, opsRoutes } from './http/ops-routes.js'
import { redactUrl } from './http/redact.js'
import { OneLinePerRequest } from './http/request-log.js'
import { SHIPSTATION_PATH, shipstationRoutes } from './http/shipstation-routes.js'
import { trustProxyOption } from './http/trust-proxy.js'
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
    trustProxy: trustProxyOption(deps.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true },
    // Fastify's Ajv drops properties a schema does not allow; refuse them instead (a misspelt `reason` must
    // not vanish from a status change), and name the property in the message.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: (errors, dataVar) => new Error(errors.map((e) => schemaMessage(e, dataVar)).join(', ')),
    // A path that is not valid percent-encoding (or a parameter past 100 characters) is refused by the router
    // before any route runs: through the error handler, so the answer has the same shape as every other error.
    frameworkErrors: (err, req, reply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
      const why = tooLong
        ? new AppError(
            414,
            'PATH_TOO_LONG',
            'a path segment is longer than 100 characters (order numbers have at most 50)',
          )
        : new BadRequestError('BAD_URL', 'the URL path is not valid percent-encoded UTF-8')
      sendError(why, req, reply)
    },
  })
  const services = buildServices(deps.config, deps.db, app.log)
  app.decorate('services', services)

  app.setErrorHandler((err: FastifyError | AppError, req, reply) =>
    sendError(services.storage.translate(err) as FastifyError | AppError, req, reply),
  )
  services.storage.start()
  app.addHook('onClose', async () => services.storage.stop())

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({
      error: { code: 'NOT_FOUND', message: `no route ${req.method} ${redactUrl(req.url.split('?')[0] ?? '')}` },
    })
  })

  await registerOpenApi(app)
  registerMetrics(app, services)
  await app.register(healthRoutes, { services })
  const csrf = csrfGuard({ trustedOrigins: [new URL(deps.config.publicUrl).origin] })
  await app.register(opsRoutes, { services, csrf, prefix: OPS_PREFIX })
  await app.register(shipstationRoutes, { services })
  await app.register(apiRoutes, { services })
  return app
}

/** Every error answer: AppError as declared, other 4xx as Fastify named them, anything else a 500 that hides internals. */
function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
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
  if (err instanceof AppError && err.headers) reply.headers(err.headers)
  reply.code(status).header('cache-control', 'no-store')
  if (isShipStation) {
    return reply.type('text/xml; charset=utf-8').send(errorXml(code, message, parameter))
  }
  // The operator page is read in a browser: an error there is a page too.
  if (isOpsPage(req.url)) return htmlReply(reply).send(errorPage(status, code, message))
  const details = err instanceof AppError ? err.details : undefined
  return reply.send({ error: { code, message, ...(parameter ? { parameter } : {}), ...details }, requestId: req.id })
}

/** `body must NOT have additional properties ("orderId")`: Ajv's message, with the property it is about. */
function schemaMessage(e: FastifySchemaValidationError, dataVar: string): string {
  const extra = e.params.additionalProperty
  return `${dataVar}${e.instancePath} ${e.message}${typeof extra === 'string' ? ` ("${extra}")` : ''}`
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
