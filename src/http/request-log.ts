// One JSON log line per request (at completion), with the request id and a URL whose secrets are removed.

import { type FastifyReply, type FastifyRequest, LogController } from 'fastify'
import { redactUrl } from './redact.js'

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: req.method,
      url: redactUrl(req.url),
      statusCode: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      remoteAddress: req.ip,
    }
    if (error || reply.statusCode >= 500) reply.log.error({ ...line, err: error }, 'request failed')
    else reply.log.info(line, 'request')
  }
}
