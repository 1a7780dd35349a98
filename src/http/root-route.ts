// GET /: where to go from here — the operator page, health, the API description. Nothing else, no secrets.

import type { FastifyInstance } from 'fastify'
import { html } from './html.js'

const LINKS = { ops: '/ops', health: '/healthz', ready: '/readyz', api: '/api/openapi.json' } as const

export async function rootRoute(app: FastifyInstance): Promise<void> {
  app.get('/', async (req, reply) => {
    reply.header('cache-control', 'no-store')
    // A person typing the address gets a page; curl and scripts get JSON.
    if (!/\btext\/html\b/.test(req.headers.accept ?? '')) return { service: 'sophio-shipstation', links: LINKS }
    const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>sophio-shipstation</title></head>
<body><h1>sophio-shipstation</h1>
<p>The connector between a Sophio webstore and ShipStation. ShipStation connects to <code>/shipstation</code>.</p>
<ul>
<li><a href="${LINKS.ops}">Operations</a> (operator credentials)</li>
<li><a href="${LINKS.health}">Health</a> and <a href="${LINKS.ready}">readiness</a></li>
<li><a href="${LINKS.api}">The order API (OpenAPI)</a></li>
</ul></body></html>
`
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'")
      .send(page.value)
  })
}
