// Storage faults while the service runs, on real files: read-only, deleted, replaced, damaged, disk full → 503.

import { execFileSync } from 'node:child_process'
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Database } from '../../src/db/sqlite.js'
import { API_BASIC, API_ENV } from '../helpers/api.js'
import { makeApp, OPS_BASIC, SS_BASIC, type TestApp } from '../helpers/app.js'
import { tempDir } from '../helpers/cli.js'
import { makeOrder } from '../helpers/orders.js'
import { parseXml } from '../helpers/xml.js'

const undo: (() => void)[] = []
afterEach(() => {
  while (undo.length > 0) undo.pop()?.()
})

function chattr(flag: '+i' | '-i', path: string): void {
  execFileSync('chattr', [flag, path])
}

/** Makes `path` immutable (read-only even for root) until the test ends. */
function freeze(path: string): void {
  chattr('+i', path)
  undo.push(() => chattr('-i', path))
}

const postOrder = (t: TestApp, n: number) =>
  t.app.inject({
    method: 'POST',
    url: '/createorder.wws?action=CREATE',
    headers: { authorization: API_BASIC },
    payload: makeOrder(n),
  })

const postNotice = (t: TestApp, tracking: string, orderNumber = 'T1') =>
  t.app.inject({
    method: 'POST',
    url: '/shipstation?action=shipnotify',
    headers: { authorization: SS_BASIC },
    payload: `<ShipNotice><OrderNumber>${orderNumber}</OrderNumber><TrackingNumber>${tracking}</TrackingNumber></ShipNotice>`,
  })

const readyz = async (t: TestApp) => {
  const res = await t.app.inject({ url: '/readyz' })
  return { status: res.statusCode, storage: (res.json() as { storage: string }).storage }
}

/** Counts of orders and notices, read through a connection of its own (what a restart would find). */
function stored(path: string): { orders: number; notices: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n
    return { orders: n('SELECT count(*) AS n FROM orders'), notices: n('SELECT count(*) AS n FROM ship_notices') }
  } finally {
    db.close()
  }
}

async function faultCount(t: TestApp, kind: string): Promise<number> {
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: OPS_BASIC } })
  const m = new RegExp(`^sophio_storage_faults_total\\{kind="${kind}"\\} (\\d+)$`, 'm').exec(res.body)
  return Number(m?.[1])
}

function expectJson503(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, code: string) {
  expect(res.statusCode).toBe(503)
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  const body = res.json() as { error: { code: string; message: string } }
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(/^storage unavailable: .*nothing was stored/)
}

function expectXml503(res: { statusCode: number; headers: Record<string, unknown>; body: string }, code: string) {
  expect(res.statusCode).toBe(503)
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
  expect(String(res.headers['content-type'])).toMatch(/^text\/xml/)
  expect(parseXml(res.body).Error.Code).toBe(code)
}

