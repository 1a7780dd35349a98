// Error answers: what an error means is decided once (errors.ts); each plugin renders it in its own format.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, toAppError } from '../errors.js'
import { errorXml } from '../shipstation/xml-reply.js'
import { challenge } from './auth.js'

type Render = (reply: FastifyReply, e: AppError, req: FastifyRequest) => FastifyReply
export type ErrorHandler = (err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) => FastifyReply

/** An error handler that sets what every error answer shares (status, challenge, headers, no-store), then renders. */
export function errorHandler(render: Render): ErrorHandler {
  return (err, req, reply) => {
    // A storage fault (disk full, read-only, moved…) becomes its 503 here, for every format at once.
    const e = toAppError(req.server.services.storage.translate(err) as typeof err, req.routeOptions.bodyLimit)
    if (!(err instanceof AppError) && e.statusCode >= 500) req.log.error({ err }, 'unhandled error')
    if (e.statusCode === 401) challenge(reply)
    if (e.headers) reply.headers(e.headers)
    reply.code(e.statusCode).header('cache-control', 'no-store')
    return render(reply, e, req)
  }
}

/** `{ error: { code, message, parameter?, …details }, requestId }` */
export function jsonErrorBody(e: AppError, requestId?: string): Record<string, unknown> {
  const error = { code: e.code, message: e.message, ...(e.parameter ? { parameter: e.parameter } : {}), ...e.details }
  return requestId === undefined ? { error } : { error, requestId }
}

/**
 * The ShipStation endpoint: `<Error><Code/><Message/><Parameter/></Error>`, whatever went wrong, followed by the
 * error's text details (an unmatched notice's `<OrderNumber>`).
 */
export const xmlErrorHandler = errorHandler((reply, e) =>
  reply.type('text/xml; charset=utf-8').send(errorXml(e.code, e.message, e.parameter, textDetails(e))),
)

function textDetails(e: AppError): Record<string, string> | undefined {
  if (!e.details) return undefined
  return Object.fromEntries(Object.entries(e.details).filter((d): d is [string, string] => typeof d[1] === 'string'))
}

/** The JSON API and everything without a format of its own. */
export const jsonErrorHandler = errorHandler((reply, e, req) => reply.send(jsonErrorBody(e, req.id)))
