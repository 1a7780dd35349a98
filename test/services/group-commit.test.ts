// groupCommit: concurrent writes share one transaction, each caller answered after the commit, failures isolated.

import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../src/db/open.js'
import { storageGuard } from '../../src/db/storage-guard.js'
import { writer } from '../../src/db/write.js'
import { silentLogger } from '../../src/logger.js'
import { groupCommit } from '../../src/services/group-commit.js'

function setup() {
  const db = openDatabase(':memory:', { create: false })
  db.exec('CREATE TABLE t (v INTEGER NOT NULL UNIQUE) STRICT')
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n
  return { db, insert, count, w: writer(db, storageGuard(db, silentLogger)) }
}

describe('groupCommit', () => {
  it('runs calls made in the same turn in one transaction and answers after it committed', async () => {
    const { db, insert, count, w } = setup()
    const transactions: number[] = []
    const write = groupCommit(w, (v: number) => {
      expect(db.inTransaction).toBe(true)
      insert.run(v)
      transactions.push(count())
      return v * 2
    })
    const answers = Promise.all([write(1), write(2), write(3)])
    expect(count()).toBe(0)
    expect(await answers).toEqual([2, 4, 6])
    expect(transactions).toEqual([1, 2, 3])
    expect(db.inTransaction).toBe(false)
    expect(count()).toBe(3)
    // A later call starts a new batch.
    expect(await write(4)).toBe(8)
    expect(count()).toBe(4)
  })

  it('a job that fails in its own savepoint rejects alone; the others are committed', async () => {
    const { db, insert, count, w } = setup()
    const write = groupCommit(w, (v: number) => db.transaction(() => insert.run(v).changes)())
    const results = await Promise.allSettled([write(1), write(1), write(2)])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/)
    expect(count()).toBe(2)
  })

  it('a failed COMMIT rejects every caller of the batch and keeps nothing', async () => {
    const { db, insert, count, w } = setup()
    db.exec('CREATE TABLE parent (id INTEGER PRIMARY KEY) STRICT')
    db.exec('CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED) STRICT')
    const addChild = db.prepare('INSERT INTO child (p) VALUES (?)')
    const write = groupCommit(w, (v: number) => (v === 0 ? addChild.run(99) : insert.run(v)))
    const results = await Promise.allSettled([write(1), write(0)])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(count()).toBe(0)
  })
})
