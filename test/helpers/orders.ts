// Order factories: the seed's sample request, realistic variations of it, and the fixture orders imported as the README does.

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { importFile } from '../../src/cli/import.js'
import type { Services } from '../../src/services/index.js'

export const SEED_ORDER_PATH = new URL('../../fixtures/orders/seed-sample-order.json', import.meta.url)
export const DEMO_ORDERS_PATH = new URL('../../fixtures/orders/demo-orders.ndjson', import.meta.url)

/** Sophio's sample createorder request, verbatim: order 296594, lines 222637 ×2 and 222638 ×1. */
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

/**
 * The README's two `import` commands, through the import command's own code: in a fresh database Sophio's
 * sample 296594 gets id 1 and DEMO-n id n + 1 — the OrderIDs the fixture notices carry.
 */
export async function importFixtureOrders(services: Services): Promise<void> {
  const problems: string[] = []
  for (const url of [SEED_ORDER_PATH, DEMO_ORDERS_PATH]) {
    const summary = await importFile(services, fileURLToPath(url), {
      out: () => {},
      err: (line) => void problems.push(line),
    })
    if (summary.failed > 0) throw new Error(`fixture orders rejected: ${problems.join('; ')}`)
  }
}
