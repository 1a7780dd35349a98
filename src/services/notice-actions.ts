// What an operator does about a notice that needs a person: per kind of flag, read from the reason written.

import type { NoticeSummary } from '../db/notices-repo.js'

/** Why a notice was flagged: each is applied already, and each leaves a decision to a person. */
export type FlagKind = 'cancelled-shipped' | 'order-identity' | 'unknown-items' | 'other'

export interface NoticeAction {
  kind: FlagKind | 'unmatched' | 'rejected'
  /** A few words: what happened. */
  title: string
  /** The decision or step to take, in words. */
  action: string
}

/**
 * How each flag shows in the reason. The reasons are written by services/apply-notice.ts (matchOrder,
 * applyToOrder) and domain/shipment.ts (planItems); test/services/notice-actions.test.ts sends real notices
 * through the app, so a reworded reason fails there instead of falling through to "other" unnoticed.
 */
const SIGNS: readonly [Exclude<FlagKind, 'other'>, RegExp][] = [
  ['cancelled-shipped', /order is cancelled \(code .*?\): status left as it is/],
  [
    'order-identity',
    /order_number ".*" and ShipNotice\/OrderNumber ".*" disagree|is not the number of OrderID \d+|\d+ orders carry number ".*"; the newest/,
  ],
  ['unknown-items', /item .* matches no line of the order/],
]

/** The flags a flagged notice's reason carries, in a fixed order; `other` when none is recognised. */
export function flagKinds(reason: string): FlagKind[] {
  const kinds = SIGNS.filter(([, sign]) => sign.test(reason)).map(([kind]) => kind)
  return kinds.length > 0 ? kinds : ['other']
}

/** Nothing for applied and duplicate notices; one action per flag, or the unmatched/rejected step. */
export function noticeActions(n: Pick<NoticeSummary, 'outcome' | 'reason' | 'orderNumber'>): NoticeAction[] {
  const order = n.orderNumber === null ? 'the order' : `order ${n.orderNumber}`
  switch (n.outcome) {
    case 'applied':
    case 'duplicate':
      return []
    case 'unmatched':
      return [
        {
          kind: 'unmatched',
          title: 'Waiting for its order',
          action: `Applied by itself when ${order} arrives. If it exists already under another path (a restored backup, a renumbered order), re-apply.`,
        },
      ]
    case 'rejected':
      return [
        {
          kind: 'rejected',
          title: 'Could not be read',
          action:
            'Re-apply re-reads the body kept (after an upgrade that reads it); otherwise mark the shipment in Sophio by hand.',
        },
      ]
    case 'flagged':
      return flagKinds(n.reason).map((kind) => flagAction(kind, order))
  }
}

function flagAction(kind: FlagKind, order: string): NoticeAction {
  switch (kind) {
    case 'cancelled-shipped':
      return {
        kind,
        title: 'Shipped although cancelled',
        action: `ShipStation shipped ${order}, which is cancelled (its status was left as it is). Decide: recall the package (carrier intercept) and keep it cancelled, or reinstate the order in Sophio — then refund or charge the customer to match.`,
      }
    case 'order-identity':
      return {
        kind,
        title: 'Order numbers disagree',
        action: `The notice names different orders; the package was recorded on ${order}. Check in ShipStation which order the label is for: if another one, that order is not marked shipped here and ${order} may be wrongly — set both right in Sophio.`,
      }
    case 'unknown-items':
      return {
        kind,
        title: 'Items the order does not have',
        action: `The package lists items ${order} has no line for (kept without a line; they ship nothing of the order). Check what was packed: a wrong item sent, or an item added in ShipStation.`,
      }
    case 'other':
      return { kind, title: 'Flagged', action: `Read the reason and check ${order}.` }
  }
}
