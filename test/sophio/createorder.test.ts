// createorder JSON → domain order: the seed as-is, key spelling, status mapping, and every rule's message.

import { describe, expect, it } from 'vitest'
import { DEFAULT_STATUS_MAP } from '../../src/domain/status.js'
import { parseCreateOrder } from '../../src/sophio/createorder.js'
import { seedOrder } from '../helpers/orders.js'

const parse = (body: unknown, allowedCountries: string[] = []) =>
  parseCreateOrder(body, { statusMap: DEFAULT_STATUS_MAP, allowedCountries })

function errorsOf(body: unknown, allowed: string[] = []) {
  const r = parse(body, allowed)
  if (r.ok) throw new Error('expected the order to be rejected')
  return r.errors
}

describe('the seed sample request', () => {
  it('is accepted unchanged, with the 4-digit postal code as a warning', () => {
    const r = parse(seedOrder())
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.warnings).toEqual([{ path: 'shipTo.postalCode', message: expect.stringContaining('0752') }])
    const o = r.order
    expect(o).toMatchObject({
      orderNumber: '296594',
      orderKey: '322759-106515',
      orderDate: Date.UTC(2018, 6, 17, 12, 8, 6),
      statusCode: 'P',
      customerId: '225846',
      customerEmail: 'buyer@gmail.com',
      shippingAmount: 9.25,
      amountPaid: 66.63,
      orderTotal: 71.63,
      paymentMethod: 'Credit Card',
      requestedShippingService: 'Priority Mail',
      carrierCode: 'ups',
      serviceCode: 'ups_ground',
      weight: 2.07,
      weightUnits: 'Pounds',
      // From "AdvancedOptions" (capital A in Sophio's sample).
      source: '400402',
      customField1: '153102358691-1749930787005',
      customField2: '296594',
      warehouseId: null,
    })
    expect(o.shipTo).toMatchObject({ postalCode: '0752', street1: '185 Airport Exchange Blvd', company: null })
    expect(o.lines).toHaveLength(2)
    expect(o.lines[0]).toMatchObject({
      lineItemKey: '222637',
      sku: 'VIC-OS32372',
      weight: 0.37,
      weightUnits: 'Pounds',
      quantity: 2,
      unitPrice: 7.46,
      location: 'Bin',
      productId: '222637',
      options: [{ name: 'size', value: '', weight: null }],
    })
  })
})

describe('status', () => {
  it.each([
    ['awaiting_payment', '1'],
    ['awaiting_shipment', 'P'],
    ['shipped', 'S'],
    ['cancelled', '9'],
    ['on_hold', 'H'],
    ['K', 'K'],
  ])('orderStatus %s → code %s', (orderStatus, code) => {
    const r = parse({ ...seedOrder(), orderStatus })
    expect(r.ok && r.order.statusCode).toBe(code)
  })

  it('an explicit sophioStatus wins over orderStatus', () => {
    const r = parse({ ...seedOrder(), orderStatus: 'awaiting_shipment', sophioStatus: 'W' })
    expect(r.ok && r.order.statusCode).toBe('W')
  })

  it('a custom code outside the map is accepted with a warning', () => {
    const r = parse({ ...seedOrder(), sophioStatus: 'X' })
    expect(r.ok).toBe(true)
    expect(r.warnings.map((w) => w.path)).toContain('sophioStatus')
  })
})

