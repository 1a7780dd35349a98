// The operator views as JSON (`--json` in the CLI, /ops/api/…): ISO timestamps, stable field names.

import type { NoticeSummary } from '../db/notices-repo.js'
import type { ShipmentListRow } from '../db/ops-repo.js'
import { toIso } from '../domain/dates.js'
import { opsShipmentJson } from '../domain/shipment-json.js'
import { STATUS_LABELS } from '../domain/status.js'
import { noticeActions } from './notice-actions.js'
import {
  type OrderDetail,
  type OrderListItem,
  type OrderPage,
  type StatusMapReport,
  statusMapProblems,
} from './ops-views.js'
import { orderFilterQuery, type RawOrderFilter } from './order-filter.js'

const isoOrNull = (ms: number | null) => (ms === null ? null : toIso(ms))

export function statusMapJson(r: StatusMapReport) {
  return {
    statusMode: r.mode,
    totalOrders: r.totalOrders,
    codes: r.codes.map((c) => ({
      code: c.code,
      mapped: c.status !== null,
      shipStationStatus: c.status,
      label: c.status === null ? null : STATUS_LABELS[c.status],
      orderStatus: c.orderStatus,
      orders: c.orders,
      exported: c.exported,
    })),
    statuses: r.statuses,
    unmapped: r.unmapped,
    problems: statusMapProblems(r),
  }
}

export function orderListJson(rows: readonly OrderListItem[]) {
  return rows.map((o) => ({
    orderNumber: o.orderNumber,
    orderKey: o.orderKey,
    orderId: o.id,
    sophioStatus: o.statusCode,
    shipStationStatus: o.shipStationStatus,
    orderStatus: o.orderStatus,
    orderDate: toIso(o.orderDate),
    lastModified: toIso(o.modifiedAt),
    shipTo: o.shipToName,
    shipToCountry: o.shipToCountry,
    orderTotal: o.orderTotal,
    currencyCode: o.currencyCode,
    fulfilment: o.fulfilment,
  }))
}

/** A listing page with links to its neighbours (the same filter, null when there is no such page). */
export function orderPageJson(page: OrderPage, raw: RawOrderFilter, path: string) {
  return {
    orders: orderListJson(page.orders),
    older: page.older && `${path}${orderFilterQuery(raw, { after: page.older })}`,
    newer: page.newer && `${path}${orderFilterQuery(raw, { before: page.newer })}`,
  }
}

export function orderDetailJson(d: OrderDetail) {
  const o = d.order
  return {
    orderNumber: o.orderNumber,
    orderKey: o.orderKey,
    orderId: o.id,
    sophioStatus: o.statusCode,
    shipStationStatus: d.shipStationStatus,
    orderStatus: d.orderStatus,
    orderDate: toIso(o.orderDate),
    created: toIso(o.createdAt),
    lastModified: toIso(o.modifiedAt),
    customerEmail: o.customerEmail,
    shipTo: o.shipTo,
    orderTotal: o.orderTotal,
    lines: d.lines.map((l) => ({
      lineItemKey: l.lineItemKey,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      shipped: l.shipped,
      unitPrice: l.unitPrice,
      adjustment: l.adjustment,
    })),
    history: d.history.map((h) => ({ fromCode: h.fromCode, toCode: h.toCode, at: toIso(h.at), reason: h.reason })),
    shipments: d.shipments.map(opsShipmentJson),
    notices: d.notices.map(noticeJson),
    ordersWithThisNumber: d.sameNumber,
  }
}

export function shipmentListJson(rows: readonly ShipmentListRow[]) {
  return rows.map((s) => ({
    id: s.id,
    orderNumber: s.orderNumber,
    noticeId: s.noticeId,
    trackingNumber: s.trackingNumber,
    carrier: s.carrier,
    service: s.service,
    shipDate: s.shipDate,
    units: s.units,
    recordedAt: toIso(s.createdAt),
  }))
}

export function noticeJson(n: NoticeSummary) {
  return {
    id: n.id,
    receivedAt: toIso(n.receivedAt),
    outcome: n.outcome,
    reason: n.reason,
    orderNumber: n.orderNumber,
    orderId: n.orderId,
    trackingNumber: n.trackingNumber,
    shipmentId: n.shipmentId,
    requestId: n.requestId,
    resolvedAt: isoOrNull(n.resolvedAt),
    resolvedBy: n.resolvedBy,
    bodyPrunedAt: isoOrNull(n.bodyPrunedAt),
    /** What a person should do about it (empty for applied and duplicate notices). */
    actions: noticeActions(n),
  }
}
