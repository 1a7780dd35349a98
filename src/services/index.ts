// Wiring only: the store's context and the use cases bound to it, for the HTTP layer and the CLI.

import type { Config } from '../config.js'
import type { DatabaseHealth } from '../db/health-repo.js'
import type { NoticeEntry, NoticeSummary } from '../db/notices-repo.js'
import type { ShipmentListRow } from '../db/ops-repo.js'
import type { Db } from '../db/open.js'
import { type StorageEngine, sqliteEngine } from '../db/engine.js'
import type { StorageGuard } from '../db/storage-guard.js'
import type { UnitOfWork } from '../db/unit-of-work.js'
import type { NoticeOutcome } from '../domain/shipment.js'
import type { Logger } from '../logger.js'
import type { ExportParams } from '../shipstation/request-params.js'
import type { FieldProblem } from '../sophio/createorder.js'
import { type Ctx, storeFromConfig } from './context.js'
import { type CredentialCheck, credentialCheck } from './credential-check.js'
import { type CredentialSource, credentialSource } from './credentials.js'
import { createExporter, type ExportPage, type ExportStats } from './export-orders.js'
import { type IngestResult, ingestOrder, parseOrderFor } from './ingest-order.js'
import { type LoginThrottle, loginThrottle } from './login-throttle.js'
import { type PruneResult, pruneNoticeBodies } from './notice-retention.js'
import {
  type NoticeSelection,
  type OrderDetail,
  type OrderFilter,
  type OrderPage,
  opsViews,
  type StatusMapReport,
} from './ops-views.js'
import { createOrder, type IntakeReply, type OrderReadBack, readOrder, setOrderStatus } from './order-api.js'
import {
  getNotice,
  listNotices,
  type ReapplyResult,
  reapplyNotice,
  receiveNotice,
  type ShipNoticeRequest,
  type ShipNotifyResult,
} from './ship-notices.js'

export interface Services {
  config: Readonly<Config>
  /** The store's context every use case below is bound to (one store per process today). */
  ctx: Ctx
  /** The clock every use case reads (relative filters such as `since=7d` count from it). */
  now: () => number
  /** Transactions; `write` resolves once committed (on disk). */
  uow: UnitOfWork
  /** The database file's state (read-only, moved, corrupt) and the storage faults met. */
  storage: StorageGuard
  shipstationCredentials: CredentialSource
  stats: ExportStats
  exportPage(params: ExportParams): Promise<ExportPage>
  /** Stores one order in its own transaction. */
  ingest(body: unknown, reason: string): Promise<IngestResult>
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
  readOrder(orderNumber: string): Promise<OrderReadBack>
  setOrderStatus(orderNumber: string, code: string, note?: string): ReturnType<typeof setOrderStatus>
  /** Journals and applies one shipnotify POST; resolves once both are on disk. */
  shipnotify(req: ShipNoticeRequest): Promise<ShipNotifyResult>
  /** The notice journal for operators: list, show, re-apply. */
  notices: {
    list(limit: number, outcome?: NoticeOutcome): Promise<NoticeSummary[]>
    get(id: number): Promise<NoticeEntry | undefined>
    reapply(id: number): Promise<ReapplyResult>
  }
  /** Drops raw bodies of resolved notices older than `olderThanDays` (the journal rows stay). */
  pruneNoticeBodies(olderThanDays: number, dryRun: boolean): Promise<PruneResult>
  /** Read models for operators (CLI and /ops): status map with counts, order search, shipments, notices, health. */
  ops: {
    statusMap(): Promise<StatusMapReport>
    listOrders(filter: OrderFilter): Promise<OrderPage>
    orderDetail(orderNumber: string): Promise<OrderDetail | undefined>
    recentShipments(limit: number): Promise<ShipmentListRow[]>
    notices(limit: number, which?: NoticeSelection): Promise<NoticeSummary[]>
    noticeCounts(): Promise<Record<NoticeOutcome, number>>
    health(): Promise<DatabaseHealth>
  }
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
  return servicesOn(config, sqliteEngine(db, log), log, now)
}

/** The use cases bound to one store's context on a storage engine. */
export function servicesOn(
  config: Readonly<Config>,
  engine: StorageEngine,
  log: Logger,
  now: () => number = () => Date.now(),
): Services {
  const { uow } = engine
  const ctx: Ctx = { store: storeFromConfig(config), uow, now, log }
  const stats: ExportStats = { ordersExported: 0, unmappedExported: 0 }
  const exportPage = createExporter(stats)
  return {
    config,
    ctx,
    now,
    uow,
    storage: engine.guard,
    shipstationCredentials: credentialSource(uow, 'shipstation', config.shipstation),
    stats,
    exportPage: (params) => exportPage(ctx, params),
    ingest: (body, reason) => ingestOrder(ctx, body, reason),
    apiCredentials: credentialSource(uow, 'api', config.sophioApi),
    loginThrottle: loginThrottle(),
    credentialCheck: credentialCheck(log),
    createOrder: (body) => createOrder(ctx, body),
    validateOrder: (body) => {
      const parsed = parseOrderFor(ctx.store, body)
      return { errors: parsed.ok ? [] : parsed.errors, warnings: parsed.warnings }
    },
    readOrder: (orderNumber) => readOrder(ctx, orderNumber),
    setOrderStatus: (orderNumber, code, note) => setOrderStatus(ctx, orderNumber, code, note),
    shipnotify: (req) => receiveNotice(ctx, req),
    notices: {
      list: (limit, outcome) => listNotices(ctx, limit, outcome),
      get: (id) => getNotice(ctx, id),
      reapply: (id) => reapplyNotice(ctx, id),
    },
    pruneNoticeBodies: (olderThanDays, dryRun) => pruneNoticeBodies(ctx, olderThanDays, dryRun),
    ops: {
      statusMap: () => opsViews.statusMap(ctx),
      listOrders: (filter) => opsViews.listOrders(ctx, filter),
      orderDetail: (orderNumber) => opsViews.orderDetail(ctx, orderNumber),
      recentShipments: (limit) => opsViews.recentShipments(ctx, limit),
      notices: (limit, which) => opsViews.notices(ctx, limit, which),
      noticeCounts: () => opsViews.noticeCounts(ctx),
      health: () => engine.health(),
    },
    opsCredentials: credentialSource(uow, 'ops', config.ops),
  }
}
