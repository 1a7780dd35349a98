// The one limit reader, with the bounds each listing uses.

import { describe, expect, it } from 'vitest'
import { type LimitBounds, limitProblem, parseLimit } from '../../src/domain/limit.js'

const UP_TO_1000: LimitBounds = { fallback: 25, max: 1000 }
const SIX_DIGITS: LimitBounds = { fallback: 20, max: 999_999 }

describe('parseLimit', () => {
  it.each([
    [undefined, UP_TO_1000, 25],
    [undefined, SIX_DIGITS, 20],
    ['1', UP_TO_1000, 1],
    ['1000', UP_TO_1000, 1000],
    ['0050', UP_TO_1000, 50],
    ['999999', SIX_DIGITS, 999_999],
    ['000001', SIX_DIGITS, 1],
  ] as const)('%j within %o → %d', (raw, bounds, n) => {
    expect(parseLimit(raw, bounds)).toBe(n)
  })

  it.each([
    ['', UP_TO_1000],
    ['0', UP_TO_1000],
    ['1001', UP_TO_1000],
    ['01000', UP_TO_1000],
    [' 5', UP_TO_1000],
    ['5 ', UP_TO_1000],
    ['+5', UP_TO_1000],
    ['-1', UP_TO_1000],
    ['1e2', UP_TO_1000],
    ['5.0', UP_TO_1000],
    ['0x10', UP_TO_1000],
    ['١٢', UP_TO_1000],
    ['0', SIX_DIGITS],
    ['1000000', SIX_DIGITS],
    ['0000001', SIX_DIGITS],
  ] as const)('%j within %o is refused', (raw, bounds) => {
    expect(parseLimit(raw, bounds)).toBeUndefined()
  })

  it('says what is accepted', () => {
    expect(limitProblem(UP_TO_1000)).toBe('limit must be a whole number from 1 to 1000')
  })
})
