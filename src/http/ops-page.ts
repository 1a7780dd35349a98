// The /ops page: one server-rendered document — summary, order search, status map, notices, shipments.

import { carrierAndService, type NoticeOutcome } from '../domain/shipment.js'
import { STATUS_LABELS } from '../domain/status.js'
import type {
  DatabaseHealth,
  NoticeSummary,
  OrderDetail,
  ShipmentListRow,
  StatusMapReport,
} from '../services/ops-views.js'
import { type Html, html } from './html.js'
import { opsDocument } from './ops-layout.js'
import { actionList, orderLink, orderSection, outcomeBadge, reapplyForm, when } from './ops-order-view.js'

export interface OpsPageData {
  now: number
  report: StatusMapReport
  problems: string[]
  noticeCounts: Record<NoticeOutcome, number>
  health: DatabaseHealth
  customStore: { url: string; username: string | null }
  search: { query: string; detail: OrderDetail | undefined } | null
  /** After a re-apply: the notice as it is now (undefined: no such notice). */
  flash: { id: number; notice: NoticeSummary | undefined; refused: boolean } | null
  /** "Notices to handle": newest first, of one outcome when `attentionFilter` is set. */
  waiting: NoticeSummary[]
  attentionFilter: AttentionFilter | null
  shipments: ShipmentListRow[]
  notices: NoticeSummary[]
  csrf: string
}

export function opsPage(d: OpsPageData): string {
  const meta = html`Status mode <strong>${d.report.mode}</strong> · database ${d.health.reachable ? 'reachable' : 'NOT reachable'}, schema ${d.health.schemaVersion ?? '?'} of ${d.health.expectedVersion} · as of ${when(d.now)}`
  // The result of a re-apply sits at the top of the section the redirect lands on (#order or #attention),
  // so it is on screen with the list it changed, at any window size.
  const body = html`${summary(d)}
<section id="order"><h2>Find an order</h2>
${d.search ? flash(d) : ''}
<form class="search" method="get" action="/ops#order"><label for="q">Order number</label>
<input id="q" name="order" value="${d.search?.query ?? ''}" required maxlength="50" autocomplete="off"><button type="submit">Find</button></form>
${d.search ? orderSection(d.search.query, d.search.detail, d.csrf) : html`<p class="hint">Its lines, status history, shipments and every notice that names it.</p>`}
</section>
${attention(d)}
${statusMap(d)}
${shipments(d.shipments)}
${recentNotices(d.notices)}`
  return opsDocument('sophio-shipstation — operations', meta, body)
}

export function errorPage(status: number, code: string, message: string): string {
  const body = html`<section class="flash bad"><h2>${status} ${code}</h2><p>${message}</p><p><a href="/ops">Back to the operations page</a></p></section>`
  return opsDocument(`${status} — sophio-shipstation`, '', body)
}

function flash(d: OpsPageData): Html | '' {
  if (!d.flash) return ''
  const n = d.flash.notice
  const box = (ok: boolean, content: Html) =>
    html`<div class="flash ${ok ? 'ok' : 'bad'}" id="flash" role="status">${content}</div>`
  if (!n) return box(false, html`<strong>No notice #${d.flash.id}.</strong>`)
  if (d.flash.refused) {
    return box(
      false,
      html`<strong>Notice #${n.id} was not re-applied: it is ${outcomeBadge(n.outcome)}</strong>
<p class="hint">Only unmatched or rejected notices (kept whole) are re-applied.</p>`,
    )
  }
  const ok = n.outcome !== 'unmatched' && n.outcome !== 'rejected'
  return box(
    ok,
    html`<strong>Notice #${n.id} is now ${outcomeBadge(n.outcome)}</strong>
${n.orderNumber ? html` — order ${orderLink(n.orderNumber)}` : ''}<p class="hint">${n.reason}</p>${n.outcome === 'flagged' ? actionList(n) : ''}`,
  )
}

