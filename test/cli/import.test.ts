// `sophio-shipstation import` and `credentials`, run as child processes against a temporary database.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open.js'
import { ordersRepo } from '../../src/db/orders-repo.js'
import { makeApp } from '../helpers/app.js'
import { createDatabase, runCli, tempDir } from '../helpers/cli.js'
import { makeOrder, SEED_ORDER_PATH } from '../helpers/orders.js'

function setup() {
  const dir = tempDir()
  const env = { DATABASE_PATH: join(dir, 'cli.db') }
  createDatabase(env.DATABASE_PATH)
  const write = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }
  const withDb = <T>(fn: (db: ReturnType<typeof openDatabase>) => T): T => {
    const db = openDatabase(env.DATABASE_PATH, { create: false })
    try {
      return fn(db)
    } finally {
      db.close()
    }
  }
  const orders = () => ({
    count: withDb((db) => (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n),
    find: (key: string) => withDb((db) => ordersRepo(db).findByKey(key)),
  })
  return { env, write, orders }
}

describe('import', () => {
  it('loads the seed file (one object) and re-importing changes nothing', () => {
    const s = setup()
    const first = runCli(['import', SEED_ORDER_PATH.pathname], s.env)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/1 record in .*1 created, 0 updated, 0 unchanged, 0 rejected/)
    expect(first.stderr).toContain('record 1: warning: shipTo.postalCode')
    const modified = s.orders().find('322759-106515')?.modifiedAt
    const again = runCli(['import', SEED_ORDER_PATH.pathname], s.env)
    expect(again.stdout).toMatch(/0 created, 0 updated, 1 unchanged/)
    expect(s.orders().count).toBe(1)
    expect(s.orders().find('322759-106515')?.modifiedAt).toBe(modified)
  })

  it('loads an array, reports bad records by position, keeps the good ones, exits 1', () => {
    const s = setup()
    const file = s.write(
      'orders.json',
      JSON.stringify([
        makeOrder(1),
        { ...makeOrder(2), items: [] },
        makeOrder(3),
        { ...makeOrder(4), orderDate: 'soon' },
      ]),
    )
    const r = runCli(['import', file], s.env)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('record 2: rejected: items: at least one line')
    expect(r.stderr).toContain('record 4: rejected: orderDate: is not a date')
    expect(r.stdout).toMatch(/4 records .*2 created, 0 updated, 0 unchanged, 2 rejected/)
    expect(s.orders().count).toBe(2)
  })

  it('loads NDJSON by line; a re-import with a change updates and moves LastModified', () => {
    const s = setup()
    const lines = [makeOrder(1), makeOrder(2)].map((o) => JSON.stringify(o))
    const file = s.write('orders.ndjson', `${lines.join('\n')}\n\nnot json\n`)
    const r = runCli(['import', file], s.env)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/line 4: not JSON: column 1: expected a value, found "not json"/)
    expect(s.orders().count).toBe(2)
    const before = s.orders().find('key-2')
    const changed = s.write(
      'changed.ndjson',
      `${JSON.stringify(makeOrder(2, { customerNotes: 'call first' }))}\n${lines[0]}\n`,
    )
    const u = runCli(['import', changed], s.env)
    expect(u.code).toBe(0)
    expect(u.stdout).toMatch(/0 created, 1 updated, 1 unchanged/)
    const after = s.orders().find('key-2')
    expect(after?.customerNotes).toBe('call first')
    expect(after?.modifiedAt).toBeGreaterThan(before?.modifiedAt ?? Number.POSITIVE_INFINITY)
    expect(after?.id).toBe(before?.id)
  })

  it('a pretty-printed JSON file with one syntax error: that one error, with line and column; nothing imported', () => {
    const s = setup()
    const pretty = JSON.stringify([makeOrder(1), makeOrder(2)], null, 2).split('\n')
    // Drop the comma after the first order: line 2 + that order's lines.
    const at = pretty.indexOf('  },')
    pretty[at] = '  }'
    const r = runCli(['import', s.write('pretty.json', pretty.join('\n'))], s.env)
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      `not JSON: line ${at + 2}, column 3: expected "," or "]" after an array element, found "{\\n    \\"order"; nothing was imported`,
    ])
    expect(r.stdout).toMatch(/^1 record in [\d.]+ s: 0 created, 0 updated, 0 unchanged, 1 rejected$/m)
    expect(s.orders().count).toBe(0)
    // The same object pretty-printed alone, and valid: one record.
    const ok = runCli(['import', s.write('one.json', JSON.stringify(makeOrder(3), null, 2))], s.env)
    expect(ok.code).toBe(0)
    expect(s.orders().count).toBe(1)
  })

  it('upserts by orderNumber when there is no orderKey', () => {
    const s = setup()
    const o = makeOrder(7, { orderKey: undefined })
    s.write('a.json', JSON.stringify(o))
    runCli(['import', s.write('a.json', JSON.stringify(o))], s.env)
    runCli(['import', s.write('b.json', JSON.stringify({ ...o, customerNotes: 'x' }))], s.env)
    expect(s.orders().count).toBe(1)
    expect(s.orders().find('T7')?.customerNotes).toBe('x')
  })

  it('says what is wrong with the command line (exit 2)', () => {
    const s = setup()
    expect(runCli(['import'], s.env).code).toBe(2)
    expect(runCli(['frobnicate'], s.env).stderr).toContain('unknown command "frobnicate"')
    expect(runCli(['help'], s.env)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('Usage: sophio-shipstation'),
    })
    expect(runCli(['import', '/nonexistent.json'], s.env).code).toBe(1)
  })

  it('a bad setting stops the command with a message naming it (exit 2)', () => {
    const s = setup()
    const r = runCli(['credentials'], { ...s.env, PORT: 'eighty' })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('PORT must be a whole number')
  })
})

