// Grows a bench database to N orders fast: the first orders go through the real intake path, the rest are
// copies made in SQL (same sizes, bodies and lines; new ids, keys and LastModified further on in time).

import { LINE_COLUMNS, ORDER_COLUMNS } from '../../dist/db/orders-repo.js'
import { Database } from '../../dist/db/sqlite.js'
import { flushToDisk } from './seed.js'

// Every column but the ones a copy changes (id, key, LastModified; the line's order id).
const ORDER_COLS = ORDER_COLUMNS.filter((c) => c !== 'order_key' && c !== 'modified_at')
const LINE_COLS = LINE_COLUMNS.filter((c) => c !== 'order_id')

/**
 * Copies orders 1..template (ids must be 1..template) until the database holds `target` orders. Copy k of
 * order i gets id i + k·template and LastModified k·template minutes later, so time keeps moving forward.
 */
export function growDatabase(path, template, target) {
  const db = new Database(path)
  db.pragma('synchronous = OFF')
  const have = db.prepare('SELECT count(*) FROM orders').pluck().get()
  const copyOrders = db.prepare(
    `INSERT INTO orders (id, order_key, modified_at, ${ORDER_COLS.join(', ')})
     SELECT id + @shift, order_key || '~' || @round, modified_at + @shift * 60000, ${ORDER_COLS.join(', ')}
     FROM orders WHERE id <= @template`,
  )
  const copyLines = db.prepare(
    `INSERT INTO order_lines (order_id, ${LINE_COLS.join(', ')})
     SELECT order_id + @shift, ${LINE_COLS.join(', ')} FROM order_lines WHERE order_id <= @template`,
  )
  const copyExports = db.prepare(
    `INSERT INTO order_exports (order_id, version, body)
     SELECT order_id + @shift, version, body FROM order_exports WHERE order_id <= @template`,
  )
  const round = db.transaction((k) => {
    const args = { shift: k * template, round: k, template }
    copyOrders.run(args)
    copyLines.run(args)
    copyExports.run(args)
  })
  for (let k = have / template; k * template < target; k++) round(k)
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  flushToDisk(path)
}
