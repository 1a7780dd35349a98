// Wires repositories and use cases into the one Services object the HTTP layer and CLI use.

import type { Config } from '../config.js'
import type { Db } from '../db/open.js'
import { ordersRepo } from '../db/orders-repo.js'
import { simpleXml } from '../shipstation/xml-reply.js'
import type { Logger } from '../logger.js'
import type { ExportParams } from '../shipstation/request-params.js'
import { type CredentialSource, credentialSource } from './credentials.js'
import { type ExportPage, type ExportStats, exportPage } from './export-orders.js'
import { type IngestResult, ingestOrder } from './ingest-order.js'

export interface ShipNotifyResult {
  statusCode: number
  xml: string
}

export interface Services {
  config: Readonly<Config>
  db: Db
  orders: ReturnType<typeof ordersRepo>
  shipstationCredentials: CredentialSource
  stats: ExportStats
  exportPage(params: ExportParams): ExportPage
  ingest(body: unknown, reason: string): IngestResult
  shipnotify(query: Record<string, unknown>, body: string): ShipNotifyResult
}

export function buildServices(config: Readonly<Config>, db: Db, log: Logger): Services {
  const orders = ordersRepo(db)
  const stats: ExportStats = { ordersExported: 0, unmappedExported: 0 }
  const exportSettings = { statusMap: config.statusMap, statusMode: config.statusMode, pageSize: config.pageSize }
  return {
    config,
    db,
    orders,
    shipstationCredentials: credentialSource(db, 'shipstation', config.shipstation),
    stats,
    exportPage: (params) => exportPage(orders, exportSettings, params, log, stats),
    ingest: (body, reason) => ingestOrder({ db, orders, parse: { statusMap: config.statusMap } }, body, reason),
    shipnotify: () => ({
      statusCode: 501,
      xml: simpleXml('Error', { Code: 'NOT_IMPLEMENTED', Message: 'shipnotify is not implemented yet' }),
    }),
  }
}
