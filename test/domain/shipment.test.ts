// The pure shipment rules: which lines a notice ships, when an order is complete, how duplicates are keyed.

import { describe, expect, it } from 'vitest'
import {
  carrierAndService,
  dedupeKeyOf,
  fulfilmentOf,
  type LineState,
  type NoticeItem,
  parseBool,
  parseMoney,
  parseQuantity,
  parseShipDate,
  planItems,
  type ShipNotice,
} from '../../src/domain/shipment.js'

const line = (key: string, sku: string, quantity: number, shipped = 0, adjustment = false): LineState => ({
  lineItemKey: key,
  sku,
  name: `name ${key}`,
  quantity,
  adjustment,
  shipped,
})
const item = (lineItemId: string | null, sku: string | null, quantity: string | null): NoticeItem => ({
  lineItemId,
  sku,
  name: null,
  quantity,
})
const LINES = [line('a', 'SKU-A', 2), line('b', 'SKU-B', 1), line('c', '', 1, 0, true)]
const brief = (r: ReturnType<typeof planItems>) => r.items.map((i) => `${i.lineItemKey ?? '?'}:${i.quantity}`)

describe('planItems', () => {
  it.each([
    ['no Items: every non-adjustment line, what is left', LINES, null, ['a:2', 'b:1']],
    ['no Items after a partial shipment', [line('a', 'SKU-A', 2, 1), line('b', 'SKU-B', 1, 1)], null, ['a:1']],
    ['by LineItemID', LINES, [item('b', 'ignored', '1')], ['b:1']],
    ['by SKU when LineItemID is missing', LINES, [item(null, 'SKU-A', '2')], ['a:2']],
    ['by SKU when LineItemID is unknown', LINES, [item('zz', 'SKU-B', '1')], ['b:1']],
    ['a missing quantity ships what the line has left', [line('a', 'SKU-A', 3, 1)], [item('a', null, null)], ['a:2']],
    ['a line listed twice is merged', LINES, [item('a', null, '1'), item('a', null, '1')], ['a:2']],
    [
      'one SKU over two lines fills them in order',
      [line('a1', 'X', 1), line('a2', 'X', 2)],
      [item(null, 'X', '3')],
      ['a1:1', 'a2:2'],
    ],
    ['an unknown item is kept without a line', LINES, [item('zz', 'NOPE', '4')], ['?:4']],
    ['a bad quantity skips the item', LINES, [item('a', null, 'two')], []],
  ] as const)('%s', (_what, lines, items, expected) => {
    expect(brief(planItems(lines, items))).toEqual(expected)
  })

  it('notes what does not fit', () => {
    expect(planItems(LINES, [item('a', null, '5')]).notes).toEqual(['item LineItemID "a": 3 more than ordered'])
    expect(planItems(LINES, [item('zz', 'NOPE', '1')])).toMatchObject({
      unknownItems: 1,
      notes: ['item LineItemID "zz" matches no line of the order'],
    })
    expect(planItems([line('a', 'A', 1, 1)], null).notes).toEqual([
      'no Items and nothing left to ship: recorded as a re-shipment',
    ])
  })
})

describe('fulfilmentOf', () => {
  it.each([
    [{}, 'none'],
    [{ a: 1 }, 'partial'],
    [{ a: 2 }, 'partial'],
    [{ a: 2, b: 1 }, 'complete'],
    [{ a: 3, b: 1 }, 'complete'],
  ])('%j → %s (the adjustment line never counts)', (shipped, expected) => {
    expect(fulfilmentOf(LINES, new Map(Object.entries(shipped)))).toBe(expected)
  })
})

describe('dedupeKeyOf', () => {
  const notice = {
    carrier: 'UPS',
    service: null,
    shipDate: '07/18/2018',
    labelCreateDate: null,
    items: null,
  } as ShipNotice
  it('keys by tracking number, ignoring case and spaces', () => {
    expect(dedupeKeyOf(' 1z 999 aa1 ', notice)).toBe('tracking:1Z999AA1')
  })
  it('keys a notice without tracking number by its content', () => {
    const k = dedupeKeyOf('', notice)
    expect(k).toMatch(/^content:/)
    expect(dedupeKeyOf('', { ...notice })).toBe(k)
    expect(dedupeKeyOf('', { ...notice, items: [item('a', null, '1')] })).not.toBe(k)
  })
})

describe('value parsing', () => {
  it.each([
    ['1', 1],
    ['99999', 99999],
    ['0', undefined],
    ['1.5', undefined],
    ['-1', undefined],
    ['100000', undefined],
  ])('parseQuantity(%j) = %j', (raw, expected) => expect(parseQuantity(raw)).toBe(expected))
  it.each([
    ['4.95', 4.95],
    ['12', 12],
    ['0.005', 0.01],
    ['4,95', undefined],
    ['$4', undefined],
  ])('parseMoney(%j) = %j', (raw, expected) => expect(parseMoney(raw)).toBe(expected))
  it.each([
    ['true', true],
    ['False', false],
    ['1', true],
    ['maybe', undefined],
  ])('parseBool(%j) = %j', (raw, expected) => expect(parseBool(raw)).toBe(expected))
  it.each([
    ['12/8/2011', '2011-12-08'],
    ['07/18/2018', '2018-07-18'],
    ['2018-07-18', '2018-07-18'],
    ['02/30/2018', undefined],
  ])('parseShipDate(%j) = %j', (raw, expected) => expect(parseShipDate(raw)).toBe(expected))
})

describe('carrierAndService', () => {
  it.each([
    ['UPS', 'Ground', 'UPS Ground'],
    ['UPS', 'UPS Ground', 'UPS Ground'],
    ['usps', 'USPS Priority Mail', 'USPS Priority Mail'],
    ['FedEx', null, 'FedEx'],
    [null, 'Ground', 'Ground'],
    [' DHL ', '', 'DHL'],
    [null, null, ''],
  ])('%j + %j → %j', (carrier, service, shown) => {
    expect(carrierAndService(carrier, service)).toBe(shown)
  })
})
