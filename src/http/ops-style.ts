// The /ops page's stylesheet, inlined, and its hash for the Content-Security-Policy (no inline style else runs).

import { createHash } from 'node:crypto'

export const OPS_CSS = `
:root { --ink:#1b1f24; --muted:#59636e; --line:#d8dee4; --bg:#f6f8fa; --card:#fff; --accent:#0b5cad;
  --ok:#1a7f37; --ok-bg:#dafbe1; --warn:#9a6700; --warn-bg:#fff8c5; --bad:#cf222e; --bad-bg:#ffebe9; --grey-bg:#eaeef2; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg); }
header.top { background:#24292f; color:#fff; padding: 14px 24px; }
header.top h1 { margin:0; font-size: 20px; font-weight: 600; }
header.top h1 span { color:#9ea7b3; font-weight: 400; }
header.top nav { margin-top: 6px; font-size: 14px; }
header.top nav a { color:#c9d1d9; margin-right: 16px; text-decoration: none; }
header.top nav a:hover { color:#fff; text-decoration: underline; }
.meta { margin: 4px 0 0; color:#9ea7b3; font-size: 13px; }
main { max-width: 1240px; margin: 0 auto; padding: 18px 24px 48px; }
section { background: var(--card); border:1px solid var(--line); border-radius: 8px; padding: 14px 18px 16px; margin: 0 0 18px; }
h2 { font-size: 17px; margin: 0 0 10px; }
h3 { font-size: 15px; margin: 16px 0 6px; }
p.hint { color: var(--muted); margin: 4px 0 10px; font-size: 14px; }
a { color: var(--accent); }
.cards { display:grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; background:none; border:0; padding:0; }
a.card { color: inherit; text-decoration: none; display: block; }
a.card:hover { border-color: var(--accent); }
.card { background: var(--card); border:1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .n { font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .l { color: var(--muted); font-size: 13px; }
.card.bad { border-color: var(--bad); background: var(--bad-bg); }
.card.warn { border-color: #d4a72c; background: var(--warn-bg); }
.grid2 { display:grid; grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); gap: 18px; }
@media (max-width: 900px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
table { width:100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align:left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; color: #3b434b; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fbfcfd; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 600; border-top: 2px solid var(--line); }
tr.zero td { color: var(--muted); }
td.codes, td.when { white-space: nowrap; }
tr.problem td { background: var(--bad-bg) !important; color: #82071e; font-weight: 600; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
code.type { background: var(--grey-bg); padding: 1px 6px; border-radius: 4px; }
.reason { color: var(--muted); max-width: 520px; }
.badge { display:inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.b-applied { background: var(--ok-bg); color: var(--ok); }
.b-duplicate { background: var(--grey-bg); color: var(--muted); }
.b-flagged { background: var(--warn-bg); color: var(--warn); }
.b-unmatched { background: #fff1e5; color: #bc4c00; }
.b-rejected, .b-unmapped { background: var(--bad-bg); color: var(--bad); }
form.search { display:flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 8px; }
form.search input { font: inherit; padding: 6px 10px; border: 1px solid #afb8c1; border-radius: 6px; width: 260px; }
button { white-space: nowrap; font: inherit; font-size: 14px; padding: 5px 12px; border-radius: 6px; border: 1px solid #1f6feb;
  background: #1f6feb; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); border-color: #afb8c1; }
form.inline { margin: 0; }
/* Tables scroll inside their own box on a narrow screen instead of widening the page (checked at 400 px). */
.scroll { overflow-x: auto; max-width: 100%; }
p, dd, h3, li { overflow-wrap: anywhere; }
td a, td.mono, td code, td .badge { white-space: nowrap; }
td.reason { min-width: 16em; }
td.num { white-space: nowrap; }
td.name { min-width: 12em; }
form.filter { display:flex; flex-wrap: wrap; gap: 8px 14px; align-items: flex-end; margin: 0 0 8px; }
form.filter label { display:flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 2px; }
form.filter input, form.filter select { font: inherit; font-size: 14px; padding: 5px 8px; border: 1px solid #afb8c1; border-radius: 6px; width: 12em; max-width: 100%; }
nav.pager { display:flex; justify-content: space-between; margin-top: 10px; }
nav.pager a[rel="next"] { margin-left: auto; }
td.shipped-complete { color: var(--ok); }
p.choices { margin: 0 0 6px; font-size: 14px; }
ul.actions { margin: 0 0 6px; padding-left: 18px; min-width: 240px; max-width: 460px; font-size: 13px; }
ul.actions li { margin: 0 0 4px; }
.flash { border-left: 4px solid var(--accent); }
div.flash { padding: 8px 12px; margin: 0 0 10px; background: var(--bg); border-radius: 4px; }
div.flash p.hint { margin: 4px 0 0; }
.flash.ok { border-left-color: var(--ok); }
.flash.bad { border-left-color: var(--bad); }
p.flash { padding: 6px 10px; background: var(--bad-bg); border-radius: 4px; margin: 6px 0; }
dl.facts { display:grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 0 0 6px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
@media (max-width: 600px) {
  header.top { padding: 10px 12px; }
  header.top nav a { display: inline-block; margin: 2px 12px 2px 0; }
  main { padding: 10px 8px 32px; }
  section { padding: 10px 10px 12px; }
  dl.facts { grid-template-columns: max-content minmax(0, 1fr); }
  form.search input { width: auto; flex: 1 1 140px; min-width: 0; }
  /* Notice lists are prose (reasons, decisions): each row becomes a block, its short facts on one line. */
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.stack td { border: 0; padding: 2px 4px; min-width: 0; max-width: none; }
  table.stack td.lead { display: inline-block; margin-right: 6px; }
  table.stack td.nid::before { content: "#"; }
  table.stack td[data-label]:not(:empty)::before { content: attr(data-label) ": "; color: var(--muted); font-size: 12px; }
  table.stack td:empty { display: none; }
  table.stack ul.actions { min-width: 0; max-width: none; }
}
.empty { color: var(--muted); font-style: italic; }
`

/** `'sha256-…'` source for the CSP style-src: only this exact stylesheet may apply. */
export const OPS_CSS_HASH = `'sha256-${createHash('sha256').update(OPS_CSS).digest('base64')}'`
