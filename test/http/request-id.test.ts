// Request ids: UUIDv7, unique across instances (a restart is a new instance); a client's X-Request-Id is kept
// only when it is at most 128 characters of [A-Za-z0-9._:-].

import { describe, expect, it } from 'vitest'
import { uuidv7 } from '../../src/http/request-id.js'
import { makeApp, type TestApp } from '../helpers/app.js'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** The request id of each completed request, from its log line. */
const loggedIds = (t: TestApp) => t.logs.filter((l) => l.msg === 'request').map((l) => String(l.reqId))

describe('uuidv7', () => {
  it.each([0, 1, 1_700_000_000_123, 2 ** 48 - 1])('carries the milliseconds %d in its first 48 bits', (ms) => {
    const id = uuidv7(ms)
    expect(id).toMatch(UUID_V7)
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms)
  })

  it('sorts by time, and two made in the same millisecond differ', () => {
    expect(uuidv7(1_000) < uuidv7(1_001)).toBe(true)
    const same = new Set(Array.from({ length: 1000 }, () => uuidv7(5)))
    expect(same.size).toBe(1000)
  })
})

describe('request ids', () => {
  it('are UUIDv7, in log lines and error bodies alike, and never repeat across two instances', async () => {
    const ids: string[] = []
    for (const _instance of [1, 2]) {
      const t = await makeApp()
      for (let i = 0; i < 10; i++) await t.app.inject({ url: '/healthz' })
      const denied = await t.app.inject({ url: '/api/orders/T1' })
      expect(denied.statusCode).toBe(401)
      const logged = loggedIds(t)
      expect(logged).toHaveLength(11)
      expect(logged).toContain(denied.json().requestId)
      ids.push(...logged)
    }
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(22)
  })

  it.each([
    ['a proxy id', 'proxy-id-42'],
    ['a UUID', '0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['a ULID', '01ARZ3NDEKTSV4RRFFQ69G5FAV'],
    ['host, port and dots', 'edge-7.example:8443_17'],
    ['128 characters', 'a'.repeat(128)],
  ])("a client's X-Request-Id is kept: %s", async (_name, sent) => {
    const t = await makeApp()
    await t.app.inject({ url: '/healthz', headers: { 'x-request-id': sent } })
    expect(loggedIds(t)).toEqual([sent])
  })

  it.each([
    ['129 characters', 'a'.repeat(129)],
    ['empty', ''],
    ['a space', 'proxy id'],
    ['two ids joined', 'id-1, id-2'],
    ['a quote and braces', '{"id":"x"}'],
    ['markup', '<script>'],
    ['a slash and an equals sign', 'Root=1-abc/def'],
    ['a Latin-1 letter', 'caf\u00e9'],
  ])("a client's X-Request-Id is replaced by a UUIDv7: %s", async (_name, sent) => {
    const t = await makeApp()
    await t.app.inject({ url: '/healthz', headers: { 'x-request-id': sent } })
    const [id] = loggedIds(t)
    expect(id).toMatch(UUID_V7)
  })
})
