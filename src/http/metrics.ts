// /metrics: request counts by route and status (counted here), plus order and notice figures from the services.

import type { FastifyInstance } from 'fastify'
import { NOTICE_OUTCOMES } from '../domain/shipment.js'
import type { Services } from '../services/index.js'
import { walSizeBytes } from '../services/wal-size.js'
import { authenticate } from './auth.js'
import { type MetricFamily, PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheus.js'

export const METRICS_PATH = '/metrics'

/**
 * Registers the counting hook on the root instance (so it sees every route, 404s included) and the endpoint.
 * Call before the routes are registered. /metrics needs the ops credentials: the figures are business volumes
 * and the service usually faces the internet (ShipStation must reach it); Prometheus sends them with
 * `basic_auth` in its scrape config.
 */
export function registerMetrics(app: FastifyInstance, services: Services, logLinesDropped: () => number): void {
  const requests = new Map<string, { method: string; route: string; status: string; n: number }>()
  const started = Date.now()

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern, never the URL: order numbers and query strings would make labels unbounded.
    const route = req.routeOptions.url ?? 'unmatched'
    const status = String(reply.statusCode)
    const key = `${req.method} ${route} ${status}`
    const entry = requests.get(key)
    if (entry) entry.n++
    else requests.set(key, { method: req.method, route, status, n: 1 })
  })

  app.get(
    METRICS_PATH,
    { onRequest: authenticate('ops', services) },
    async (_req, reply) => {
      reply.header('cache-control', 'no-store').type(PROMETHEUS_CONTENT_TYPE)
      return prometheusText(await families(services, [...requests.values()], started, logLinesDropped()))
    },
  )
}

async function families(
  services: Services,
  requests: { method: string; route: string; status: string; n: number }[],
  started: number,
  logLinesDropped: number,
): Promise<MetricFamily[]> {
  const report = await services.ops.statusMap()
  const notices = await services.ops.noticeCounts()
  const health = await services.ops.health()
  const storage = services.storage.check().state
  const ready = health.reachable && health.schemaVersion === health.expectedVersion && storage === 'ok'
  const faults = services.storage.faultCounts()
  return [
    {
      name: 'sophio_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      type: 'counter',
      samples: requests.map((r) => ({ labels: { method: r.method, route: r.route, status: r.status }, value: r.n })),
    },
    {
      name: 'sophio_orders_exported_total',
      help: 'Orders sent to ShipStation in export pages since the process started.',
      type: 'counter',
      samples: [{ value: services.stats.ordersExported }],
    },
    {
      name: 'sophio_unmapped_orders_exported_total',
      help: 'Exported orders whose Sophio code is not in the status map (ShipStation skips them).',
      type: 'counter',
      samples: [{ value: services.stats.unmappedExported }],
    },
    {
      name: 'sophio_ship_notices',
      help: 'Shipment notices in the journal, by current outcome (a re-applied notice moves to its new outcome).',
      type: 'gauge',
      samples: NOTICE_OUTCOMES.map((o) => ({ labels: { outcome: o }, value: notices[o] })),
    },
    {
      name: 'sophio_orders',
      help: 'Orders stored, by Sophio status code and the ShipStation status it maps to ("unmapped" when none).',
      type: 'gauge',
      samples: report.codes
        .filter((c) => c.orders > 0 || c.status !== null)
        .map((c) => ({ labels: { code: c.code, shipstation_status: c.status ?? 'unmapped' }, value: c.orders })),
    },
    {
      name: 'sophio_unmapped_codes',
      help: 'Sophio codes present in the data but absent from the status map.',
      type: 'gauge',
      samples: [{ value: report.unmapped.length }],
    },
    {
      name: 'sophio_storage_faults_total',
      help: 'Requests refused with 503 because of the storage, by kind (full, readonly, busy, io, corrupt, moved).',
      type: 'counter',
      samples: Object.entries(faults).map(([kind, value]) => ({ labels: { kind }, value })),
    },
    {
      name: 'sophio_storage_ok',
      help: '1 when the database file can be written (not read-only, deleted, replaced or damaged), else 0.',
      type: 'gauge',
      samples: [{ value: storage === 'ok' ? 1 : 0 }],
    },
    {
      name: 'sophio_ready',
      help: '1 when the database is reachable, writable and its schema is current (as /readyz), else 0.',
      type: 'gauge',
      samples: [{ value: ready ? 1 : 0 }],
    },
    {
      name: 'sophio_log_lines_dropped_total',
      help: 'Log lines that could not be written (full disk, closed pipe, reader behind) and were dropped.',
      type: 'counter',
      samples: [{ value: logLinesDropped }],
    },
    {
      name: 'sophio_wal_bytes',
      help: 'Size of the write-ahead log file (DATABASE_PATH-wal); it keeps growing when checkpoints cannot complete.',
      type: 'gauge',
      samples: [{ value: walSizeBytes(services.config.databasePath) }],
    },
    {
      name: 'process_start_time_seconds',
      help: 'Start time of the process since the Unix epoch, in seconds.',
      type: 'gauge',
      samples: [{ value: Math.floor(started / 1000) }],
    },
  ]
}