function summary(d: OpsPageData): Html {
  const unmappedOrders = d.report.unmapped.reduce((a, u) => a + u.orders, 0)
  const card = (n: number, label: string, cls: string, href: string) =>
    html`<a class="card ${n > 0 ? cls : ''}" href="${href}"><div class="n">${n}</div><div class="l">${label}</div></a>`
  return html`<section class="cards" id="summary">
${card(d.report.totalOrders, 'orders', '', '/ops/orders')}
${card(d.report.unmapped.length, `unmapped codes (${unmappedOrders} orders)`, 'bad', '/ops/orders?status=unmapped')}
${card(d.noticeCounts.unmatched, 'notices waiting for their order', 'warn', '/ops?attention=unmatched#attention')}
${card(d.noticeCounts.rejected, 'rejected notices', 'bad', '/ops?attention=rejected#attention')}
${card(d.noticeCounts.flagged, 'flagged notices (a decision)', 'warn', '/ops?attention=flagged#attention')}
</section>`
}

function statusMap(d: OpsPageData): Html {
  const r = d.report
  return html`<section id="status-map"><h2>Status map</h2>
<p class="hint">ShipStation imports an order only when its <code>OrderStatus</code> is one of the values typed into the Custom Store form — exactly, case-sensitive.
URL <code>${d.customStore.url}</code>${d.customStore.username ? html`, username <code>${d.customStore.username}</code>` : ''}.</p>
${d.problems.map((p) => html`<p class="flash bad problem-note">${p}</p>`)}
<div class="grid2">
<div><h3>By ShipStation status</h3>
<div class="scroll"><table id="by-status"><thead><tr><th>ShipStation status</th><th>Custom Store field</th><th>Type exactly</th><th>Sophio codes</th><th class="num">Orders</th></tr></thead>
<tbody>${r.statuses.map(
    (
      s,
    ) => html`<tr><td>${s.label}</td><td>${s.formField}</td><td>${s.formValue ? html`<code class="type">${s.formValue}</code>` : html`<span class="empty">leave empty</span>`}</td>
<td class="mono codes">${s.codes.join(' ') || '—'}</td><td class="num">${s.orders}</td></tr>`,
  )}
${r.unmapped.length > 0 ? html`<tr class="problem"><td>not mapped</td><td>—</td><td>—</td><td class="mono">${r.unmapped.map((u) => u.code).join(' ')}</td><td class="num">${r.unmapped.reduce((a, u) => a + u.orders, 0)}</td></tr>` : ''}
<tr class="total"><td colspan="4">All orders</td><td class="num">${r.totalOrders}</td></tr></tbody></table></div></div>
<div><h3>By Sophio code</h3>
<div class="scroll"><table id="by-code"><thead><tr><th>Code</th><th>ShipStation status</th><th>OrderStatus sent</th><th class="num">Orders</th></tr></thead>
<tbody>${r.codes.map((c) =>
    c.status === null
      ? html`<tr class="problem" data-code="${c.code}"><td class="mono">${c.code}</td><td>NOT MAPPED — ShipStation skips these</td><td class="mono">${c.orderStatus}</td><td class="num">${c.orders}</td></tr>`
      : html`<tr data-code="${c.code}" class="${c.orders === 0 ? 'zero' : ''}"><td class="mono">${c.code}</td><td>${STATUS_LABELS[c.status]}${c.exported ? '' : ' (not exported)'}</td><td class="mono">${c.orderStatus}</td><td class="num">${c.orders}</td></tr>`,
  )}</tbody></table></div></div>
</div></section>`
}

/** The outcomes "Notices to handle" shows, and how its filter links name them. */
export const ATTENTION = ['unmatched', 'rejected', 'flagged'] as const
export type AttentionFilter = (typeof ATTENTION)[number]
const ATTENTION_LABELS: Record<AttentionFilter, string> = {
  unmatched: 'waiting for their order',
  rejected: 'rejected',
  flagged: 'flagged — a decision',
}

