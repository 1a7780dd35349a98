// Order factories: the seed's sample request, and realistic variations of it.

import { readFileSync } from 'node:fs'

export const SEED_ORDER_PATH = new URL('../../fixtures/orders/seed-sample-order.json', import.meta.url)

/** Sophio's sample createorder request, verbatim. */
export function seedOrder(): Record<string, unknown> {
  return JSON.parse(readFileSync(SEED_ORDER_PATH, 'utf8')) as Record<string, unknown>
}

/** A valid order with its own number and key; `patch` overrides top-level fields. */
export function makeOrder(n: number, patch: Record<string, unknown> = {}): Record<string, unknown> {
  const o = seedOrder()
  o.orderNumber = `T${n}`
  o.orderKey = `key-${n}`
  return { ...o, ...patch }
}
