// ShipStation date parsing and formatting, as a table of cases.

import { describe, expect, it } from 'vitest'
import { formatShipStationDate, formatTime, parseIsoDate, parseShipStationDate } from '../../src/domain/dates.js'
import { windowBounds } from '../../src/services/export-orders.js'
import { parseExportParams } from '../../src/shipstation/request-params.js'

const utc = (s: string) => Date.parse(`${s}Z`)

describe('parseShipStationDate', () => {
  it.each([
    ['01/23/2012 17:28', '2012-01-23T17:28:00.000'],
    ['1/2/2012 7:05', '2012-01-02T07:05:00.000'],
    ['01/23/2012 17:28:45', '2012-01-23T17:28:45.000'],
    ['01/23/2012 5:28 PM', '2012-01-23T17:28:00.000'],
    ['01/23/2012 05:28 pm', '2012-01-23T17:28:00.000'],
    ['01/23/2012 12:00 AM', '2012-01-23T00:00:00.000'],
    ['01/23/2012 12:00 PM', '2012-01-23T12:00:00.000'],
    ['01/23/2012 12:30:10 AM', '2012-01-23T00:30:10.000'],
    ['01/23/2012', '2012-01-23T00:00:00.000'],
    ['  01/23/2012 17:28  ', '2012-01-23T17:28:00.000'],
    ['2012-01-23T17:28:00', '2012-01-23T17:28:00.000'],
    ['2012-01-23T17:28:00Z', '2012-01-23T17:28:00.000'],
    ['2012-01-23T19:28:00+02:00', '2012-01-23T17:28:00.000'],
    ['2018-07-25T21:07:51.0000000', '2018-07-25T21:07:51.000'],
    ['02/29/2024 00:00', '2024-02-29T00:00:00.000'],
  ])('%s → %s UTC', (input, expected) => {
    expect(parseShipStationDate(input)).toBe(utc(expected))
  })

  it.each([
    '',
    'yesterday',
    '13/01/2012 10:00',
    '02/30/2012 10:00',
    '02/29/2023 10:00',
    '01/23/2012 24:00',
    '01/23/2012 17:60',
    '01/23/2012 13:00 PM',
    '01/23/2012 0:10 AM',
    '01/23/0000 10:00',
    '01-23-2012 10:00',
    '1327339680',
  ])('rejects %j', (input) => {
    expect(parseShipStationDate(input)).toBeUndefined()
  })

  it('parses ShipStation’s URL-encoded form once the query string is decoded', () => {
    const query = Object.fromEntries(
      new URLSearchParams('start_date=01%2f23%2f2012+17%3a28&end_date=01%2f23%2f2012+17%3a33'),
    )
    const p = parseExportParams(query)
    expect(p.start).toBe(utc('2012-01-23T17:28:00'))
    expect(p.end).toBe(utc('2012-01-23T17:33:00'))
  })
})

describe('formatShipStationDate', () => {
  it.each([
    ['2012-01-23T17:28:45.999', '01/23/2012 17:28'],
    ['2012-01-02T07:05:00.000', '01/02/2012 07:05'],
    ['2026-12-31T23:59:59.999', '12/31/2026 23:59'],
    ['2000-02-29T00:00:00.000', '02/29/2000 00:00'],
  ])('%s → %s', (iso, expected) => {
    expect(formatShipStationDate(utc(iso))).toBe(expected)
  })

  it.each([
    ['+010000-01-01T04:30:00.000', '12/31/9999 23:59'],
    ['+275760-09-13T00:00:00.000', '12/31/9999 23:59'],
    ['-000001-12-31T23:00:00.000', '01/01/0001 00:00'],
  ])('a time outside years 1–9999 (%s) shows as the nearest end, %s: never five year digits', (iso, expected) => {
    expect(formatShipStationDate(Date.parse(`${iso}Z`))).toBe(expected)
  })

  it('round-trips through the parser at minute precision', () => {
    const t = utc('2019-06-30T08:09:00')
    expect(parseShipStationDate(formatShipStationDate(t))).toBe(t)
  })
})

describe('export window', () => {
  it('includes the whole end minute and starts at the start minute', () => {
    const [from, to] = windowBounds(utc('2012-01-23T17:28:00'), utc('2012-01-23T17:33:00'))
    expect(from).toBe(utc('2012-01-23T17:28:00.000'))
    expect(to).toBe(utc('2012-01-23T17:33:59.999'))
  })

  it('ignores seconds given in the window (minute precision)', () => {
    const [from, to] = windowBounds(utc('2012-01-23T17:28:30'), utc('2012-01-23T17:33:10'))
    expect(from).toBe(utc('2012-01-23T17:28:00.000'))
    expect(to).toBe(utc('2012-01-23T17:33:59.999'))
  })
})

describe('parseIsoDate', () => {
  it('takes a time without offset as UTC', () => {
    expect(parseIsoDate('2018-07-17T12:08:06')).toBe(utc('2018-07-17T12:08:06'))
  })
  it('rejects year 0 and impossible days', () => {
    expect(parseIsoDate('0000-01-01T00:00:00')).toBeUndefined()
    expect(parseIsoDate('2018-02-31')).toBeUndefined()
  })
  it.each([
    ['9999-12-31T23:30:00-05:00', undefined],
    ['0001-01-01T00:30:00+01:00', undefined],
    ['9999-12-31T23:30:00+05:00', utc('9999-12-31T18:30:00')],
    ['9999-12-31T23:59:59.999Z', utc('9999-12-31T23:59:59.999')],
  ])('%s: refused when its offset carries it outside years 1–9999 in UTC', (input, expected) => {
    expect(parseIsoDate(input)).toBe(expected)
  })
})

describe('formatTime', () => {
  it('shows a time to people as ISO 8601 UTC to the second, which the order filters read back', () => {
    const t = utc('2024-05-01T14:03:22.999')
    expect(formatTime(t)).toBe('2024-05-01T14:03:22Z')
    expect(parseIsoDate(formatTime(t))).toBe(utc('2024-05-01T14:03:22'))
  })
})
