// Operator settings and the Sophio API key pair in loadConfig: defaults, normalisation, messages naming the setting.

import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { configFile } from './helpers/config-file.js'

const withFile = (settings: Record<string, unknown>) => loadConfig({ CONFIG_FILE: configFile(settings) })

describe('operator settings', () => {
  it('defaults: no default carrier, pending orders exported, no warehouse map, every country', () => {
    const c = loadConfig({})
    expect(c.defaultShipping).toBeNull()
    expect(c.exportPendingOrders).toBe(true)
    expect(c.warehouses.size).toBe(0)
    expect(c.allowedShipToCountries).toEqual([])
    expect(c.sophioApi).toBeNull()
  })

  it('reads and normalises every setting', () => {
    const c = withFile({
      defaultCarrier: 'usps',
      defaultService: ' Priority Mail ',
      exportPendingOrders: false,
      warehouses: { NJ1: 'New Jersey DC' },
      allowedShipToCountries: ['us', 'PR', 'US'],
    })
    expect(c.defaultShipping).toEqual({ carrier: 'USPS', service: 'Priority Mail' })
    expect(c.exportPendingOrders).toBe(false)
    expect([...c.warehouses]).toEqual([['NJ1', 'New Jersey DC']])
    expect(c.allowedShipToCountries).toEqual(['US', 'PR'])
  })

  it.each(['UPS', 'FedEx', 'USPS', 'DHL'])('accepts carrier %s alone', (carrier) => {
    expect(withFile({ defaultCarrier: carrier }).defaultShipping).toEqual({ carrier, service: null })
  })

  it.each([
    [{ defaultCarrier: 'Royal Mail' }, 'defaultCarrier must be one of UPS, FedEx, USPS, DHL (got "Royal Mail")'],
    [{ defaultCarrier: 1 }, 'defaultCarrier must be one of UPS, FedEx, USPS, DHL'],
    [{ defaultService: 'Ground' }, 'defaultService needs defaultCarrier as well'],
    [{ defaultCarrier: 'UPS', defaultService: '' }, 'defaultService must be the service name'],
    [{ defaultCarrier: 'UPS', defaultService: 'x'.repeat(101) }, 'defaultService must be the service name'],
    [{ exportPendingOrders: 'no' }, 'exportPendingOrders must be true or false (got "no")'],
    [{ warehouses: ['NJ1'] }, 'warehouses must be an object of Sophio warehouse code → ShipStation warehouse name'],
    [{ warehouses: { NJ1: '' } }, 'warehouses: code "NJ1" maps to ""; use the ShipStation warehouse name'],
    [{ warehouses: { NJ1: 7 } }, 'warehouses: code "NJ1" maps to 7'],
    [{ allowedShipToCountries: 'US' }, 'allowedShipToCountries must be an array of 2-letter ISO 3166-1 country codes'],
    [{ allowedShipToCountries: ['USA'] }, 'allowedShipToCountries: "USA" is not a 2-letter ISO 3166-1 country code'],
  ])('%j → %s', (settings, message) => {
    expect(() => withFile(settings)).toThrow(ConfigError)
    expect(() => withFile(settings)).toThrow(message)
  })

  it('lists the new settings among the known ones', () => {
    expect(() => withFile({ defaultCarier: 'UPS' })).toThrow(/defaultCarrier, defaultService, exportPendingOrders/)
  })
})

describe('SOPHIO_API_KEY / SOPHIO_API_SECRET', () => {
  it('are read as a pair', () => {
    const c = loadConfig({ SOPHIO_API_KEY: 'seller-1', SOPHIO_API_SECRET: 'a-long-enough-secret' })
    expect(c.sophioApi).toEqual({ username: 'seller-1', password: 'a-long-enough-secret' })
  })

  it.each([
    [{ SOPHIO_API_KEY: 'seller-1' }, 'SOPHIO_API_KEY and SOPHIO_API_SECRET must be set together'],
    [{ SOPHIO_API_KEY: 'seller-1', SOPHIO_API_SECRET: 'short' }, 'SOPHIO_API_SECRET must be at least 12 characters'],
    [
      { SOPHIO_API_KEY: 'a:b', SOPHIO_API_SECRET: 'a-long-enough-secret' },
      'SOPHIO_API_KEY must be 1 to 100 characters without ":"',
    ],
  ])('%j → %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })
})
