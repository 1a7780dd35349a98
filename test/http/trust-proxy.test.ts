// TRUST_PROXY through the real app: which address the request log and the failed-login throttle see.

import { describe, expect, it } from 'vitest'
import { LOGIN_THROTTLE_DEFAULTS } from '../../src/services/login-throttle.js'
import { makeApp, SS_USER, type TestApp } from '../helpers/app.js'

const WINDOW = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
const WRONG = `Basic ${Buffer.from(`${SS_USER}:not-the-password`).toString('base64')}`

/** One request from `peer` (the socket's address) carrying `forwarded` as X-Forwarded-For; the address the log saw. */
async function seenAddress(t: TestApp, peer: string, forwarded?: string): Promise<unknown> {
  const headers: Record<string, string> = forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }
  const before = t.logs.length
  const res = await t.app.inject({ url: '/healthz', headers, remoteAddress: peer })
  expect(res.statusCode).toBe(200)
  const lines = t.logs.slice(before).filter((l) => l.msg === 'request')
  expect(lines).toHaveLength(1)
  return lines[0]?.remoteAddress
}

describe('TRUST_PROXY: the client address in the request log', () => {
  it.each([
    // Off (the default): a forged header is ignored, whoever sends it.
    [undefined, '127.0.0.1', '203.0.113.7', '127.0.0.1'],
    [undefined, '198.51.100.9', '203.0.113.7, 10.0.0.1', '198.51.100.9'],
    // A hop count: that many proxies in front, counted back from the socket's peer.
    ['1', '127.0.0.1', '203.0.113.7', '203.0.113.7'],
    ['1', '127.0.0.1', '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['2', '127.0.0.1', '6.6.6.6, 203.0.113.7', '6.6.6.6'],
    ['1', '127.0.0.1', undefined, '127.0.0.1'],
    // Addresses: only those peers are believed, and only as far back as the chain stays trusted.
    ['127.0.0.1', '127.0.0.1', '6.6.6.6, 203.0.113.7', '203.0.113.7'],
    ['127.0.0.1', '198.51.100.9', '203.0.113.7', '198.51.100.9'],
    ['10.0.0.0/8', '10.0.0.5', '6.6.6.6, 203.0.113.7, 10.1.2.3', '203.0.113.7'],
    ['10.0.0.0/8, 127.0.0.1', '127.0.0.1', '203.0.113.7, 10.1.2.3', '203.0.113.7'],
    ['::1', '::1', '2001:db8::7', '2001:db8::7'],
    ['loopback', '127.0.0.1', '203.0.113.7', '203.0.113.7'],
  ])('TRUST_PROXY=%s, peer %s, X-Forwarded-For %s → %s', async (trust, peer, forwarded, expected) => {
    const t = await makeApp({ env: trust === undefined ? {} : { TRUST_PROXY: trust } })
    expect(await seenAddress(t, peer, forwarded)).toBe(expected)
  })
})

describe('TRUST_PROXY: the failed-login throttle counts the client, not the proxy', () => {
  const attempt = (t: TestApp, client: string) =>
    t.app.inject({
      url: `/shipstation?action=export&${WINDOW}`,
      headers: { authorization: WRONG, 'x-forwarded-for': client },
      remoteAddress: '127.0.0.1',
    })

  async function tripFor(t: TestApp, client: string): Promise<number> {
    for (let i = 0; i < LOGIN_THROTTLE_DEFAULTS.maxFailures; i++) {
      expect((await attempt(t, client)).statusCode).toBe(401)
    }
    return (await attempt(t, client)).statusCode
  }

  it('behind a trusted proxy one client tripping the throttle leaves another client through the same proxy alone', async () => {
    const t = await makeApp({ env: { TRUST_PROXY: '127.0.0.1' } })
    expect(await tripFor(t, '203.0.113.7')).toBe(429)
    expect((await attempt(t, '198.51.100.1')).statusCode).toBe(401)
    const warning = t.logs.find((l) => String(l.msg).startsWith('repeated failed logins'))
    expect(warning?.ip).toBe('203.0.113.7')
  })

  it('off, every client behind the proxy is the proxy: one trips the throttle for all', async () => {
    const t = await makeApp()
    expect(await tripFor(t, '203.0.113.7')).toBe(429)
    expect((await attempt(t, '198.51.100.1')).statusCode).toBe(429)
  })
})
