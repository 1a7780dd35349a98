// deploy/ files agree with each other and with the service: unit + env file make a valid configuration, nginx's
// upstream, body limit and timeouts match what the service listens on, accepts and needs.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Config, ConfigError, loadConfig } from '../../src/config.js'
import { NOTICE_MAX_BYTES } from '../../src/shipstation/notice-body.js'
import { makeApp } from '../helpers/app.js'

const read = (path: string) => readFileSync(new URL(`../../deploy/${path}`, import.meta.url), 'utf8')
const UNIT = read('sophio-shipstation.service')
const ENV_EXAMPLE = read('env.example')
const SITE = read('nginx/sophio-shipstation.conf')

/** `[Service]` settings of a unit file, every value of a repeated key in order. */
function serviceSettings(unit: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  let section = ''
  for (const raw of unit.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    if (line.startsWith('[')) section = line
    else if (section === '[Service]') {
      const at = line.indexOf('=')
      const key = line.slice(0, at)
      out.set(key, [...(out.get(key) ?? []), line.slice(at + 1)])
    }
  }
  return out
}

/** KEY=value lines, as systemd reads Environment= (space-separated pairs) and EnvironmentFile= (one a line). */
function environment(unitEnvironment: string[], file: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const value of unitEnvironment) {
    for (const pair of value.split(' ')) env[pair.slice(0, pair.indexOf('='))] = pair.slice(pair.indexOf('=') + 1)
  }
  for (const line of file.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue
    env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
  }
  return env
}

/** The value of an nginx directive (the first, or the one inside `block`). */
function directive(name: string, block = SITE): string {
  const m = new RegExp(`^\\s*${name}\\s+([^;]+);`, 'm').exec(block)
  if (!m?.[1]) throw new Error(`deploy/nginx/sophio-shipstation.conf has no ${name}`)
  return m[1].trim()
}

const seconds = (v: string) => Number(/^(\d+)s?$/.exec(v)?.[1] ?? NaN)
const service = serviceSettings(UNIT)
const one = (key: string) => {
  const values = service.get(key)
  expect(values, key).toHaveLength(1)
  return values?.[0]
}

describe('deploy/sophio-shipstation.service', () => {
  it('runs the built server as its own user, with a private state folder and private files', () => {
    expect(one('ExecStart')).toBe('/usr/bin/node /opt/sophio-shipstation/dist/server.js')
    expect(one('User')).toBe('sophio-shipstation')
    expect(one('StateDirectory')).toBe('sophio-shipstation')
    expect(one('StateDirectoryMode')).toBe('0700')
    expect(one('UMask')).toBe('0077')
    expect(one('EnvironmentFile')).toBe('-/etc/sophio-shipstation/env')
  })

  it('restarts on failure, but not after a configuration refusal (exit 2)', () => {
    expect(one('Restart')).toBe('on-failure')
    expect(one('RestartPreventExitStatus')).toBe('2')
  })

  it('hardening that cannot be scored: no new privileges, and W+X memory left to V8', () => {
    expect(one('NoNewPrivileges')).toBe('yes')
    expect(one('MemoryDenyWriteExecute')).toBe('no')
    expect(one('CapabilityBoundingSet')).toBe('')
  })
})

describe('deploy/env.example with the unit: the configuration the service starts with', () => {
  const installed = (file: string) => loadConfig(environment(service.get('Environment') ?? [], file), '/')

  it('as shipped, a placeholder stops the service with a message naming the variable', () => {
    expect(() => installed(ENV_EXAMPLE)).toThrow(ConfigError)
    expect(() => installed(ENV_EXAMPLE)).toThrow(/^(SHIPSTATION_PASSWORD|SOPHIO_API_SECRET|OPS_PASSWORD) must be/)
  })

  it('filled in: database in the state folder, loopback only, nginx trusted for the client address', () => {
    let config: Readonly<Config> | undefined
    expect(() => {
      config = installed(ENV_EXAMPLE.replaceAll('=change-me', '=0123456789abcdef0123456789abcdef'))
    }).not.toThrow()
    expect(config).toMatchObject({
      databasePath: '/var/lib/sophio-shipstation/sophio-shipstation.db',
      host: '127.0.0.1',
      port: 8080,
      publicUrl: 'https://connector.example.com/shipstation',
      trustProxy: { addresses: ['127.0.0.1'] },
    })
  })
})

describe('deploy/nginx/sophio-shipstation.conf agrees with the service', () => {
  it('its upstream is where the unit makes the service listen', () => {
    const env = environment(service.get('Environment') ?? [], '')
    const upstream = /^upstream sophio_shipstation \{([^}]*)\}/m.exec(SITE)?.[1] ?? ''
    expect(directive('server', upstream)).toBe(`${env.HOST}:${env.PORT}`)
    expect(directive('proxy_pass')).toBe('http://sophio_shipstation')
  })

  it("its body limit is the service's hard limit (2 × the notice limit): the service's own 413 answers below", () => {
    const [, n, unit] = /^(\d+)([km]?)$/.exec(directive('client_max_body_size')) ?? []
    expect(Number(n) * (unit === 'm' ? 1024 * 1024 : unit === 'k' ? 1024 : 1)).toBe(2 * NOTICE_MAX_BYTES)
  })

  it('timeouts: at most 90 s for an answer; systemd waits at least that long for the drain on stop', () => {
    const read = seconds(directive('proxy_read_timeout'))
    expect(read).toBeLessThanOrEqual(90)
    expect(seconds(directive('proxy_send_timeout'))).toBeLessThanOrEqual(90)
    expect(seconds(one('TimeoutStopSec') ?? '')).toBeGreaterThanOrEqual(read)
  })

  it("reused upstream connections are dropped before the service's own keep-alive timeout would drop them", async () => {
    const t = await makeApp()
    expect(seconds(directive('keepalive_timeout')) * 1000).toBeLessThan(t.app.server.keepAliveTimeout)
  })
})