describe('credentials', () => {
  it('rotate prints a new pair once; show prints the form without the password', () => {
    const s = setup()
    expect(runCli(['credentials'], s.env).code).toBe(1)
    const rotated = runCli(['credentials', 'rotate'], s.env)
    expect(rotated.code).toBe(0)
    const username = /Username:\s+(\S+)/.exec(rotated.stdout)?.[1]
    const password = /Password:\s+(\S+)/.exec(rotated.stdout)?.[1]
    expect(username).toMatch(/^shipstation-[0-9a-f]{8}$/)
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    const shown = runCli(['credentials', 'show'], s.env)
    expect(shown.code).toBe(0)
    expect(shown.stdout).toContain(`Username:          ${username}`)
    expect(shown.stdout).not.toContain(password)
    expect(shown.stdout).toMatch(/Unpaid Status:\s+unpaid/)
    expect(shown.stdout).toMatch(/On-Hold Status:\s+on_hold/)
    const again = runCli(['credentials', 'rotate'], s.env)
    expect(/Password:\s+(\S+)/.exec(again.stdout)?.[1]).not.toBe(password)
  })

  it('rotate api prints the new pair and the createorder URL, ready to use', async () => {
    const s = setup()
    s.orders()
    const r = runCli(['credentials', 'rotate', 'api'], { ...s.env, PUBLIC_URL: 'https://ss.example.com' })
    expect(r.code).toBe(0)
    const url = /POST (https:\/\/ss\.example\.com\/createorder\.wws\?action=CREATE&authentication=\S+)\n/.exec(r.stdout)?.[1]
    expect(url).toBeDefined()
    const t = await makeApp({ path: s.env.DATABASE_PATH })
    const res = await t.app.inject({ method: 'POST', url: (url ?? '').replace('https://ss.example.com', ''), payload: makeOrder(5) })
    expect(res.statusCode).toBe(201)
  })

  it('raw mode prints the code lists', () => {
    const s = setup()
    const cfg = s.write('config.json', JSON.stringify({ statusMode: 'raw' }))
    const r = runCli(['credentials', 'rotate'], { ...s.env, CONFIG_FILE: cfg })
    expect(r.stdout).toMatch(/Unpaid Status:\s+1,2,H,D,R,V,\$,O/)
    expect(r.stdout).toMatch(/Paid Status:\s+P,K,W/)
    expect(r.stdout).toMatch(/Shipped Status:\s+F,C,S,U/)
    expect(r.stdout).toMatch(/Cancelled Status:\s+9/)
    expect(r.stdout).toMatch(/On-Hold Status:\s+\(leave empty\)/)
  })

  it('refuses to rotate credentials that come from the environment', () => {
    const s = setup()
    const r = runCli(['credentials', 'rotate'], {
      ...s.env,
      SHIPSTATION_USERNAME: 'ops',
      SHIPSTATION_PASSWORD: 'a-long-password-123',
    })
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('change them there')
  })
})