describe('keys are matched case-insensitively, numbers may be strings', () => {
  it('accepts ORDERNUMBER, ShipTo and numeric strings', () => {
    const s = seedOrder()
    const body = { ...s, ORDERNUMBER: 'X1', orderNumber: undefined, ShipTo: s.shipTo, shipTo: undefined }
    const items = (s.items as Record<string, unknown>[]).map((i) => ({ ...i, quantity: '3', unitPrice: '1.005' }))
    const r = parse({ ...body, items })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.order.orderNumber).toBe('X1')
    expect(r.order.lines[0]).toMatchObject({ quantity: 3, unitPrice: 1.01 })
  })

  it('treats __proto__ and constructor as plain unknown keys', () => {
    const body = JSON.parse(JSON.stringify(seedOrder()).replace('{', '{"__proto__":{"polluted":1},"constructor":1,'))
    const r = parse(body)
    expect(r.ok).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('every rule fails with a path and a reason', () => {
  const s = seedOrder
  const item = (patch: Record<string, unknown>) => ({ ...s(), items: [{ ...(s().items as object[])[0], ...patch }] })
  it.each([
    ['not an object', [], '$', 'JSON object'],
    ['missing orderNumber', { ...s(), orderNumber: undefined }, 'orderNumber', 'required'],
    ['orderNumber over 50', { ...s(), orderNumber: 'n'.repeat(51) }, 'orderNumber', 'at most 50'],
    ['missing orderDate', { ...s(), orderDate: undefined }, 'orderDate', 'required'],
    ['orderDate not a date', { ...s(), orderDate: 'last tuesday' }, 'orderDate', 'not a date'],
    ['orderDate year 0', { ...s(), orderDate: '0000-01-01T00:00:00' }, 'orderDate', 'not a date'],
    ['unknown orderStatus', { ...s(), orderStatus: 'lost' }, 'orderStatus', 'unknown status'],
    ['missing shipTo', { ...s(), shipTo: undefined }, 'shipTo', 'Ship To'],
    ['shipTo not an object', { ...s(), shipTo: 'here' }, 'shipTo', 'must be an object'],
    ['shipTo without name', { ...s(), shipTo: { ...(s().shipTo as object), name: '' } }, 'shipTo.name', 'required'],
    [
      'shipTo without street',
      { ...s(), shipTo: { ...(s().shipTo as object), street1: null } },
      'shipTo.street1',
      'required',
    ],
    ['shipTo without city', { ...s(), shipTo: { ...(s().shipTo as object), city: ' ' } }, 'shipTo.city', 'required'],
    [
      'shipTo without country',
      { ...s(), shipTo: { ...(s().shipTo as object), country: undefined } },
      'shipTo.country',
      'required',
    ],
    [
      'shipTo country of 3 letters',
      { ...s(), shipTo: { ...(s().shipTo as object), country: 'USA' } },
      'shipTo.country',
      '2-letter ISO 3166-1',
    ],
    [
      'US address without state',
      { ...s(), shipTo: { ...(s().shipTo as object), state: '' } },
      'shipTo.state',
      'required for US',
    ],
    ['no items', { ...s(), items: [] }, 'items', 'at least one line'],
    ['items not an array', { ...s(), items: {} }, 'items', 'at least one line'],
    ['line without sku', item({ sku: '' }), 'items[0].sku', 'required'],
    ['line without name', item({ name: undefined }), 'items[0].name', 'required'],
    ['quantity 0', item({ quantity: 0 }), 'items[0].quantity', 'between 1 and 99999'],
    ['quantity 1e9', item({ quantity: 1e9 }), 'items[0].quantity', 'between 1 and 99999'],
    ['quantity 1.5', item({ quantity: 1.5 }), 'items[0].quantity', 'whole number'],
    ['missing price', item({ unitPrice: undefined }), 'items[0].unitPrice', 'required'],
    ['negative price', item({ unitPrice: -1 }), 'items[0].unitPrice', 'between 0'],
    ['NaN price', item({ unitPrice: 'NaN' }), 'items[0].unitPrice', 'must be a number'],
    ['unknown weight unit', item({ weight: { value: 1, units: 'stone' } }), 'items[0].weight.units', 'unknown unit'],
    ['price as object', item({ unitPrice: { v: 1 } }), 'items[0].unitPrice', 'must be a number'],
    ['currency not ISO', { ...s(), currencyCode: 'usd' }, 'currencyCode', 'ISO 4217'],
  ])('%s', (_label, body, path, message) => {
    const errors = errorsOf(body)
    expect(errors).toContainEqual({ path, message: expect.stringContaining(message) })
  })

  it('reports every failing field at once', () => {
    const errors = errorsOf({ ...seedOrder(), orderNumber: '', orderDate: 'x', items: [{ quantity: 0 }] })
    expect(errors.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'orderNumber',
        'orderDate',
        'items[0].sku',
        'items[0].name',
        'items[0].quantity',
        'items[0].unitPrice',
      ]),
    )
  })

  it('an adjustment line may have no SKU and a negative price', () => {
    const body = {
      ...seedOrder(),
      items: [...(seedOrder().items as object[]), { name: 'Coupon', quantity: 1, unitPrice: -5, adjustment: true }],
    }
    const r = parse(body)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.order.lines[2]).toMatchObject({ sku: '', unitPrice: -5, adjustment: true, lineItemKey: '3' })
  })

  it('drops characters XML cannot carry, with a warning; a value made only of them is missing', () => {
    const r = parse({ ...seedOrder(), customerNotes: 'ring\u0007 twice\u0000' })
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.order.customerNotes).toBe('ring twice')
    expect(r.warnings).toContainEqual({ path: 'customerNotes', message: expect.stringContaining('control characters') })
    expect(errorsOf({ ...seedOrder(), orderNumber: '\u0001\u0002' })).toContainEqual({
      path: 'orderNumber',
      message: 'is required (it held only control characters)',
    })
  })

  it('rejects a ship-to country outside the allowed list', () => {
    const errors = errorsOf(
      { ...seedOrder(), shipTo: { ...(seedOrder().shipTo as object), country: 'CA', state: 'ON' } },
      ['US'],
    )
    expect(errors).toEqual([{ path: 'shipTo.country', message: expect.stringContaining('ships only to US') }])
  })
})