describe('storage faults while running', () => {
  it('a database file made read-only (chattr +i): writes 503 STORAGE_READONLY, /readyz fails; writable again, all is well', async () => {
    const path = join(tempDir(), 'ro.db')
    const t = await makeApp({ path, env: API_ENV })
    expect((await postOrder(t, 1)).statusCode).toBe(201)
    freeze(path)
    expectJson503(await postOrder(t, 2), 'STORAGE_READONLY')
    expectXml503(await postNotice(t, '1ZRO1'), 'STORAGE_READONLY')
    expect(await readyz(t)).toEqual({ status: 503, storage: 'readonly' })
    expect(await faultCount(t, 'readonly')).toBe(2)
    // Reads go on: ShipStation still gets its orders.
    const order = await t.app.inject({ url: '/api/orders/T1', headers: { authorization: API_BASIC } })
    expect(order.statusCode).toBe(200)
    expect(stored(path)).toEqual({ orders: 1, notices: 0 })
    expect(t.logs.some((l) => l.level === 50 && l.storage === 'readonly')).toBe(true)

    undo.pop()?.()
    expect(await readyz(t)).toEqual({ status: 200, storage: 'ok' })
    expect((await postOrder(t, 2)).statusCode).toBe(201)
    expect((await postNotice(t, '1ZRO1')).statusCode).toBe(200)
    expect(stored(path)).toEqual({ orders: 2, notices: 1 })
  })

  it('a database folder made read-only: writes 503 STORAGE_READONLY', async () => {
    const dir = tempDir()
    const t = await makeApp({ path: join(dir, 'ro.db'), env: API_ENV })
    freeze(dir)
    expectJson503(await postOrder(t, 1), 'STORAGE_READONLY')
    expect(await readyz(t)).toEqual({ status: 503, storage: 'readonly' })
  })

  it('the file deleted while running: nothing more is acknowledged into the unlinked file (503 STORAGE_MOVED)', async () => {
    const path = join(tempDir(), 'gone.db')
    const t = await makeApp({ path, env: API_ENV })
    expect((await postOrder(t, 1)).statusCode).toBe(201)
    for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true })
    const answers = await Promise.all([postOrder(t, 2), postNotice(t, '1ZGONE1'), postOrder(t, 3)])
    expect(answers.map((r) => r.statusCode)).toEqual([503, 503, 503])
    expectJson503(answers[0] as never, 'STORAGE_MOVED')
    expectXml503(answers[1] as never, 'STORAGE_MOVED')
    expect(await readyz(t)).toEqual({ status: 503, storage: 'moved' })
    expect(t.logs.some((l) => l.level === 50 && l.storage === 'moved' && /deleted/.test(String(l.detail)))).toBe(true)
  })

  it('the file replaced by another while running (a careless restore): 503 STORAGE_MOVED, and it stays so', async () => {
    const dir = tempDir()
    const path = join(dir, 'live.db')
    const t = await makeApp({ path, env: API_ENV })
    expect((await postOrder(t, 1)).statusCode).toBe(201)
    const other = join(dir, 'other.db')
    new Database(other).close()
    renameSync(other, path)
    expectJson503(await postOrder(t, 2), 'STORAGE_MOVED')
    expect(await readyz(t)).toEqual({ status: 503, storage: 'moved' })
    expect(statSync(path).size).toBe(0)
  })

  it('a damaged file: the read that meets it answers 503 STORAGE_CORRUPT, /readyz fails, no more writes', async () => {
    const path = join(tempDir(), 'bad.db')
    const first = await makeApp({ path, env: API_ENV, keep: true })
    for (let i = 1; i <= 150; i++) expect((await postOrder(first, i)).statusCode).toBe(201)
    await first.close()
    // Garbage over the root pages of the order tables: the schema is still readable, the orders are not.
    const db = new Database(path, { readonly: true })
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const roots = db
      .prepare("SELECT rootpage FROM sqlite_master WHERE name IN ('orders', 'order_exports')")
      .pluck()
      .all() as number[]
    db.close()
    const fd = openSync(path, 'r+')
    const junk = Buffer.alloc(pageSize, 0xa5)
    for (const page of roots) writeSync(fd, junk, 0, pageSize, (page - 1) * pageSize)
    closeSync(fd)

    const t = await makeApp({ path, env: API_ENV })
    const exp = await t.app.inject({
      url: '/shipstation?action=export&start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59',
      headers: { authorization: SS_BASIC },
    })
    expectXml503(exp, 'STORAGE_CORRUPT')
    expect(await readyz(t)).toEqual({ status: 503, storage: 'corrupt' })
    expectJson503(await postOrder(t, 999), 'STORAGE_CORRUPT')
    expect(await faultCount(t, 'corrupt')).toBeGreaterThanOrEqual(2)
  })
})

describe('disk full (a real, small tmpfs)', () => {
  const mounts: string[] = []
  afterEach(() => {
    while (mounts.length > 0) execFileSync('umount', ['-l', mounts.pop() as string])
  })

  it('writes answer 503 STORAGE_FULL (never 500); every order acknowledged is there after a restart', async () => {
    const mnt = tempDir()
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt])
    mounts.push(mnt)
    const path = join(mnt, 'full.db')
    const t = await makeApp({ path, env: API_ENV, keep: true })
    expect((await postOrder(t, 1)).statusCode).toBe(201)
    // Fill what is left of the file system.
    const filler = openSync(join(mnt, 'filler'), 'w')
    const chunk = Buffer.alloc(64 * 1024, 1)
    try {
      for (;;) writeSync(filler, chunk)
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC')
    }
    closeSync(filler)

    const acknowledged: string[] = []
    const statuses = new Set<number>()
    let full: Awaited<ReturnType<typeof postOrder>> | undefined
    for (let i = 2; i < 200 && !full; i++) {
      const res = await postOrder(t, i)
      statuses.add(res.statusCode)
      if (res.statusCode === 201) acknowledged.push(`T${i}`)
      else full = res
    }
    expect(full).toBeDefined()
    expectJson503(full as never, 'STORAGE_FULL')
    const notice = await postNotice(t, '1ZFULL1')
    expect([200, 503]).toContain(notice.statusCode)
    if (notice.statusCode === 503) expectXml503(notice, 'STORAGE_FULL')
    expect([...statuses].filter((s) => s !== 201 && s !== 503)).toEqual([])
    expect(await faultCount(t, 'full')).toBeGreaterThanOrEqual(1)
    await t.close()

    rmSync(join(mnt, 'filler'))
    const after = await makeApp({ path, env: API_ENV })
    for (const number of ['T1', ...acknowledged]) {
      const res = await after.app.inject({ url: `/api/orders/${number}`, headers: { authorization: API_BASIC } })
      expect([number, res.statusCode]).toEqual([number, 200])
    }
    expect((await postOrder(after, 500)).statusCode).toBe(201)
  })
})
