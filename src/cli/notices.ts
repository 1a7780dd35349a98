// `notices …`: the shipment notice journal for operators — list, show one, re-apply an unmatched or rejected one.

import type { NoticeSummary } from '../db/notices-repo.js'
import { NOTICE_OUTCOMES, type NoticeOutcome } from '../domain/shipment.js'
import type { Services } from '../services/index.js'

export const NOTICES_USAGE =
  'usage: sophio-shipstation notices [recent|unmatched|rejected|flagged|duplicate|applied] [--limit N]\n' +
  '       sophio-shipstation notices show <id>\n' +
  '       sophio-shipstation notices reapply <id>\n'

export type NoticesArgs =
  | { kind: 'list'; outcome: NoticeOutcome | undefined; limit: number }
  | { kind: 'show' | 'reapply'; id: number }

/** Reads the arguments before any database is opened; undefined means a usage error. */
export function parseNoticesArgs(args: string[]): NoticesArgs | undefined {
  const [sub = 'recent', ...rest] = args
  if (sub === 'show' || sub === 'reapply') {
    const id = rest[0]
    if (rest.length !== 1 || id === undefined || !/^\d{1,15}$/.test(id)) return undefined
    return { kind: sub, id: Number(id) }
  }
  if (sub !== 'recent' && !(NOTICE_OUTCOMES as readonly string[]).includes(sub)) return undefined
  let limit = 20
  if (rest.length > 0) {
    if (rest.length !== 2 || rest[0] !== '--limit' || !/^\d{1,6}$/.test(rest[1] ?? '') || Number(rest[1]) < 1)
      return undefined
    limit = Number(rest[1])
  }
  return { kind: 'list', outcome: sub === 'recent' ? undefined : (sub as NoticeOutcome), limit }
}

/** Exit code 0, or 1 when the notice does not exist or a re-application did not apply it. */
export function runNotices(
  services: Services,
  args: NoticesArgs,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const journal = services.notices
  if (args.kind === 'list') {
    const rows = journal.list(args.limit, args.outcome)
    if (rows.length === 0) out(args.outcome ? `No ${args.outcome} notices.\n` : 'No notices yet.\n')
    for (const n of rows) out(`${line(n)}\n`)
    return 0
  }
  if (args.kind === 'show') {
    const n = journal.get(args.id)
    if (!n) {
      err(`sophio-shipstation: no notice #${args.id}\n`)
      return 1
    }
    const { body, ...summary } = n
    out(`${line(summary)}\n`)
    out(`  query:        ${n.query || '(none)'}\n`)
    out(`  content type: ${n.contentType ?? '(none)'}\n`)
    out(`  request id:   ${n.requestId ?? '(none)'}\n`)
    if (n.resolvedAt !== null) out(`  resolved:     ${iso(n.resolvedAt)} (${n.resolvedBy})\n`)
    const kept = n.bodySize > body.length ? ` (first ${body.length} of ${n.bodySize} bytes)` : ` (${n.bodySize} bytes)`
    out(`  body${kept}:\n${Buffer.from(body).toString('utf8')}\n`)
    return 0
  }
  const result = journal.reapply(args.id)
  if (!result.ok) {
    err(`sophio-shipstation: ${result.message}\n`)
    return 1
  }
  out(`${line(result.entry)}\n`)
  const applied = result.entry.outcome !== 'unmatched' && result.entry.outcome !== 'rejected'
  return applied ? 0 : 1
}

function line(n: NoticeSummary): string {
  const order = n.orderNumber ? ` order ${n.orderNumber}${n.orderId === null ? '' : ` (id ${n.orderId})`}` : ''
  const tracking = n.trackingNumber ? ` tracking ${n.trackingNumber}` : ''
  return `#${n.id}  ${iso(n.receivedAt)}  ${n.outcome.padEnd(9)}${order}${tracking} — ${n.reason}`
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
