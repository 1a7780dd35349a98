// /ops/orders: the order listing — a filter form (GET, no script), one page of orders newest first, pager.

import { SHIPSTATION_STATUSES, STATUS_LABELS } from '../domain/status.js'
import type { OrderFilter, OrderListItem, OrderPage } from '../services/ops-views.js'
import { orderFilterQuery, type RawOrderFilter } from '../services/order-filter.js'
import { type Html, html } from './html.js'
import { opsDocument } from './ops-layout.js'
import { money, orderLink, when } from './ops-order-view.js'

export const ORDERS_PATH = '/ops/orders'

export interface OrdersPageData {
  now: number
  /** The filter as typed: the form shows it and the pager links carry it. */
  raw: RawOrderFilter
  result: { ok: true; filter: OrderFilter; page: OrderPage } | { ok: false; message: string }
}

/** The questions asked at 3 a.m., one click each. */
const QUICK: [string, RawOrderFilter][] = [
  ['awaiting shipment, untouched for 2 days', { status: 'awaiting_shipment', until: '2d' }],
  ['not mapped (ShipStation skips them)', { status: 'unmapped' }],
  ['on hold', { status: 'on_hold' }],
  ['changed in the last 24 hours', { since: '24h' }],
]

const SHIPPED = { none: 'no', partial: 'partly', complete: 'yes' } as const

export function ordersPage(d: OrdersPageData): string {
  const r = d.result
  const body = html`<section id="orders"><h2>Orders</h2>
${filterForm(d.raw, r.ok ? r.filter.status : null)}
<p class="hint quick">Quick views: ${QUICK.map(
    ([label, f], i) => html`${i > 0 ? ' · ' : ''}<a href="${ORDERS_PATH}${orderFilterQuery(f)}">${label}</a>`,
  )}</p>
${r.ok ? listing(d.raw, r.page) : html`<p class="flash bad section-note" id="filter-error">${r.message}</p>`}
</section>`
  return opsDocument('Orders — sophio-shipstation', html`as of ${when(d.now)}`, body)
}

function filterForm(raw: RawOrderFilter, status: OrderFilter['status']): Html {
  const chosen = status ?? raw.status ?? ''
  const option = (value: string, label: string) =>
    html`<option value="${value}"${chosen === value ? html` selected` : ''}>${label}</option>`
  return html`<form class="filter" id="order-filter" method="get" action="${ORDERS_PATH}">
<label>Sophio code <input name="code" value="${raw.code ?? ''}" placeholder="P,K" maxlength="200" autocomplete="off"></label>
<label>ShipStation status <select name="status">${option('', 'any')}${SHIPSTATION_STATUSES.map((s) => option(s, STATUS_LABELS[s]))}${option('unmapped', 'not mapped')}</select></label>
<label>Modified since <input name="since" value="${raw.since ?? ''}" placeholder="7d or 2024-05-01" maxlength="40" autocomplete="off"></label>
<label>Modified before <input name="until" value="${raw.until ?? ''}" placeholder="2d or 2024-05-08T12:00Z" maxlength="40" autocomplete="off"></label>
${raw.limit ? html`<input type="hidden" name="limit" value="${raw.limit}">` : ''}
<button type="submit">Show</button> <a href="${ORDERS_PATH}">clear</a>
</form>`
}

function listing(raw: RawOrderFilter, page: OrderPage): Html {
  if (page.orders.length === 0) return html`<p class="empty" id="no-orders">No order matches.</p>`
  const pager = html`<nav class="pager" id="pager">${
    page.newer ? html`<a rel="prev" href="${ORDERS_PATH}${orderFilterQuery(raw, { before: page.newer })}">← Newer</a>` : ''
  }${page.older ? html`<a rel="next" href="${ORDERS_PATH}${orderFilterQuery(raw, { after: page.older })}">Older →</a>` : ''}</nav>`
  return html`<p class="hint">${page.orders.length} order${page.orders.length === 1 ? '' : 's'}, most recently modified first (times UTC).</p>
<div class="scroll"><table id="order-list"><thead><tr><th>Order</th><th>Code</th><th>ShipStation status</th><th>Modified</th><th>Country</th><th class="num">Total</th><th>Shipped</th></tr></thead>
<tbody>${page.orders.map(row)}</tbody></table></div>
${pager}`
}

function row(o: OrderListItem): Html {
  const status = o.shipStationStatus
    ? STATUS_LABELS[o.shipStationStatus]
    : html`<span class="badge b-unmapped">not mapped</span>`
  return html`<tr data-order="${o.orderNumber}"><td>${orderLink(o.orderNumber)}</td><td class="mono">${o.statusCode}</td>
<td>${status}</td><td class="when">${when(o.modifiedAt)}</td><td>${o.shipToCountry ?? ''}</td>
<td class="num">${money(o.orderTotal)} ${o.currencyCode ?? ''}</td><td class="shipped-${o.fulfilment}">${SHIPPED[o.fulfilment]}</td></tr>`
}
