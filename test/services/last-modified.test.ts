// nextLastModified: strictly rising from a past value, back to now (with a warning) from a future one.

import { describe, expect, it } from 'vitest'
import { CLOCK_SKEW_MS } from '../../src/domain/dates.js'
import type { Logger } from '../../src/logger.js'
import { nextLastModified } from '../../src/services/last-modified.js'

const NOW = Date.parse('2026-03-01T12:00:00Z')

/** A Logger that keeps the warnings it is told. */
function warnings(): Logger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info() {}, error() {}, warn: (_obj, msg) => void lines.push(msg ?? '') }
}

describe('nextLastModified', () => {
  it.each([
    ['an hour ago', NOW - 3_600_000, NOW, 0],
    ['the same millisecond (two changes at once)', NOW, NOW + 1, 0],
    ['ahead by less than the export’s minute precision', NOW + 30_000, NOW + 30_001, 0],
    ['ahead by exactly the tolerance', NOW + CLOCK_SKEW_MS, NOW + CLOCK_SKEW_MS + 1, 0],
    ['ahead by more than a minute', NOW + CLOCK_SKEW_MS + 1, NOW, 1],
    ['in the year 2100 (a restore from a wrong clock)', Date.parse('2100-01-01T00:00:00Z'), NOW, 1],
  ])('previous value %s', (_name, previous, expected, warned) => {
    const log = warnings()
    expect(nextLastModified({ id: 1, orderNumber: 'T1', modifiedAt: previous }, NOW, log)).toBe(expected)
    expect(log.lines).toHaveLength(warned)
  })
})
