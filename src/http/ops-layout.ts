// The frame of every /ops page: document head with the hashed stylesheet, the top bar and its navigation.

import { type Html, html, raw } from './html.js'
import { OPS_CSS } from './ops-style.js'

/** A whole page: `meta` is the grey line under the navigation (may be empty). */
export function opsDocument(title: string, meta: Html | '', main: Html): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${raw(OPS_CSS)}</style></head>
<body><header class="top">
<h1>sophio-shipstation <span>operations</span></h1>
<nav><a href="/ops">Overview</a><a href="/ops/orders">Orders</a><a href="/ops#order">Find an order</a><a href="/ops#attention">Notices to handle</a><a href="/ops#status-map">Status map</a><a href="/ops#shipments">Shipments</a><a href="/ops#notices">Notices</a><a href="/metrics">Metrics</a></nav>
${meta ? html`<p class="meta">${meta}</p>` : ''}
</header>
<main>
${main}
</main></body></html>
`.value
}
