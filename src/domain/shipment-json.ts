// A recorded shipment as JSON: one presentation, of which the seller's API and the operators' view each show a part.

import { toIso } from './dates.js'
import type { Shipment } from './shipment.js'

/** Every field either audience is shown, in the order both show them. */
export function shipmentJson(s: Shipment) {
  return {
    id: s.id,
    noticeId: s.noticeId,
    trackingNumber: s.trackingNumber,
    carrier: s.carrier,
    service: s.service,
    carrierFee: s.carrierFee,
    shipDate: s.shipDate,
    labelCreateDate: s.labelCreatedAt === null ? null : toIso(s.labelCreatedAt),
    notesToBuyer: s.notesToCustomer,
    // ShipNotice's NotifyCustomer is "please notify": false means ShipStation already emailed the buyer.
    buyerNotifiedByShipStation: s.notifyCustomer === null ? null : !s.notifyCustomer,
    recordedAt: toIso(s.createdAt),
    items: s.items.map((i) => ({ lineItemKey: i.lineItemKey, sku: i.sku, name: i.name, quantity: i.quantity })),
  }
}

/** What a seller's site shows: tracking, carrier, service, fee, dates, the note to the buyer, the lines shipped. */
export function sellerShipmentJson(s: Shipment) {
  const { id: _id, noticeId: _noticeId, ...seller } = shipmentJson(s)
  return seller
}

/** What operators see on an order: the shipment and the journal notice it came from; the rest is on the notice. */
export function opsShipmentJson(s: Shipment) {
  const {
    carrierFee: _carrierFee,
    labelCreateDate: _labelCreateDate,
    notesToBuyer: _notesToBuyer,
    buyerNotifiedByShipStation: _buyerNotified,
    items,
    ...ops
  } = shipmentJson(s)
  return { ...ops, items: items.map(({ name: _name, ...item }) => item) }
}
