// Wires repositories and use cases into the one Services object the HTTP layer and CLI use.

import type { Config } from '../config.js'
import { exportWindowRepo } from '../db/export-window-repo.js'
import { noticesRepo } from '../db/notices-repo.js'
import type { Db } from '../db/open.js'
import { orderRefsRepo } from '../db/order-refs-repo.js'
import { ordersRepo } from '../db/orders-repo.js'
import { type ShipmentsRepo, shipmentsRepo } from '../db/shipments-repo.js'
import { type StorageGuard, storageGuard } from '../db/storage-guard.js'
import { type Write, writer } from '../db/write.js'
import { codesMappedTo } from '../domain/status.js'
import type { Logger } from '../logger.js'
import type { ExportParams } from '../shipstation/request-params.js'
import { type FieldProblem, parseCreateOrder } from '../sophio/createorder.js'
import { type CredentialCheck, credentialCheck } from './credential-check.js'
import { type CredentialSource, credentialSource } from './credentials.js'
import { createExporter, type ExportPage, type ExportStats } from './export-orders.js'
import { groupCommit } from './group-commit.js'
import { type IngestResult, ingestOrder } from './ingest-order.js'
import { type LoginThrottle, loginThrottle } from './login-throttle.js'
import { type OpsViews, opsViews } from './ops-views.js'
import { createOrder, type IntakeReply, type OrderApiDeps, readOrder, setOrderStatus } from './order-api.js'
import { type PruneResult, pruneNoticeBodies } from './notice-retention.js'
import { type NoticeService, noticeService, type ShipNoticeRequest, type ShipNotifyResult } from './ship-notices.js'

export interface Services {
  config: Readonly<Config>
  /** The clock every use case reads (relative filters such as `since=7d` count from it). */
  now: () => number
  db: Db
  /** The database file's state (read-only, moved, corrupt) and the storage faults met. */
  storage: StorageGuard
  /** One write transaction, waiting for the lock without blocking the event loop. */
  write: Write
  orders: ReturnType<typeof ordersRepo>
  shipstationCredentials: CredentialSource
  stats: ExportStats
  exportPage(params: ExportParams): ExportPage
  ingest(body: unknown, reason: string): IngestResult
  /** The Sophio createorder API key pair (role "api"). */
  apiCredentials: CredentialSource
  /** Failed logins per role, address and username (every protected route counts its refusals here). */
  loginThrottle: LoginThrottle
  /** Verifies presented pairs against a role's credential (slow hash, verified pairs remembered briefly). */
  credentialCheck: CredentialCheck
  /** Intake through group commit: resolves once the order is on disk. */
  createOrder(body: unknown): Promise<IntakeReply>
  /** parseCreateOrder with this store's settings, storing nothing. */
  validateOrder(body: unknown): { errors: FieldProblem[]; warnings: FieldProblem[] }
  readOrder(orderNumber: string): ReturnType<typeof readOrder>
  setOrderStatus(orderNumber: string, code: string, note?: string): Promise<ReturnType<typeof setOrderStatus>>
  /** Journals and applies one shipnotify POST; resolves once both are on disk. */
  shipnotify(req: ShipNoticeRequest): Promise<ShipNotifyResult>
  /** The notice journal for operators: list, show, re-apply. */
  notices: Pick<NoticeService, 'list' | 'get' | 'reapply'>
  /** Drops raw bodies of resolved notices older than `olderThanDays` (the journal rows stay). */
  pruneNoticeBodies(olderThanDays: number, dryRun: boolean): Promise<PruneResult>
  /** Packages recorded from notices, with shipped quantities per line. */
  shipments: ShipmentsRepo
  /** Read models for operators (CLI and /ops): status map with counts, order search, shipments, notices, health. */
  ops: OpsViews
  /** Operator credentials for /ops and /metrics (role "ops"). */
  opsCredentials: CredentialSource
}

/** `now` is the clock every use case reads (tests pass their own; nothing else calls Date.now for data). */
export function buildServices(
  config: Readonly<Config>,
  db: Db,
  log: Logger,
  // Read at each call, not captured: a test that fakes Date sees its time.
  now: () => number = () => Date.now(),
): Services {
  const storage = storageGuard(db, log)
  const write = writer(db, storage)
  const orders = ordersRepo(db)
  const stats: ExportStats = { ordersExported: 0, unmappedExported: 0 }
  const exportSettings = {
    statusMap: config.statusMap,
    statusMode: config.statusMode,
    pageSize: config.pageSize,
    excludeCodes: config.exportPendingOrders ? [] : codesMappedTo(config.statusMap, 'awaiting_payment'),
    warehouses: config.warehouses,
  }
  const intake = {
    parse: { statusMap: config.statusMap, allowedCountries: config.allowedShipToCountries },
    shippingDefault: config.defaultShipping,
  }
  const shipments = shipmentsRepo(db)
  const journal = noticesRepo(db)
  const notices = noticeService({
    db,
    write,
    orders,
    refs: orderRefsRepo(db),
    shipments,
    notices: journal,
    statusMap: config.statusMap,
    shippedCode: config.shippedCode,
    partialShippedCode: config.partialShippedCode,
    now,
    log,
  })
  // A notice that arrived before its order is applied in the same transaction that stores the order.
  const afterStore = (orderId: number) => notices.applyWaiting(orderId)
  const ingest = (body: unknown, reason: string) =>
    ingestOrder({ db, orders, ...intake, afterStore, log, now }, body, reason)
  const api: OrderApiDeps = { db, orders, statusMap: config.statusMap, ingest, shipments, log, now }
  return {
    config,
    now,
    db,
    storage,
    write,
    orders,
    shipstationCredentials: credentialSource(db, 'shipstation', config.shipstation),
    stats,
    exportPage: createExporter({ orders, window: exportWindowRepo(db), settings: exportSettings, log, stats }),
    ingest,
    apiCredentials: credentialSource(db, 'api', config.sophioApi),
    loginThrottle: loginThrottle(),
    credentialCheck: credentialCheck(log),
    createOrder: groupCommit(write, (body: unknown) => createOrder(api, body)),
    validateOrder: (body) => {
      const parsed = parseCreateOrder(body, intake.parse)
      return { errors: parsed.ok ? [] : parsed.errors, warnings: parsed.warnings }
    },
    readOrder: (orderNumber) => readOrder(api, orderNumber),
    setOrderStatus: (orderNumber, code, note) => write(() => setOrderStatus(api, orderNumber, code, note)),
    shipnotify: (req) => notices.receive(req),
    notices,
    pruneNoticeBodies: (olderThanDays, dryRun) =>
      pruneNoticeBodies({ notices: journal, write, now }, olderThanDays, dryRun),
    shipments,
    ops: opsViews({ db, config, orders, shipments, excludedCodes: exportSettings.excludeCodes }),
    opsCredentials: credentialSource(db, 'ops', config.ops),
  }
}
