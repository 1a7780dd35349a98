// The operator's default carrier/service, given at intake to orders that arrive without one.

import type { OrderInput } from './order.js'
import { carrierAndService } from './shipment.js'

export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'DHL'] as const
export type Carrier = (typeof CARRIERS)[number]

export interface ShippingDefault {
  carrier: Carrier
  /** The service as ShipStation names it (e.g. "Ground"); null = carrier only. */
  service: string | null
}

/**
 * Fills carrier and service when the order names neither (an order that names one chose it: left alone).
 * The Custom Store XML has no carrier element, only `ShippingMethod` (from `requestedShippingService`), so an
 * empty one becomes "UPS Ground" — that is what ShipStation's service mapping and automation rules see.
 */
export function applyShippingDefault(order: OrderInput, fallback: ShippingDefault | null): OrderInput {
  if (!fallback || order.carrierCode || order.serviceCode) return order
  const method = carrierAndService(fallback.carrier, fallback.service)
  return {
    ...order,
    carrierCode: fallback.carrier.toLowerCase(),
    serviceCode: fallback.service,
    requestedShippingService: order.requestedShippingService ?? method,
  }
}
