// /ops: the operator page, its re-apply form and its JSON twins — all behind the ops credentials.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type } from 'typebox'
import { type LimitBounds, limitProblem, parseLimit } from '../domain/limit.js'
import { NOTICE_OUTCOMES, type NoticeOutcome } from '../domain/shipment.js'
import { AppError, CODE } from '../errors.js'
import type { Services } from '../services/index.js'
import { noticeJson, orderDetailJson, orderPageJson, shipmentListJson, statusMapJson } from '../services/ops-json.js'
import { statusMapProblems } from '../services/ops-views.js'
import { ORDER_FILTER_KEYS, parseOrderFilter, type RawOrderFilter } from '../services/order-filter.js'
import { authenticate } from './auth.js'
import type { CsrfGuard } from './csrf.js'
import { errorHandler, jsonErrorHandler } from './error-reply.js'
import { ordersPage } from './ops-orders-page.js'
import { ATTENTION, errorPage, opsPage } from './ops-page.js'
import { OPS_CSS_HASH } from './ops-style.js'

export const OPS_PREFIX = '/ops'

/**
 * Pages a browser shows (errors there are answered in HTML); /ops/api/… answers JSON. For answers given
 * before any route is found (a path the router cannot decode); routed requests get their plugin's format.
 */
export function isOpsPage(url: string): boolean {
  const path = url.split('?')[0] ?? ''
  return (path === OPS_PREFIX || path.startsWith(`${OPS_PREFIX}/`)) && !path.startsWith(`${OPS_PREFIX}/api/`)
}

const LIST_LIMIT = 25

/** The pages are read in a browser: an error there is a page too. */
export const opsPageErrorHandler = errorHandler((reply, e) =>
  htmlReply(reply).send(errorPage(e.statusCode, e.code, e.message)),
)

const PageQuery = Type.Object({
  order: Type.Optional(Type.String({ maxLength: 100 })),
  attention: Type.Optional(Type.Enum(ATTENTION, { type: 'string' })),
  reapplied: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })),
  r: Type.Optional(Type.Enum(['0', '1'], { type: 'string' })),
})

const NoticeParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,15}$' }) })

export const opsRoutes: FastifyPluginAsyncTypebox<{ services: Services; csrf: CsrfGuard }> = async (app, opts) => {
  const { services, csrf } = opts
  const ops = services.ops
  // onRequest: before the body is read; also covers this prefix's 404s, so nothing under /ops answers anonymously.
  app.addHook('onRequest', authenticate('ops', services))
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store')
  })
  app.setErrorHandler(opsPageErrorHandler)
  app.setNotFoundHandler(async (req) => {
    throw AppError.of(CODE.NOT_FOUND, 'page', req.method, req.url.split('?')[0] ?? '')
  })
  // Only the re-apply form posts here, so only form bodies are read (text/plain or JSON: 415); a tiny limit is plenty.
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  )
  const binding = async () => {
    const c = await services.opsCredentials.current()
    return c ? `${c.username}|${c.passwordHash}` : ''
  }

  app.get(
    '/',
    { schema: { querystring: PageQuery } },
    async (req, reply) => {
      const query = req.query.order?.trim()
      const report = await ops.statusMap()
      const flashId = req.query.reapplied === undefined ? undefined : Number(req.query.reapplied)
      const html = opsPage({
        now: services.now(),
        report,
        problems: statusMapProblems(report),
        noticeCounts: await ops.noticeCounts(),
        health: await ops.health(),
        customStore: {
          url: services.config.publicUrl,
          username: (await services.shipstationCredentials.current())?.username ?? null,
        },
        search: query ? { query, detail: await ops.orderDetail(query) } : null,
        flash:
          flashId === undefined
            ? null
            : { id: flashId, notice: await services.notices.get(flashId), refused: req.query.r === '0' },
        waiting: await ops.notices(LIST_LIMIT, req.query.attention ?? 'failed'),
        attentionFilter: req.query.attention ?? null,
        shipments: await ops.recentShipments(LIST_LIMIT),
        notices: await ops.notices(LIST_LIMIT),
        csrf: csrf.token(await binding()),
      })
      return htmlReply(reply).send(html)
    },
  )

  app.post(
    '/notices/:id/reapply',
    { schema: { params: NoticeParams } },
    async (req, reply) => {
      // What the form parser above made of the body (no schema: a bad form is the CSRF check's to refuse).
      const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, string>
      csrf.verify(req, body.csrf, await binding())
      const id = Number(req.params.id)
      const result = await services.notices.reapply(id)
      req.log.info(
        {
          noticeId: id,
          outcome: result.ok ? result.entry.outcome : null,
          refused: result.ok ? undefined : result.message,
        },
        'operator re-applied a shipment notice',
      )
      const back = typeof body.back === 'string' ? body.back : ''
      const flash = `reapplied=${id}&r=${result.ok ? 1 : 0}`
      const filter = ATTENTION.find((o) => back === `attention:${o}`)
      const to = back.startsWith('order:')
        ? `${OPS_PREFIX}?order=${encodeURIComponent(back.slice(6))}&${flash}#order`
        : `${OPS_PREFIX}?${filter ? `attention=${filter}&` : ''}${flash}#attention`
      // 303: the browser follows with a GET, so reloading the result never posts again.
      return reply.code(303).header('location', to).send()
    },
  )

  app.get<{ Querystring: Record<string, unknown> }>('/orders', async (req, reply) => {
    const raw = rawFilter(req.query)
    const parsed = parseOrderFilter(raw, services.now())
    const html = ordersPage({
      now: services.now(),
      raw,
      result: parsed.ok ? { ok: true, filter: parsed.filter, page: await ops.listOrders(parsed.filter) } : parsed,
    })
    // A filter that cannot be read is answered with the form and what is wrong, as a 400.
    return htmlReply(reply)
      .code(parsed.ok ? 200 : 400)
      .send(html)
  })


  await app.register(opsApiRoutes, { services, prefix: '/api' })
}

