// POST /createorder.wws?action=CREATE — Sophio's order intake: validate, store, echo the stored order.

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyError, FastifyRequest } from 'fastify'
import { paramValues } from '../domain/query-params.js'
import { AppError, CODE } from '../errors.js'
import type { Services } from '../services/index.js'
import { CREATE_ORDER_KEYS, CreateOrderBody, CreateOrderReply } from '../sophio/createorder-schema.js'
import { CreateOrderQuery, ErrorReply } from './api-schemas.js'

export const CREATE_ORDER_PATH = '/createorder.wws'

export const createOrderRoute: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, opts) => {
  const { services } = opts
  app.post(
    CREATE_ORDER_PATH,
    {
      schema: {
        tags: ['orders'],
        summary: 'Create or update an order (Sophio createorder API)',
        description:
          'Upserts by orderKey (else orderNumber). 201 when created; 200 when updated or unchanged (a retried ' +
          'identical request changes nothing, not even modifyDate). 400 lists every failing field; nothing is stored.',
        querystring: CreateOrderQuery,
        body: CreateOrderBody,
        response: { 200: CreateOrderReply, 201: CreateOrderReply, 400: ErrorReply, 401: ErrorReply },
      },
      // The schema is case-sensitive, Sophio's own sample is not (`AdvancedOptions`). Until validated (and, with
      // attachValidation, even after) the body is only what was parsed: it goes on as unknown to parseCreateOrder.
      preValidation: async (req) => {
        req.body = canonicalTopLevelKeys(req.body) as typeof req.body
      },
      // Schema failures come to the handler, which reports them with the rest of the order's problems.
      attachValidation: true,
    },
    async (req, reply) => {
      // Its name in any letter case, given once: `action=CREATE&ACTION=DELETE` is refused, not read as either.
      const actions = paramValues(req.query, 'action')
      const [action] = actions
      if (actions.length !== 1 || typeof action !== 'string' || action.trim().toUpperCase() !== 'CREATE') {
        throw AppError.of(CODE.UNSUPPORTED_ACTION)
      }
      if (req.validationError) rejectInvalid(req, services)
      const result = await services.createOrder(req.body)
      if (!result.ok) throw AppError.of(CODE.INVALID_ORDER, result.errors, result.warnings)
      reply.header('cache-control', 'no-store')
      if (result.outcome === 'created') {
        reply.code(201).header('location', `/api/orders/${encodeURIComponent(result.body.orderNumber)}`)
      }
      return result.body
    },
  )
}

/** A body the schema refused: parseCreateOrder's full list of problems (a superset of the schema's rules). */
function rejectInvalid(req: FastifyRequest, services: Services): never {
  const err = req.validationError as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (err.validationContext !== 'body') throw err
  const checked = services.validateOrder(req.body)
  const problems = checked.errors.length > 0 ? checked.errors : (err.validation ?? []).map(schemaProblem)
  throw AppError.of(CODE.INVALID_ORDER, problems, checked.warnings)
}

interface AjvError {
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

/** `/items/0` + missingProperty → `items[0].sku`: the same path style as parseCreateOrder. */
function schemaProblem(e: AjvError): { path: string; message: string } {
  const parts = e.instancePath.split('/').filter(Boolean)
  if (typeof e.params.missingProperty === 'string') parts.push(e.params.missingProperty)
  const path = parts.reduce((p, x) => (/^\d+$/.test(x) ? `${p}[${x}]` : p ? `${p}.${x}` : x), '') || '$'
  return { path, message: e.message ?? 'is not valid' }
}

/** Lower-cased field name → the documented spelling. */
const CANONICAL: ReadonlyMap<string, string> = new Map(CREATE_ORDER_KEYS.map((n) => [n.toLowerCase(), n]))

/**
 * Renames top-level keys that match a documented field in another case (`AdvancedOptions` → `advancedOptions`);
 * the last spelling wins, as in parseCreateOrder, so schema and parser judge the same value. A body that
 * needs no renaming (the usual case) is returned as it is.
 */
export function canonicalTopLevelKeys(body: unknown, canonical: ReadonlyMap<string, string> = CANONICAL): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  const keys = Object.keys(body)
  if (keys.every((k) => (canonical.get(k.toLowerCase()) ?? k) === k)) return body
  const out: Record<string, unknown> = {}
  for (const k of keys) {
    // Fastify's JSON parser already refuses __proto__; never copy it onto a plain object regardless.
    if (k === '__proto__') continue
    out[canonical.get(k.toLowerCase()) ?? k] = (body as Record<string, unknown>)[k]
  }
  return out
}
