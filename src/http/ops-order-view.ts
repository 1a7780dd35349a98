// The /ops order detail: header facts, lines with shipped quantities, status history, shipments, notices.

import { formatTime } from '../domain/dates.js'
import { carrierAndService } from '../domain/shipment.js'
import { STATUS_LABELS } from '../domain/status.js'
import { noticeActions } from '../services/notice-actions.js'
import type { NoticeSummary, OrderDetail } from '../services/ops-views.js'
import { type Html, html } from './html.js'

export function when(ms: number | null): string {
  return ms === null ? '' : formatTime(ms)
}

export function money(n: number | null): string {
  return n === null ? '' : n.toFixed(2)
}

export function orderLink(orderNumber: string | null): Html {
  if (orderNumber === null) return html`<span class="empty">none</span>`
  return html`<a href="/ops?order=${encodeURIComponent(orderNumber)}#order">${orderNumber}</a>`
}

export function outcomeBadge(outcome: string): Html {
  return html`<span class="badge b-${outcome}">${outcome}</span>`
}

/** A re-apply button for a notice an operator can retry; `csrf` is the form token. */
export function reapplyForm(n: NoticeSummary, csrf: string, back: string): Html | '' {
  if (n.outcome !== 'unmatched' && n.outcome !== 'rejected') return ''
  return html`<form class="inline" method="post" action="/ops/notices/${n.id}/reapply">
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="back" value="${back}">
<button type="submit" class="secondary">Re-apply #${n.id}</button></form>`
}

/** The decisions or steps a notice leaves, in words (nothing for applied and duplicate ones). */
export function actionList(n: NoticeSummary): Html | '' {
  const actions = noticeActions(n)
  if (actions.length === 0) return ''
  return html`<ul class="actions">${actions.map((a) => html`<li data-kind="${a.kind}"><strong>${a.title}.</strong> ${a.action}</li>`)}</ul>`
}

export function orderSection(query: string, d: OrderDetail | undefined, csrf: string): Html {
  if (!d) {
    return html`<p class="flash bad section-note" id="order-missing">No order with number <strong>${query}</strong>.</p>`
  }
  const o = d.order
  const status = d.shipStationStatus
  const statusCell = status
    ? html`${STATUS_LABELS[status]} <span class="mono">(OrderStatus <code class="type">${d.orderStatus}</code>)</span>`
    : html`<span class="badge b-unmapped">not mapped</span> ShipStation skips this order`
  const shipTo = [o.shipTo.name, o.shipTo.city, o.shipTo.state, o.shipTo.country].filter(Boolean).join(', ')
  return html`<div id="order-detail">
<h3>Order ${o.orderNumber} <span class="mono">(id ${o.id}, key ${o.orderKey})</span></h3>
${d.sameNumber > 1 ? html`<p class="hint">${d.sameNumber} orders carry this number; the newest is shown.</p>` : ''}
<dl class="facts">
<dt>Sophio code</dt><dd><code class="type">${o.statusCode}</code></dd>
<dt>ShipStation status</dt><dd>${statusCell}</dd>
<dt>Order date</dt><dd>${when(o.orderDate)}</dd>
<dt>Last modified</dt><dd>${when(o.modifiedAt)}</dd>
<dt>Ship to</dt><dd>${shipTo}</dd>
<dt>Total</dt><dd>${money(o.orderTotal)} ${o.currencyCode ?? ''}</dd>
</dl>
<h3>Lines</h3>
<div class="scroll"><table><thead><tr><th>Line</th><th>SKU</th><th>Name</th><th class="num">Ordered</th><th class="num">Shipped</th><th class="num">Unit price</th></tr></thead>
<tbody>${d.lines.map(
    (
      l,
    ) => html`<tr><td class="mono">${l.lineItemKey}</td><td class="mono">${l.sku}</td><td class="name">${l.name}${l.adjustment ? ' (adjustment)' : ''}</td>
<td class="num">${l.quantity}</td><td class="num">${l.shipped}</td><td class="num">${money(l.unitPrice)}</td></tr>`,
  )}</tbody></table></div>
<h3>Status history</h3>
<div class="scroll"><table><thead><tr><th>When</th><th>From</th><th>To</th><th>Why</th></tr></thead>
<tbody>${d.history.map(
    (h) =>
      html`<tr><td class="when">${when(h.at)}</td><td class="mono">${h.fromCode ?? '—'}</td><td class="mono">${h.toCode}</td><td>${h.reason}</td></tr>`,
  )}</tbody></table></div>
<h3>Shipments</h3>
${
  d.shipments.length === 0
    ? html`<p class="empty">No shipment recorded.</p>`
    : html`<div class="scroll"><table><thead><tr><th>#</th><th>Tracking</th><th>Carrier / service</th><th>Ship date</th><th>Items</th><th>Notice</th><th>Recorded</th></tr></thead>
<tbody>${d.shipments.map(
        (
          s,
        ) => html`<tr><td>${s.id}</td><td class="mono">${s.trackingNumber || '(none)'}</td><td>${carrierAndService(s.carrier, s.service)}</td>
<td>${s.shipDate ?? ''}</td><td>${s.items.map((i) => `${i.quantity} × ${i.sku ?? i.lineItemKey ?? '?'}`).join(', ')}</td>
<td>#${s.noticeId}</td><td class="when">${when(s.createdAt)}</td></tr>`,
      )}</tbody></table></div>`
}
<h3>Shipment notices</h3>
${
  d.notices.length === 0
    ? html`<p class="empty">No notice names this order.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>#</th><th>Received</th><th>Outcome</th><th>What to do</th><th>Tracking</th><th>Reason</th></tr></thead>
<tbody>${d.notices.map(
        (n) => html`<tr data-notice="${n.id}"><td class="lead nid">${n.id}</td><td class="lead when">${when(n.receivedAt)}</td><td class="lead">${outcomeBadge(n.outcome)}</td>
<td class="todo">${actionList(n)}${reapplyForm(n, csrf, `order:${o.orderNumber}`)}</td>
<td class="mono" data-label="Tracking">${n.trackingNumber ?? ''}</td><td class="reason" data-label="Reason">${n.reason}</td></tr>`,
      )}</tbody></table></div>`
}
</div>`
}
