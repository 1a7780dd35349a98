// Password hashes and their check: salted scrypt off the event loop, verified pairs remembered, old hashes upgraded.

import { describe, expect, it } from 'vitest'
import { sqliteEngine } from '../../src/db/engine.js'
import { type Db, openDatabase } from '../../src/db/open.js'
import { settingsRepo } from '../../src/db/settings-repo.js'
import { hashPasswordSync, hashSecret } from '../../src/domain/credentials.js'
import { silentLogger } from '../../src/logger.js'
import { credentialCheck } from '../../src/services/credential-check.js'
import { credentialSource, ensureCredential, rotateCredential } from '../../src/services/credentials.js'
import { makeApp, type TestApp } from '../helpers/app.js'

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`
/** A unit of work on a connection of the test's own (as a CLI command has). */
const uowOf = (db: Db) => sqliteEngine(db, silentLogger).uow
const readBack = (t: TestApp, u: string, p: string) =>
  t.app.inject({ url: '/api/orders/NOPE', headers: { authorization: basic(u, p) } })

describe('stored password hashes', () => {
  it('a generated password is kept as salted scrypt: no SHA-256, a fresh salt every time', async () => {
    const db = openDatabase(':memory:', { create: true })
    const pair = await ensureCredential(uowOf(db), 'api', null)
    const stored = settingsRepo(db).get('api.password_hash') ?? ''
    expect(stored).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(stored).not.toContain(hashSecret(pair?.password ?? ''))
    expect(hashPasswordSync('same password')).not.toBe(hashPasswordSync('same password'))
    db.close()
  })

  it('an old SHA-256 hash still lets its password in, and is replaced by scrypt at that login', async () => {
    const t = await makeApp()
    const settings = settingsRepo(t.db)
    settings.put('api.username', 'old-key')
    settings.put('api.password_hash', hashSecret('old-secret-from-v1'))
    expect((await readBack(t, 'old-key', 'wrong-secret')).statusCode).toBe(401)
    expect(settings.get('api.password_hash')).toBe(hashSecret('old-secret-from-v1'))
    expect((await readBack(t, 'old-key', 'old-secret-from-v1')).statusCode).toBe(404)
    expect(settings.get('api.password_hash')).toMatch(/^scrypt\$15\$/)
    expect((await readBack(t, 'old-key', 'old-secret-from-v1')).statusCode).toBe(404)
    expect((await readBack(t, 'old-key', 'wrong-secret')).statusCode).toBe(401)
    expect(t.logs.some((l) => l.msg === 'stored password hash upgraded to scrypt')).toBe(true)
  })
})

describe('credentialCheck', () => {
  async function setup(now: () => number = Date.now) {
    const db = openDatabase(':memory:', { create: true })
    const pair = await ensureCredential(uowOf(db), 'api', null)
    if (!pair) throw new Error('expected a generated pair')
    return { db, pair, source: credentialSource(uowOf(db), 'api', null), check: credentialCheck(silentLogger, { now }) }
  }

  it('hashes off the event loop: timers keep firing while a password is checked', async () => {
    const { pair, source, check } = await setup()
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    const ok = await check.verify(source, [pair])
    clearInterval(timer)
    expect(ok).toBe(true)
    expect(ticks).toBeGreaterThan(0)
  })

  it('remembers a verified pair for its TTL, then hashes again; a wrong pair is hashed every time', async () => {
    let t = 1_000_000
    const { pair, source, check } = await setup(() => t)
    for (let i = 0; i < 5; i++) expect(await check.verify(source, [pair])).toBe(true)
    expect(check.hashed()).toBe(1)
    t += 60_001
    expect(await check.verify(source, [pair])).toBe(true)
    expect(check.hashed()).toBe(2)
    for (let i = 0; i < 3; i++) expect(await check.verify(source, [{ ...pair, password: 'wrong' }])).toBe(false)
    expect(check.hashed()).toBe(5)
    expect(check.size()).toBe(1)
  })

  it('checks every presented pair, also after a wrong one and when nothing is stored', async () => {
    const { pair, source, check } = await setup()
    expect(await check.verify(source, [{ ...pair, password: 'wrong' }, pair])).toBe(false)
    expect(check.hashed()).toBe(2)
    expect(await check.verify(source, [pair, { ...pair, password: 'wrong' }])).toBe(false)
    const empty = credentialSource(uowOf(openDatabase(':memory:', { create: true })), 'api', null)
    const before = check.hashed()
    expect(await check.verify(empty, [pair])).toBe(false)
    expect(check.hashed()).toBe(before + 1)
  })

  it('a rotation is in force at once, remembered pairs included, even when another process rotates', async () => {
    const t = await makeApp({ file: true })
    const first = await ensureCredential(t.app.services.uow, 'api', null)
    if (!first) throw new Error('expected a generated pair')
    expect((await readBack(t, first.username, first.password)).statusCode).toBe(404)
    expect((await readBack(t, first.username, first.password)).statusCode).toBe(404)
    expect(t.app.services.credentialCheck.size()).toBe(1)
    // As `credentials rotate api` does: its own connection to the same file.
    const cli = openDatabase(t.config.databasePath, { create: false })
    const second = await rotateCredential(uowOf(cli), 'api')
    cli.close()
    expect((await readBack(t, first.username, first.password)).statusCode).toBe(401)
    expect((await readBack(t, second.username, second.password)).statusCode).toBe(404)
    // A new password under the same username voids the remembered pair too.
    settingsRepo(t.db).put('api.password_hash', hashPasswordSync('a-password-chosen-later'))
    expect((await readBack(t, second.username, second.password)).statusCode).toBe(401)
    expect((await readBack(t, second.username, 'a-password-chosen-later')).statusCode).toBe(404)
  })
})
