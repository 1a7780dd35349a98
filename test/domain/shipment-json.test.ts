// A shipment as JSON: the seller's part and the operators' part of the one presentation, field by field and in order.

import { describe, expect, it } from 'vitest'
import type { Shipment } from '../../src/domain/shipment.js'
import { opsShipmentJson, sellerShipmentJson } from '../../src/domain/shipment-json.js'

const SHIPMENT: Shipment = {
  id: 7,
  orderId: 3,
  noticeId: 11,
  trackingNumber: '1Z909084330298430820',
  dedupeKey: '1Z909084330298430820',
  carrier: 'UPS',
  service: 'Ground',
  carrierFee: 8.25,
  shipDate: '2024-03-02',
  labelCreatedAt: Date.UTC(2024, 2, 1, 14, 30),
  notesToCustomer: 'Thanks!',
  internalNotes: 'fragile',
  notifyCustomer: false,
  customField1: null,
  customField2: null,
  customField3: null,
  recipient: null,
  items: [
    { lineItemKey: 'L1', sku: 'ABC', name: 'Brake pad', quantity: 2 },
    { lineItemKey: null, sku: 'ZZZ', name: null, quantity: 1 },
  ],
  createdAt: Date.UTC(2024, 2, 2, 9, 0),
}

describe('shipment JSON', () => {
  it("the seller's: tracking, carrier, service, fee, dates, the buyer's note, the lines shipped; no journal ids", () => {
    const json = sellerShipmentJson(SHIPMENT)
    expect(json).toStrictEqual({
      trackingNumber: '1Z909084330298430820',
      carrier: 'UPS',
      service: 'Ground',
      carrierFee: 8.25,
      shipDate: '2024-03-02',
      labelCreateDate: '2024-03-01T14:30:00.000Z',
      notesToBuyer: 'Thanks!',
      buyerNotifiedByShipStation: true,
      recordedAt: '2024-03-02T09:00:00.000Z',
      items: [
        { lineItemKey: 'L1', sku: 'ABC', name: 'Brake pad', quantity: 2 },
        { lineItemKey: null, sku: 'ZZZ', name: null, quantity: 1 },
      ],
    })
    expect(Object.keys(json)).toEqual([
      'trackingNumber',
      'carrier',
      'service',
      'carrierFee',
      'shipDate',
      'labelCreateDate',
      'notesToBuyer',
      'buyerNotifiedByShipStation',
      'recordedAt',
      'items',
    ])
  })

  it.each([
    [true, false],
    [false, true],
    [null, null],
  ])('NotifyCustomer %j: buyerNotifiedByShipStation %j', (notifyCustomer, notified) => {
    expect(sellerShipmentJson({ ...SHIPMENT, notifyCustomer }).buyerNotifiedByShipStation).toBe(notified)
  })

  it('no label date: null', () => {
    expect(sellerShipmentJson({ ...SHIPMENT, labelCreatedAt: null }).labelCreateDate).toBeNull()
  })

  it("the operators': the shipment and its notice, the lines without names", () => {
    const json = opsShipmentJson(SHIPMENT)
    expect(json).toStrictEqual({
      id: 7,
      noticeId: 11,
      trackingNumber: '1Z909084330298430820',
      carrier: 'UPS',
      service: 'Ground',
      shipDate: '2024-03-02',
      recordedAt: '2024-03-02T09:00:00.000Z',
      items: [
        { lineItemKey: 'L1', sku: 'ABC', quantity: 2 },
        { lineItemKey: null, sku: 'ZZZ', quantity: 1 },
      ],
    })
    expect(Object.keys(json)).toEqual(['id', 'noticeId', 'trackingNumber', 'carrier', 'service', 'shipDate', 'recordedAt', 'items'])
    expect(Object.keys(json.items[0] ?? {})).toEqual(['lineItemKey', 'sku', 'quantity'])
  })
})
