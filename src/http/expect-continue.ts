// `Expect: 100-continue` answered only once the request is authenticated, so a refused client never sends its body.

import type { FastifyInstance } from 'fastify'

/**
 * Node answers `100 Continue` by itself the moment the headers arrive, before any hook has run, and the client
 * (.NET's HttpWebRequest, curl for bodies over 1 KiB) then uploads its whole body only to be refused. Instead
 * the request goes through the hooks as usual, and `100 Continue` is sent in preParsing: after every onRequest
 * hook (the credential checks) has let it through, just before the body is read.
 */
export function deferContinue(app: FastifyInstance): void {
  app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res))
  app.addHook('preParsing', async (req, reply) => {
    if (req.headers.expect?.toLowerCase() === '100-continue' && !reply.raw.headersSent) reply.raw.writeContinue()
  })
}
