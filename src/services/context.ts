// What a use case is given: the store it acts for, the clock, the logger and a unit of work.

import type { Config } from '../config.js'
import type { Tx, UnitOfWork } from '../db/unit-of-work.js'
import type { ShippingDefault } from '../domain/shipping-default.js'
import { codesMappedTo, type StatusMap, type StatusMode } from '../domain/status.js'
import type { Logger } from '../logger.js'

/** A write transaction's repositories, as the use cases that run inside a caller's transaction take them. */
export type { Tx }

/** One ShipStation store's settings: everything a use case reads that an operator configures. */
export interface Store {
  statusMap: StatusMap
  statusMode: StatusMode
  /** Orders per export page. */
  pageSize: number
  /** Sophio code an order gets when a notice completes it. */
  shippedCode: string
  /** Sophio code for a partly shipped order; null leaves the code as it is. */
  partialShippedCode: string | null
  /** Status codes the export leaves out (awaiting-payment codes when pending orders are not exported). */
  excludeCodes: readonly string[]
  /** Sophio warehouse code → ShipStation warehouse name. */
  warehouses: ReadonlyMap<string, string>
  /** Ship-to countries accepted at intake (ISO 3166-1 alpha-2); empty = all. */
  allowedShipToCountries: readonly string[]
  /** Carrier and service given at intake to orders that arrive without them. */
  shippingDefault: ShippingDefault | null
}

/**
 * A use case's whole world: no use case reads process-wide configuration or holds a database handle.
 * Built once per process today (one store); per request once a request names its store.
 */
export interface Ctx {
  store: Store
  uow: UnitOfWork
  /** The clock every use case reads (tests pass their own). */
  now: () => number
  log: Logger
}

/** The single store of a process, from the configuration file. */
export function storeFromConfig(config: Readonly<Config>): Store {
  return {
    statusMap: config.statusMap,
    statusMode: config.statusMode,
    pageSize: config.pageSize,
    shippedCode: config.shippedCode,
    partialShippedCode: config.partialShippedCode,
    excludeCodes: config.exportPendingOrders ? [] : codesMappedTo(config.statusMap, 'awaiting_payment'),
    warehouses: config.warehouses,
    allowedShipToCountries: config.allowedShipToCountries,
    shippingDefault: config.defaultShipping,
  }
}
