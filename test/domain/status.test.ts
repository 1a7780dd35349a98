// The status mapping: every Sophio code in both modes, and the Custom Store form values.

import { describe, expect, it } from 'vitest'
import {
  DEFAULT_STATUS_MAP,
  exportedStatusOf,
  formValues,
  isSophioCode,
  type ShipStationStatus,
  shipStationStatusOf,
} from '../../src/domain/status.js'

const TABLE: [string, ShipStationStatus, string][] = [
  ['1', 'awaiting_payment', 'unpaid'],
  ['2', 'awaiting_payment', 'unpaid'],
  ['H', 'awaiting_payment', 'unpaid'],
  ['D', 'awaiting_payment', 'unpaid'],
  ['R', 'awaiting_payment', 'unpaid'],
  ['V', 'awaiting_payment', 'unpaid'],
  ['$', 'awaiting_payment', 'unpaid'],
  ['O', 'awaiting_payment', 'unpaid'],
  ['P', 'awaiting_shipment', 'paid'],
  ['K', 'awaiting_shipment', 'paid'],
  ['W', 'awaiting_shipment', 'paid'],
  ['F', 'shipped', 'shipped'],
  ['C', 'shipped', 'shipped'],
  ['S', 'shipped', 'shipped'],
  ['U', 'shipped', 'shipped'],
  ['9', 'cancelled', 'cancelled'],
]

describe('default status map', () => {
  it.each(TABLE)('code %s → %s; mapped word %s; raw = the code', (code, status, word) => {
    expect(shipStationStatusOf(code, DEFAULT_STATUS_MAP)).toBe(status)
    expect(exportedStatusOf(code, DEFAULT_STATUS_MAP, 'mapped')).toBe(word)
    expect(exportedStatusOf(code, DEFAULT_STATUS_MAP, 'raw')).toBe(code)
  })

  it('holds exactly the 16 documented codes', () => {
    expect([...DEFAULT_STATUS_MAP.keys()].sort()).toEqual(TABLE.map(([c]) => c).sort())
  })

  it.each(['X', 's', '', '10'])('unknown code %j maps to nothing in both modes', (code) => {
    expect(exportedStatusOf(code, DEFAULT_STATUS_MAP, 'mapped')).toBeUndefined()
    expect(exportedStatusOf(code, DEFAULT_STATUS_MAP, 'raw')).toBeUndefined()
  })
})

describe('Custom Store form values', () => {
  it('mapped mode: one word per field', () => {
    expect(formValues(DEFAULT_STATUS_MAP, 'mapped')).toEqual({
      awaiting_payment: 'unpaid',
      awaiting_shipment: 'paid',
      shipped: 'shipped',
      cancelled: 'cancelled',
      on_hold: 'on_hold',
    })
  })

  it('raw mode: the code lists of ShipStation’s Sophio page; On-Hold empty', () => {
    expect(formValues(DEFAULT_STATUS_MAP, 'raw')).toEqual({
      awaiting_payment: '1,2,H,D,R,V,$,O',
      awaiting_shipment: 'P,K,W',
      shipped: 'F,C,S,U',
      cancelled: '9',
      on_hold: '',
    })
  })

  it('follows a custom map', () => {
    const map = new Map<string, ShipStationStatus>([
      ['P', 'awaiting_shipment'],
      ['Q', 'on_hold'],
    ])
    expect(formValues(map, 'raw').on_hold).toBe('Q')
    expect(formValues(map, 'raw').shipped).toBe('')
  })
})

describe('Sophio codes', () => {
  it.each(['P', '9', '$', 'AB12$', 'abcdefghij'])('%j is a Sophio code', (code) => {
    expect(isSophioCode(code)).toBe(true)
  })

  it.each(['', 'abcdefghijk', 'P ', ' P', 'P-1', 'É', 'P\n'])('%j is not', (code) => {
    expect(isSophioCode(code)).toBe(false)
  })
})