function attention(d: OpsPageData): Html {
  const total = ATTENTION.reduce((a, o) => a + d.noticeCounts[o], 0)
  const shown = d.attentionFilter === null ? total : d.noticeCounts[d.attentionFilter]
  const back = d.attentionFilter === null ? 'attention' : `attention:${d.attentionFilter}`
  const choice = (label: string, n: number, f: AttentionFilter | null) =>
    d.attentionFilter === f
      ? html`<strong>${label} (${n})</strong>`
      : html`<a href="/ops${f ? `?attention=${f}` : ''}#attention">${label} (${n})</a>`
  return html`<section id="attention"><h2>Notices to handle</h2>
${d.search ? '' : flash(d)}
<p class="choices">${choice('all', total, null)}${ATTENTION.map((o) => html` · ${choice(ATTENTION_LABELS[o], d.noticeCounts[o], o)}`)}</p>
<p class="hint">Unmatched notices are applied by themselves when their order arrives; rejected ones are re-read from the body kept. Flagged ones are applied already: what is left is a decision, written next to each.</p>
${
  d.waiting.length === 0
    ? html`<p class="empty">Nothing waiting.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>#</th><th>Received</th><th>Outcome</th><th>Order</th><th>What to do</th><th>Tracking</th><th>Reason</th></tr></thead>
<tbody>${d.waiting.map(
        (
          n,
        ) => html`<tr data-notice="${n.id}"><td class="lead nid">${n.id}</td><td class="lead when">${when(n.receivedAt)}</td><td class="lead">${outcomeBadge(n.outcome)}</td><td class="lead">${orderLink(n.orderNumber)}</td>
<td class="todo">${actionList(n)}${reapplyForm(n, d.csrf, back)}</td><td class="mono" data-label="Tracking">${n.trackingNumber ?? ''}</td><td class="reason" data-label="Reason">${n.reason}</td></tr>`,
      )}</tbody></table></div>`
}
${shown > d.waiting.length ? html`<p class="hint">The newest ${d.waiting.length} of ${shown}; all of them: <code>sophio-shipstation notices ${d.attentionFilter ?? 'failed'} --limit ${shown}</code></p>` : ''}
</section>`
}

function shipments(rows: ShipmentListRow[]): Html {
  return html`<section id="shipments"><h2>Recent shipments</h2>
${
  rows.length === 0
    ? html`<p class="empty">No shipment recorded yet.</p>`
    : html`<div class="scroll"><table><thead><tr><th>Recorded</th><th>Order</th><th>Tracking</th><th>Carrier / service</th><th>Ship date</th><th class="num">Units</th><th>Notice</th></tr></thead>
<tbody>${rows.map(
        (
          s,
        ) => html`<tr><td class="when">${when(s.createdAt)}</td><td>${orderLink(s.orderNumber)}</td><td class="mono">${s.trackingNumber || '(none)'}</td>
<td>${carrierAndService(s.carrier, s.service)}</td><td>${s.shipDate ?? ''}</td><td class="num">${s.units}</td><td>#${s.noticeId}</td></tr>`,
      )}</tbody></table></div>`
}</section>`
}

function recentNotices(rows: NoticeSummary[]): Html {
  return html`<section id="notices"><h2>Recent notices</h2>
${
  rows.length === 0
    ? html`<p class="empty">No notice received yet.</p>`
    : html`<div class="scroll"><table class="stack"><thead><tr><th>#</th><th>Received</th><th>Outcome</th><th>Order</th><th>Tracking</th><th>Reason</th></tr></thead>
<tbody>${rows.map(
        (
          n,
        ) => html`<tr><td class="lead nid">${n.id}</td><td class="lead when">${when(n.receivedAt)}</td><td class="lead">${outcomeBadge(n.outcome)}</td><td class="lead">${orderLink(n.orderNumber)}</td>
<td class="mono" data-label="Tracking">${n.trackingNumber ?? ''}</td><td class="reason" data-label="Reason">${n.reason}</td></tr>`,
      )}</tbody></table></div>`
}</section>`
}
