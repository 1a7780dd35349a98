// The export's reads: window counts and pages of stored order bodies, by offset or after a known cursor.

import type { Db } from './open.js'
import { type ExportRow, PUT_EXPORT_BODY, type PageCursor } from './orders-repo.js'

type RawRow = [
  id: number,
  orderNumber: string,
  statusCode: string,
  modifiedAt: number,
  warehouseId: string | null,
  xml: Buffer,
  version: number,
]

// The body comes out as UTF-8 bytes (a BLOB cast): it goes to the socket as it is, never decoded and re-encoded.
// A missing body (LEFT JOIN) comes out as version null: re-rendered like an outdated one.
const COLUMNS =
  'o.id, o.order_number, o.status_code, o.modified_at, o.warehouse_id, CAST(e.body AS BLOB), e.version FROM orders o LEFT JOIN order_exports e ON e.order_id = o.id'
const IN_WINDOW = 'modified_at >= ? AND modified_at <= ?'
// Excluded status codes come as a JSON array (the "export pending orders" setting). Filtering in SQL, not
// after the query, keeps `pages` right; without exclusions the plain statements stay index-only.
const NOT_EXCLUDED = 'status_code NOT IN (SELECT value FROM json_each(?))'
const ORDER = 'ORDER BY modified_at, id'

export type ExportWindowRepo = ReturnType<typeof exportWindowRepo>

export function exportWindowRepo(db: Db) {
  const count = db.prepare<[number, number], number>(`SELECT count(*) FROM orders WHERE ${IN_WINDOW}`).pluck()
  const countEx = db
    .prepare<[number, number, string], number>(`SELECT count(*) FROM orders WHERE ${IN_WINDOW} AND ${NOT_EXCLUDED}`)
    .pluck()
  const byOffset = db
    .prepare<[number, number, number, number], RawRow>(`SELECT ${COLUMNS} WHERE ${IN_WINDOW} ${ORDER} LIMIT ? OFFSET ?`)
    .raw()
  const byOffsetEx = db
    .prepare<[number, number, string, number, number], RawRow>(
      `SELECT ${COLUMNS} WHERE ${IN_WINDOW} AND ${NOT_EXCLUDED} ${ORDER} LIMIT ? OFFSET ?`,
    )
    .raw()
  const after = db
    .prepare<[number, number, number, number], RawRow>(
      `SELECT ${COLUMNS} WHERE (modified_at, id) > (?, ?) AND modified_at <= ? ${ORDER} LIMIT ?`,
    )
    .raw()
  const afterEx = db
    .prepare<[number, number, number, string, number], RawRow>(
      `SELECT ${COLUMNS} WHERE (modified_at, id) > (?, ?) AND modified_at <= ? AND ${NOT_EXCLUDED} ${ORDER} LIMIT ?`,
    )
    .raw()
  // Where every page of a window ends, computed inside SQLite over the covering index: one pass, one row a page.
  const boundaries = db
    .prepare<[number, number, number], [number, number]>(
      `SELECT modified_at, id FROM (SELECT modified_at, id, row_number() OVER (${ORDER}) AS n FROM orders WHERE ${IN_WINDOW}) WHERE n % ? = 0`,
    )
    .raw()
  const boundariesEx = db
    .prepare<[number, number, string, number], [number, number]>(
      `SELECT modified_at, id FROM (SELECT modified_at, id, row_number() OVER (${ORDER}) AS n FROM orders WHERE ${IN_WINDOW} AND ${NOT_EXCLUDED}) WHERE n % ? = 0`,
    )
    .raw()
  const setBody = db.prepare(PUT_EXPORT_BODY)
  const changes = db.prepare<[], number>("SELECT n FROM change_counters WHERE name = 'orders'").pluck()

  const toRow = (r: RawRow): ExportRow => ({
    id: r[0],
    orderNumber: r[1],
    statusCode: r[2],
    modifiedAt: r[3],
    warehouseId: r[4],
    body: { xml: r[5], version: r[6] },
  })

  return {
    /**
     * Moves whenever an order was written, by any connection (a CLI import too): the orders change counter,
     * kept by triggers. Cached counts and cursors are only trusted for the version they were made at.
     */
    version(): string {
      return String(changes.get())
    },
    /** Orders modified in [from, to] (epoch ms, both inclusive), except those with an excluded code. */
    count(from: number, to: number, excluded: readonly string[]): number {
      return (excluded.length === 0 ? count.get(from, to) : countEx.get(from, to, JSON.stringify(excluded))) ?? 0
    },
    rowsAt(from: number, to: number, excluded: readonly string[], limit: number, offset: number): ExportRow[] {
      const rows =
        excluded.length === 0
          ? byOffset.all(from, to, limit, offset)
          : byOffsetEx.all(from, to, JSON.stringify(excluded), limit, offset)
      return rows.map(toRow)
    },
    /** The page that follows `cursor` (the last row of the previous page): no OFFSET to walk. */
    rowsAfter(cursor: PageCursor, to: number, excluded: readonly string[], limit: number): ExportRow[] {
      const rows =
        excluded.length === 0
          ? after.all(cursor[0], cursor[1], to, limit)
          : afterEx.all(cursor[0], cursor[1], to, JSON.stringify(excluded), limit)
      return rows.map(toRow)
    },
    /** The last (modified_at, id) of each full page of the window, page 1 first. */
    pageEnds(from: number, to: number, excluded: readonly string[], pageSize: number): PageCursor[] {
      return excluded.length === 0
        ? boundaries.all(from, to, pageSize)
        : boundariesEx.all(from, to, JSON.stringify(excluded), pageSize)
    },
    /** Stores a re-rendered body (after a writer upgrade). Does not touch LastModified. */
    setBody(id: number, xml: string, version: number): void {
      setBody.run(id, version, xml)
    },
  }
}
