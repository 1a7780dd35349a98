// Timeout settings: defaults none above 90 s, and a message naming the variable for every invalid value.

import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'

describe('timeouts', () => {
  it('defaults: request 60 s, headers 30 s, keep-alive 72 s, shutdown drain 10 s', () => {
    expect(loadConfig({}).timeouts).toEqual({ requestMs: 60_000, headersMs: 30_000, keepAliveMs: 72_000, drainMs: 10_000 })
  })

  it('reads each from its variable', () => {
    const env = { REQUEST_TIMEOUT_MS: '5000', HEADERS_TIMEOUT_MS: '2000', KEEP_ALIVE_TIMEOUT_MS: '3000', SHUTDOWN_DRAIN_MS: '100' }
    expect(loadConfig(env).timeouts).toEqual({ requestMs: 5000, headersMs: 2000, keepAliveMs: 3000, drainMs: 100 })
  })

  it.each([
    [{ REQUEST_TIMEOUT_MS: '90001' }, 'REQUEST_TIMEOUT_MS must be a whole number of milliseconds from 100 to 90000'],
    [{ KEEP_ALIVE_TIMEOUT_MS: '0' }, 'KEEP_ALIVE_TIMEOUT_MS must be a whole number'],
    [{ SHUTDOWN_DRAIN_MS: '1.5' }, 'SHUTDOWN_DRAIN_MS must be a whole number'],
    [{ HEADERS_TIMEOUT_MS: 'soon' }, 'HEADERS_TIMEOUT_MS must be a whole number'],
    [{ REQUEST_TIMEOUT_MS: '10000', HEADERS_TIMEOUT_MS: '20000' }, 'HEADERS_TIMEOUT_MS (20000) must not exceed REQUEST_TIMEOUT_MS'],
  ])('%o → %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})
