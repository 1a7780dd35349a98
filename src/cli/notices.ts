// `notices …`: the shipment notice journal for operators — list, show one, re-apply an unmatched or rejected one.

import { formatTime } from '../domain/dates.js'
import { type LimitBounds, parseLimit } from '../domain/limit.js'
import { NOTICE_OUTCOMES, type NoticeOutcome } from '../domain/shipment.js'
import type { Services } from '../services/index.js'
import { noticeActions } from '../services/notice-actions.js'
import { noticeJson } from '../services/ops-json.js'
import type { NoticeSelection, NoticeSummary } from '../services/ops-views.js'

export const NOTICES_USAGE =
  'usage: sophio-shipstation notices [recent|failed|unmatched|rejected|flagged|duplicate|applied] [--limit N] [--json]\n' +
  '       sophio-shipstation notices show <id> [--json]\n' +
  '       sophio-shipstation notices reapply <id>\n' +
  '       sophio-shipstation notices prune [--older-than DAYS] [--dry-run] [--json]\n'

export const NOTICES_HELP = `${NOTICES_USAGE}
The shipment notice journal (every authenticated shipnotify POST), newest first.

  recent          every notice (default)
  failed          the ones that need a person: unmatched, rejected and flagged (each flagged one
                  with the decision it leaves)
  unmatched …     one outcome: unmatched, rejected, flagged, duplicate or applied
  --limit N       at most N notices (default 20)
  --json          JSON instead of text
  show <id>       one notice with its query string, Content-Type and raw body
  reapply <id>    apply an unmatched or rejected notice again (e.g. once its order exists)
  prune           drop the raw bodies of applied and duplicate notices older than DAYS (default: the
                  noticeBodyRetentionDays setting, 90); the journal rows stay, and unmatched, rejected
                  and flagged notices are never touched. --dry-run only counts.

Exit codes: 0 success (reapply: the notice applied), 1 no such notice or it still does not apply,
2 usage or configuration error.
`

/** `--limit N` of the listings: 20 unless asked, any count of up to six digits. */
const NOTICE_LIMITS: LimitBounds = { fallback: 20, max: 999_999 }

export type NoticesArgs =
  | { kind: 'list'; outcome: NoticeSelection; limit: number; json: boolean }
  | { kind: 'show'; id: number; json: boolean }
  | { kind: 'reapply'; id: number }
  | { kind: 'prune'; olderThanDays: number | null; dryRun: boolean; json: boolean }

/** Reads the arguments before any database is opened; undefined means a usage error. */
export function parseNoticesArgs(args: string[]): NoticesArgs | undefined {
  const json = args.includes('--json')
  const [sub = 'recent', ...rest] = args.filter((a) => a !== '--json')
  if (sub === 'prune') return parsePruneArgs(rest, json)
  if (sub === 'show' || sub === 'reapply') {
    const id = rest[0]
    if (rest.length !== 1 || id === undefined || !/^\d{1,15}$/.test(id)) return undefined
    if (sub === 'reapply') return json ? undefined : { kind: sub, id: Number(id) }
    return { kind: sub, id: Number(id), json }
  }
  if (sub !== 'recent' && sub !== 'failed' && !(NOTICE_OUTCOMES as readonly string[]).includes(sub)) return undefined
  if (rest.length > 0 && (rest.length !== 2 || rest[0] !== '--limit')) return undefined
  const limit = parseLimit(rest[1], NOTICE_LIMITS)
  if (limit === undefined) return undefined
  return { kind: 'list', outcome: sub === 'recent' ? undefined : (sub as NoticeOutcome | 'failed'), limit, json }
}

