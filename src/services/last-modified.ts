// LastModified for an order that changes: the one timestamp ShipStation's export window filters on.

import { isInFuture, toIso } from '../domain/dates.js'
import type { Logger } from '../logger.js'

/**
 * The LastModified an order gets when it changes. Normally `now`, but strictly after the previous value, so
 * the next export window never misses the change. A previous value in the future (clock skew, a restore from
 * a machine with a wrong clock) is not followed: the order would stay out of every window until that date,
 * and a cancellation would never reach ShipStation. It is set to now, with a warning.
 */
export function nextLastModified(
  order: { id: number; orderNumber: string; modifiedAt: number },
  now: number,
  log: Logger | undefined,
): number {
  if (isInFuture(order.modifiedAt, now)) {
    log?.warn(
      { orderId: order.id, orderNumber: order.orderNumber, lastModified: toIso(order.modifiedAt), now: toIso(now) },
      'order LastModified was in the future: set to now, so the next export carries the change',
    )
    return now
  }
  return Math.max(now, order.modifiedAt + 1)
}
