// The journal's words for a recorded package: units of the order's lines, items it lacks apart, and progress.

import { describe, expect, it } from 'vitest'
import { shippedSummary } from '../../src/services/apply-notice.js'

const line = (quantity: number) => ({ lineItemKey: 'L1', quantity })
const phantom = (quantity: number) => ({ lineItemKey: null, quantity })

describe('shippedSummary', () => {
  it.each([
    [[line(2), line(1)], 'complete', '3 units, order fully shipped'],
    [[line(1)], 'partial', '1 unit, order partly shipped'],
    [[phantom(2)], 'none', '0 units (and 2 units of items the order does not have), no line of the order shipped'],
    [[line(1), phantom(1)], 'partial', '1 unit (and 1 unit of items the order does not have), order partly shipped'],
  ] as const)('%j, %s → %s', (items, state, words) => {
    expect(shippedSummary(items, state)).toBe(words)
  })
})
