// applyShippingDefault: which orders get the operator's default carrier/service, and what ShippingMethod becomes.

import { describe, expect, it } from 'vitest'
import type { OrderInput } from '../../src/domain/order.js'
import { applyShippingDefault } from '../../src/domain/shipping-default.js'

const order = (patch: Partial<OrderInput>) =>
  ({ carrierCode: null, serviceCode: null, requestedShippingService: null, ...patch }) as OrderInput

const pick = (o: OrderInput) => [o.carrierCode, o.serviceCode, o.requestedShippingService]

describe('applyShippingDefault', () => {
  it.each([
    ['nothing named', {}, ['ups', 'Ground', 'UPS Ground']],
    ['only a shipping method', { requestedShippingService: 'Priority Mail' }, ['ups', 'Ground', 'Priority Mail']],
    ['a carrier', { carrierCode: 'fedex' }, ['fedex', null, null]],
    ['a service', { serviceCode: 'usps_priority_mail' }, [null, 'usps_priority_mail', null]],
  ] as const)('%s → %j', (_name, patch, expected) => {
    expect(pick(applyShippingDefault(order(patch), { carrier: 'UPS', service: 'Ground' }))).toEqual(expected)
  })

  it('carrier without service: ShippingMethod is the carrier name', () => {
    expect(pick(applyShippingDefault(order({}), { carrier: 'DHL', service: null }))).toEqual(['dhl', null, 'DHL'])
  })

  it('no default: the order is returned as it is', () => {
    const o = order({})
    expect(applyShippingDefault(o, null)).toBe(o)
  })
})
