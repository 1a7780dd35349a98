// The credential check resolves who is calling into req.caller: the role, the username and the store's context.

import { describe, expect, it } from 'vitest'
import type { Caller } from '../../src/http/auth.js'
import { makeApp, OPS_BASIC, OPS_USER, SS_BASIC, SS_USER } from '../helpers/app.js'

describe('req.caller', () => {
  it('is the verified role and username with the store context; null when the request was refused', async () => {
    const t = await makeApp()
    const seen: (Omit<Caller, 'ctx'> & { sameCtx: boolean } | null)[] = []
    t.app.addHook('onResponse', async (req) => {
      const c = req.caller
      seen.push(c && { role: c.role, username: c.username, sameCtx: c.ctx === t.app.services.ctx })
    })
    const window = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'
    const ok = await t.app.inject({ url: `/shipstation?action=export&${window}`, headers: { authorization: SS_BASIC } })
    expect(ok.statusCode).toBe(200)
    expect((await t.app.inject({ url: `/shipstation?action=export&${window}` })).statusCode).toBe(401)
    expect((await t.app.inject({ url: '/ops/api/status-map', headers: { authorization: OPS_BASIC } })).statusCode).toBe(200)
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200)
    expect(seen).toEqual([
      { role: 'shipstation', username: SS_USER, sameCtx: true },
      null,
      { role: 'ops', username: OPS_USER, sameCtx: true },
      null,
    ])
  })
})