/** Exit code 0, or 1 when the notice does not exist or a re-application did not apply it. */
export async function runNotices(
  services: Services,
  args: NoticesArgs,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const journal = services.notices
  if (args.kind === 'prune') {
    const days = args.olderThanDays ?? services.config.noticeBodyRetentionDays
    const r = await services.pruneNoticeBodies(days, args.dryRun)
    if (args.json) {
      out(`${JSON.stringify({ notices: r.notices, bytes: r.bytes, before: formatTime(r.before), dryRun: r.dryRun })}\n`)
      return 0
    }
    const what = `${r.notices} resolved notice${r.notices === 1 ? '' : 's'} received before ${formatTime(r.before)}`
    out(`${r.dryRun ? 'Would drop' : 'Dropped'} the raw bodies of ${what} (${r.bytes} bytes); their journal rows stay.\n`)
    return 0
  }
  if (args.kind === 'list') {
    const rows = await services.ops.notices(args.limit, args.outcome)
    if (args.json) {
      out(`${JSON.stringify(rows.map(noticeJson), null, 2)}\n`)
      return 0
    }
    if (rows.length === 0) out(args.outcome ? `No ${args.outcome} notices.\n` : 'No notices yet.\n')
    for (const n of rows) {
      out(`${noticeLine(n)}\n`)
      // A flagged notice is applied already; what it needs is a decision, spelled out under it.
      if (n.outcome === 'flagged') for (const a of noticeActions(n)) out(`    → ${a.title}: ${a.action}\n`)
    }
    return 0
  }
  if (args.kind === 'show') {
    const n = await journal.get(args.id)
    if (!n) {
      err(`sophio-shipstation: no notice #${args.id}\n`)
      return 1
    }
    const { body, ...summary } = n
    if (args.json) {
      const text = Buffer.from(body).toString('utf8')
      out(
        `${JSON.stringify({ ...noticeJson(summary), query: n.query, contentType: n.contentType, bodySize: n.bodySize, body: text }, null, 2)}\n`,
      )
      return 0
    }
    out(`${noticeLine(summary)}\n`)
    out(`  query:        ${n.query || '(none)'}\n`)
    out(`  content type: ${n.contentType ?? '(none)'}\n`)
    out(`  request id:   ${n.requestId ?? '(none)'}\n`)
    if (n.resolvedAt !== null) out(`  resolved:     ${formatTime(n.resolvedAt)} (${n.resolvedBy})\n`)
    if (n.bodyPrunedAt !== null) {
      out(`  body:         ${n.bodySize} bytes, dropped ${formatTime(n.bodyPrunedAt)} by the retention rule (notices prune)\n`)
      return 0
    }
    const kept = n.bodySize > body.length ? ` (first ${body.length} of ${n.bodySize} bytes)` : ` (${n.bodySize} bytes)`
    out(`  body${kept}:\n${Buffer.from(body).toString('utf8')}\n`)
    return 0
  }
  const result = await journal.reapply(args.id)
  if (!result.ok) {
    err(`sophio-shipstation: ${result.message}\n`)
    return 1
  }
  out(`${noticeLine(result.entry)}\n`)
  const applied = result.entry.outcome !== 'unmatched' && result.entry.outcome !== 'rejected'
  return applied ? 0 : 1
}

function parsePruneArgs(rest: string[], json: boolean): NoticesArgs | undefined {
  let olderThanDays: number | null = null
  let dryRun = false
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (a === '--dry-run') dryRun = true
    else if (a === '--older-than' && /^\d{1,5}$/.test(rest[i + 1] ?? '') && Number(rest[i + 1]) >= 1) {
      olderThanDays = Number(rest[++i])
    } else return undefined
  }
  return { kind: 'prune', olderThanDays, dryRun, json }
}

/** One notice on one line: id, time, outcome, order, tracking number and reason. */
export function noticeLine(n: NoticeSummary): string {
  const order = n.orderNumber ? ` order ${n.orderNumber}${n.orderId === null ? '' : ` (id ${n.orderId})`}` : ''
  const tracking = n.trackingNumber ? ` tracking ${n.trackingNumber}` : ''
  return `#${n.id}  ${formatTime(n.receivedAt)}  ${n.outcome.padEnd(9)}${order}${tracking} — ${n.reason}`
}
