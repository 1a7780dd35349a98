// TRUST_PROXY: off by default, a hop count or a list of addresses/CIDRs, and a message naming it when wrong.

import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('TRUST_PROXY', () => {
  it.each([[{}], [{ TRUST_PROXY: '' }], [{ TRUST_PROXY: ' ' }], [{ TRUST_PROXY: '0' }], [{ TRUST_PROXY: 'false' }]])(
    '%j → off: the socket peer is the client',
    (env) => {
      expect(loadConfig(env).trustProxy).toBeNull()
    },
  )

  it.each([
    ['1', { hops: 1 }],
    [' 2 ', { hops: 2 }],
    ['10', { hops: 10 }],
    ['127.0.0.1', { addresses: ['127.0.0.1'] }],
    ['10.0.0.0/8, ::1', { addresses: ['10.0.0.0/8', '::1'] }],
    ['192.168.1.10,fd00::/8', { addresses: ['192.168.1.10', 'fd00::/8'] }],
    ['Loopback, uniquelocal', { addresses: ['loopback', 'uniquelocal'] }],
    ['0.0.0.0/0', { addresses: ['0.0.0.0/0'] }],
  ])('"%s" → %j', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected)
  })

  it.each([
    ['11', 'TRUST_PROXY must be a hop count from 1 to 10'],
    ['true', 'would trust every address'],
    ['*', 'would trust every address'],
    ['proxy.example.com', 'TRUST_PROXY: "proxy.example.com" is not an IP address or CIDR'],
    ['127.0.0.1,', 'TRUST_PROXY: "" is not an IP address or CIDR'],
    ['10.0.0.0/33', '"10.0.0.0/33" is not an IP address or CIDR'],
    ['::1/129', '"::1/129" is not an IP address or CIDR'],
    ['10.0.0.0/8/8', '"10.0.0.0/8/8" is not an IP address or CIDR'],
    ['10.0.0.0/x', '"10.0.0.0/x" is not an IP address or CIDR'],
    ['-1', '"-1" is not an IP address or CIDR'],
  ])('"%s" is refused: %s', (value, message) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError)
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(message)
  })
})
