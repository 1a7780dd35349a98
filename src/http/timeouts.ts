// Fastify's and Node's server timeouts from the configured values: one place that says which knob does what.

import type { Timeouts } from '../config.js'

/** Node checks the request and header timeouts on a sweep: every 30 s by default, which would add up to 30 s. */
const CHECK_INTERVAL_MS = 1000

/** Fastify options for the configured timeouts. */
export function serverTimeouts(t: Timeouts) {
  return {
    /** Whole request received (headers and body), else 408 and the connection closed. */
    requestTimeout: t.requestMs,
    /**
     * A socket silent this long during a request or its answer (e.g. a client that stopped reading) is closed.
     * One sweep longer than the request timeout, so a stalled request is told 408 rather than just dropped.
     */
    connectionTimeout: t.requestMs + CHECK_INTERVAL_MS,
    keepAliveTimeout: t.keepAliveMs,
    http: { headersTimeout: t.headersMs, connectionsCheckingInterval: CHECK_INTERVAL_MS },
  }
}
