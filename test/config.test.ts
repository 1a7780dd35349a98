// Settings: defaults, and a message naming the setting for every invalid value.

import { writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config.js'
import { DEFAULT_STATUS_MAP } from '../src/domain/status.js'
import { configFile } from './helpers/config-file.js'

describe('loadConfig', () => {
  it('has safe defaults', () => {
    const c = loadConfig({}, '/srv/app')
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databasePath: '/srv/app/data/sophio-shipstation.db',
      publicUrl: 'http://127.0.0.1:8080/shipstation',
      logLevel: 'info',
      shipstation: null,
      statusMode: 'mapped',
      pageSize: 100,
      shippedCode: 'S',
    })
    expect(c.statusMap.size).toBe(16)
    expect(c.warnings).toEqual([])
    expect(Object.isFrozen(c)).toBe(true)
  })

  it('statusMap merges over the default map: the README example keeps K, W, F, C, U… mapped', () => {
    const example = { P: 'awaiting_shipment', S: 'shipped', 9: 'cancelled', 1: 'awaiting_payment', X: 'on_hold' }
    const c = loadConfig({ CONFIG_FILE: configFile({ statusMap: example }) })
    expect(Object.fromEntries(c.statusMap)).toEqual({ ...Object.fromEntries(DEFAULT_STATUS_MAP), X: 'on_hold' })
    expect(c.warnings).toEqual([])
  })

  it('null unmaps a default code, "replace" makes statusMap the whole map; each unmapped default code is a warning', () => {
    const merged = loadConfig({ CONFIG_FILE: configFile({ statusMap: { K: null, W: 'on_hold' } }) })
    expect(merged.statusMap.has('K')).toBe(false)
    expect(merged.statusMap.get('W')).toBe('on_hold')
    expect(merged.warnings).toEqual([
      'Sophio code "K" maps to no ShipStation status: orders with it are exported but ShipStation will not list them (statusMap)',
    ])
    const replaced = loadConfig({
      CONFIG_FILE: configFile({ statusMapMode: 'replace', statusMap: { P: 'awaiting_shipment', S: 'shipped' } }),
    })
    expect([...replaced.statusMap.keys()]).toEqual(['P', 'S'])
    expect(replaced.warnings).toHaveLength(14)
    expect(() => loadConfig({ CONFIG_FILE: configFile({ statusMapMode: 'replace', statusMap: { K: null } }) })).toThrow(
      'statusMap: code "K" maps to null',
    )
  })

  it('a code that differs from a known one only by letter case is a warning', () => {
    const c = loadConfig({ CONFIG_FILE: configFile({ statusMap: { p: 'awaiting_shipment', x: 'on_hold', X: 'on_hold' } }) })
    expect(c.warnings).toEqual([
      'statusMap: "p" is not "P": Sophio codes are case-sensitive',
      'statusMap: "X" is not "x": Sophio codes are case-sensitive',
    ])
  })

  it('PUBLIC_URL may be the bare origin', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://ss.example.com' }).publicUrl).toBe('https://ss.example.com/shipstation')
    expect(loadConfig({ PUBLIC_URL: 'https://ss.example.com/shipstation/' }).publicUrl).toBe(
      'https://ss.example.com/shipstation',
    )
  })

  it.each([
    [{ PORT: 'http' }, 'PORT must be a whole number'],
    [{ PORT: '70000' }, 'PORT must be a whole number'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of'],
    [{ PUBLIC_URL: 'example.com' }, 'PUBLIC_URL must be an absolute URL'],
    [{ PUBLIC_URL: 'ftp://example.com' }, 'PUBLIC_URL must start with https://'],
    [{ SHIPSTATION_USERNAME: 'u' }, 'SHIPSTATION_USERNAME and SHIPSTATION_PASSWORD must be set together'],
    [{ SHIPSTATION_USERNAME: 'u', SHIPSTATION_PASSWORD: 'short' }, 'at least 12 characters'],
    [{ CONFIG_FILE: '/nonexistent/config.json' }, 'CONFIG_FILE /nonexistent/config.json cannot be read'],
  ])('%j → %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it.each([
    [{ statusMode: 'codes' }, 'statusMode must be "mapped" or "raw"'],
    [{ pageSize: 0 }, 'pageSize must be a whole number from 1 to 500'],
    [{ pageSize: '100' }, 'pageSize must be a whole number'],
    [{ statusMap: { P: 'ready' } }, 'statusMap: code "P" maps to "ready"'],
    [{ statusMap: { 'P P': 'shipped' } }, 'is not a Sophio code'],
    [{ statusMap: [] }, 'statusMap must be'],
    [{ shippedCode: 'P' }, 'shippedCode "P" must map to "shipped"'],
    [{ pagesize: 10 }, 'unknown setting "pagesize"'],
  ])('config file %j → %s', (settings, message) => {
    expect(() => loadConfig({ CONFIG_FILE: configFile(settings) })).toThrow(message)
  })

  it('a config file that is not JSON names the file, the line and the column', () => {
    const path = configFile({})
    writeFileSync(path, '{\n  "pageSize": 50\n  "shippedCode": "S"\n}')
    expect(() => loadConfig({ CONFIG_FILE: path })).toThrow(
      `CONFIG_FILE ${path} is not valid JSON: line 3, column 3: expected "," or "}" after a property value`,
    )
  })
})
