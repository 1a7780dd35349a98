// The unit of work on SQLite: group commit, savepoints, one writer at a time, reads never see uncommitted rows.

import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open.js'
import { storageGuard } from '../../src/db/storage-guard.js'
import { sqliteUnitOfWork } from '../../src/db/unit-of-work.js'
import { silentLogger } from '../../src/logger.js'

/** A unit of work over one table, with repositories as an engine would give them (async). */
function setup() {
  const db = openDatabase(':memory:', { create: false })
  db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE) STRICT')
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
  const countSql = db.prepare<[], number>('SELECT count(*) FROM t').pluck()
  const repos = {
    t: {
      insert: async (v: number) => insert.run(v).changes,
      count: async () => countSql.get() ?? 0,
    },
  }
  const uow = sqliteUnitOfWork(db, storageGuard(db, silentLogger), repos)
  return { db, uow, count: () => countSql.get() ?? 0 }
}

describe('grouped writes', () => {
  it('run in one transaction when they arrive in the same turn, each answered after the commit', async () => {
    const { db, uow, count } = setup()
    const seen: number[] = []
    const write = (v: number) =>
      uow.write(
        async (tx) => {
          expect(db.inTransaction).toBe(true)
          await tx.t.insert(v)
          seen.push(await tx.t.count())
          return v * 2
        },
        { group: true },
      )
    const answers = Promise.all([write(1), write(2), write(3)])
    expect(count()).toBe(0)
    expect(await answers).toEqual([2, 4, 6])
    // One transaction: each job saw the rows of the jobs before it.
    expect(seen).toEqual([1, 2, 3])
    expect(db.inTransaction).toBe(false)
    expect(await write(4)).toBe(8)
    expect(count()).toBe(4)
  })

  it('a job that fails is undone alone (its savepoint); the others are committed', async () => {
    const { uow, count } = setup()
    const write = (v: number) =>
      uow.write(
        async (tx) => {
          await tx.t.insert(v + 100)
          return tx.t.insert(v)
        },
        { group: true },
      )
    const results = await Promise.allSettled([write(1), write(1), write(2)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/)
    // The failed job's first insert (101 again) is gone with it.
    expect(count()).toBe(4)
  })

  it('a failed COMMIT rejects every caller of the batch and keeps nothing', async () => {
    const { db, uow, count } = setup()
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT')
    db.exec('CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED) STRICT')
    const addChild = db.prepare('INSERT INTO child (p) VALUES (?)')
    const write = (v: number) =>
      uow.write(async (tx) => (v === 0 ? addChild.run(99).changes : tx.t.insert(v)), { group: true })
    const results = await Promise.allSettled([write(1), write(0)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(count()).toBe(0)
  })
})

describe('transactions', () => {
  it('a write that throws keeps nothing; savepoints inside undo only their part', async () => {
    const { uow, count } = setup()
    await expect(
      uow.write(async (tx) => {
        await tx.t.insert(1)
        throw new Error('no')
      }),
    ).rejects.toThrow('no')
    expect(count()).toBe(0)
    await uow.write(async (tx) => {
      await tx.t.insert(1)
      await expect(
        tx.savepoint(async () => {
          await tx.t.insert(2)
          await tx.t.insert(1)
        }),
      ).rejects.toThrow(/UNIQUE/)
      await tx.t.insert(3)
    })
    expect(count()).toBe(2)
  })

  it('writers run one after another; a read waits while a write transaction is open', async () => {
    const { uow } = setup()
    const order: string[] = []
    let open: () => void = () => {}
    const gate = new Promise<void>((r) => {
      open = r
    })
    const first = uow.write(async (tx) => {
      order.push('write 1 begins')
      await tx.t.insert(1)
      await gate
      order.push('write 1 ends')
    })
    const second = uow.write(async (tx) => {
      order.push('write 2 begins')
      await tx.t.insert(2)
    })
    await new Promise((r) => setTimeout(r, 20))
    const read = uow.read(async (repos) => {
      order.push('read')
      return repos.t.count()
    })
    await new Promise((r) => setTimeout(r, 20))
    expect(order).toEqual(['write 1 begins'])
    open()
    await Promise.all([first, second])
    // The read saw committed rows only: write 1 whole (and write 2, which may have committed before it ran).
    expect(await read).toBeGreaterThanOrEqual(1)
    expect(order.slice(0, 2)).toEqual(['write 1 begins', 'write 1 ends'])
    expect(order).toContain('write 2 begins')
    expect(order.indexOf('read')).toBeGreaterThan(order.indexOf('write 1 ends'))
  })
})