/** /ops/api/…: the page's data as JSON for scripts; its errors are JSON too. */
async function opsApiRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const ops = opts.services.ops
  app.setErrorHandler(jsonErrorHandler)
  app.setNotFoundHandler(async (req) => {
    throw AppError.of(CODE.NOT_FOUND, 'route', req.method, req.url.split('?')[0] ?? '')
  })
  app.get('/status-map', async () => statusMapJson(await ops.statusMap()))

  app.get<{ Querystring: Record<string, unknown> }>('/orders', async (req) => {
    const raw = rawFilter(req.query)
    const parsed = parseOrderFilter(raw, opts.services.now())
    if (!parsed.ok) throw AppError.of(CODE.BAD_FILTER, parsed.message)
    return orderPageJson(await ops.listOrders(parsed.filter), raw, `${OPS_PREFIX}/api/orders`)
  })

  app.get<{ Params: { orderNumber: string } }>('/orders/:orderNumber', async (req) => {
    const detail = await ops.orderDetail(req.params.orderNumber)
    if (!detail) throw AppError.of(CODE.ORDER_NOT_FOUND, req.params.orderNumber)
    return orderDetailJson(detail)
  })

  app.get<{ Querystring: { outcome?: string; limit?: string } }>('/notices', async (req) => {
    const outcome = str(req.query.outcome, 'outcome')
    if (outcome !== undefined && outcome !== 'failed' && !(NOTICE_OUTCOMES as readonly string[]).includes(outcome)) {
      throw AppError.of(CODE.BAD_FILTER, `outcome must be failed or one of ${NOTICE_OUTCOMES.join(', ')}`)
    }
    const limit = limitOf(req.query.limit)
    return { notices: (await ops.notices(limit, outcome as NoticeOutcome | 'failed' | undefined)).map(noticeJson) }
  })

  app.get<{ Querystring: { limit?: string } }>('/shipments', async (req) => ({
    shipments: shipmentListJson(await ops.recentShipments(limitOf(req.query.limit))),
  }))
}

/** The listing parameters of a query string (others are ignored). */
function rawFilter(q: Record<string, unknown>): RawOrderFilter {
  return Object.fromEntries(ORDER_FILTER_KEYS.map((k) => [k, str(q[k], k)]))
}

/** A filter parameter; given twice (`?status=a&status=b`) it is refused, not silently narrowed to one. */
function str(v: unknown, name: string): string | undefined {
  if (Array.isArray(v)) throw AppError.of(CODE.REPEATED_PARAMETER, name)
  return typeof v === 'string' ? v : undefined
}

/** `limit` of /ops/api/notices and /ops/api/shipments: the page's list length unless asked, at most 1000. */
const LIST_LIMITS: LimitBounds = { fallback: LIST_LIMIT, max: 1000 }

function limitOf(v: unknown): number {
  if (v === undefined) return LIST_LIMIT
  str(v, 'limit')
  const n = typeof v === 'string' ? parseLimit(v, LIST_LIMITS) : undefined
  if (n === undefined) throw AppError.of(CODE.BAD_FILTER, limitProblem(LIST_LIMITS), 'limit')
  return n
}

/** Security headers of every HTML answer: only our own stylesheet, no scripts, no framing, forms to us only. */
export function htmlReply(reply: FastifyReply): FastifyReply {
  return (
    reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        `default-src 'none'; style-src ${OPS_CSS_HASH}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      )
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      // Same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on the form's POST.
      .header('referrer-policy', 'same-origin')
  )
}
