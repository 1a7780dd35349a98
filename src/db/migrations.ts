// Versioned schema migrations, keyed by version number; applied in order at start-up (SQLite: PRAGMA user_version).

/**
 * One schema step. The version number is the key every storage engine shares; each engine keeps its own
 * script for it (a second engine adds its field beside `sqlite`).
 */
export interface Migration {
  version: number
  name: string
  sqlite: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, orders, order lines, status history',
    sqlite: `
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE orders (
        id                         INTEGER PRIMARY KEY,
        order_key                  TEXT NOT NULL UNIQUE,
        order_number               TEXT NOT NULL,
        status_code                TEXT NOT NULL,
        order_date                 INTEGER NOT NULL,
        payment_date               INTEGER,
        ship_by_date               INTEGER,
        created_at                 INTEGER NOT NULL,
        modified_at                INTEGER NOT NULL,
        content_hash               TEXT NOT NULL,
        customer_id                TEXT,
        customer_username          TEXT,
        customer_email             TEXT,
        bill_to                    TEXT NOT NULL,
        ship_to                    TEXT NOT NULL,
        order_total                REAL NOT NULL,
        amount_paid                REAL,
        tax_amount                 REAL,
        shipping_amount            REAL NOT NULL,
        currency_code              TEXT,
        customer_notes             TEXT,
        internal_notes             TEXT,
        gift                       INTEGER NOT NULL DEFAULT 0,
        gift_message               TEXT,
        payment_method             TEXT,
        requested_shipping_service TEXT,
        carrier_code               TEXT,
        service_code               TEXT,
        package_code               TEXT,
        confirmation               TEXT,
        ship_date                  TEXT,
        weight                     REAL,
        weight_units               TEXT,
        warehouse_id               TEXT,
        source                     TEXT,
        store_id                   TEXT,
        custom_field1              TEXT,
        custom_field2              TEXT,
        custom_field3              TEXT,
        -- The code the last createorder/import carried: a re-post applies its status only when it changes.
        intake_code                TEXT NOT NULL
      ) STRICT;
      -- Serves the export window: WHERE modified_at BETWEEN ? AND ? ORDER BY modified_at, id.
      CREATE INDEX orders_modified ON orders (modified_at, id);
      CREATE INDEX orders_number ON orders (order_number);
      CREATE INDEX orders_status ON orders (status_code);

      -- Each order's <Order> body as exported, rendered when the order's content is written (export-writer.ts).
      -- Kept apart from orders so status changes rewrite a small row, and export pages read compact ones.
      CREATE TABLE order_exports (
        order_id INTEGER PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
        version  INTEGER NOT NULL,
        body     TEXT NOT NULL
      ) STRICT;

      CREATE TABLE order_lines (
        id               INTEGER PRIMARY KEY,
        order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        position         INTEGER NOT NULL,
        line_item_key    TEXT NOT NULL,
        sku              TEXT NOT NULL,
        name             TEXT NOT NULL,
        image_url        TEXT,
        weight           REAL,
        weight_units     TEXT,
        quantity         INTEGER NOT NULL,
        unit_price       REAL NOT NULL,
        tax_amount       REAL,
        shipping_amount  REAL,
        location         TEXT,
        upc              TEXT,
        adjustment       INTEGER NOT NULL DEFAULT 0,
        product_id       TEXT,
        fulfillment_sku  TEXT,
        options          TEXT NOT NULL DEFAULT '[]',
        UNIQUE (order_id, line_item_key)
      ) STRICT;
      CREATE INDEX order_lines_order ON order_lines (order_id, position);

      CREATE TABLE order_status_history (
        id         INTEGER PRIMARY KEY,
        order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        from_code  TEXT,
        to_code    TEXT NOT NULL,
        at         INTEGER NOT NULL,
        reason     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX order_status_history_order ON order_status_history (order_id, id);
    `,
  },
  {
    version: 2,
    name: 'shipment notice journal, shipments and shipped items',
    sqlite: `
      -- Every authenticated shipnotify POST, whatever became of it: nothing ShipStation sent is ever lost.
      CREATE TABLE ship_notices (
        id              INTEGER PRIMARY KEY,
        received_at     INTEGER NOT NULL,
        request_id      TEXT,
        query           TEXT NOT NULL,              -- the query string without SS-UserName/SS-Password
        content_type    TEXT,
        body            BLOB NOT NULL,              -- raw bytes; only the first 64 KiB of an oversized body
        body_size       INTEGER NOT NULL,           -- bytes received
        outcome         TEXT NOT NULL CHECK (outcome IN ('applied', 'duplicate', 'unmatched', 'rejected', 'flagged')),
        reason          TEXT NOT NULL,
        order_number    TEXT,                       -- the number it names: order_number, else ShipNotice/OrderNumber
        order_id        INTEGER REFERENCES orders (id) ON DELETE SET NULL,
        tracking_number TEXT,
        shipment_id     INTEGER REFERENCES shipments (id) ON DELETE SET NULL,
        resolved_at     INTEGER,                    -- when a notice first kept as unmatched/rejected was applied
        resolved_by     TEXT                        -- 'order arrived' or 'operator'
      ) STRICT;
      -- Operators list the notices that need them; the hot path ('applied') stays out of this index.
      CREATE INDEX ship_notices_outcome ON ship_notices (outcome, id) WHERE outcome <> 'applied';
      -- Serves "apply the waiting notices of the order that just arrived".
      CREATE INDEX ship_notices_waiting ON ship_notices (order_number) WHERE outcome = 'unmatched';
      -- An order's notices (ops detail, show): without it the journal is scanned.
      CREATE INDEX ship_notices_order ON ship_notices (order_id, id);

      -- One row per package; the same (order, tracking number) exactly once, even under concurrent notices.
      CREATE TABLE shipments (
        id                INTEGER PRIMARY KEY,
        order_id          INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        -- Deferred: the journal row is written after the shipment, in the same transaction.
        notice_id         INTEGER NOT NULL REFERENCES ship_notices (id) DEFERRABLE INITIALLY DEFERRED,
        dedupe_key        TEXT NOT NULL,
        tracking_number   TEXT NOT NULL,            -- '' when ShipStation sent none
        carrier           TEXT,
        service           TEXT,
        carrier_fee       REAL,
        ship_date         TEXT,                     -- YYYY-MM-DD
        label_created_at  INTEGER,
        notes_to_customer TEXT,
        internal_notes    TEXT,
        notify_customer   INTEGER,                  -- as sent: 0 = ShipStation emailed the buyer already
        custom_field1     TEXT,
        custom_field2     TEXT,
        custom_field3     TEXT,
        recipient         TEXT,                     -- JSON
        created_at        INTEGER NOT NULL,
        UNIQUE (order_id, dedupe_key)
      ) STRICT;
      -- Without it, writing the journal row after its shipment (deferred reference) scans every shipment.
      CREATE INDEX shipments_notice ON shipments (notice_id);

      -- Lines are referenced by (order_id, line_item_key), never by order_lines.id: an order update
      -- rewrites its lines, and the shipped quantities must survive it.
      CREATE TABLE shipment_items (
        id            INTEGER PRIMARY KEY,
        shipment_id   INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
        order_id      INTEGER NOT NULL,
        line_item_key TEXT,                         -- NULL: an item the order does not have
        sku           TEXT,
        name          TEXT,
        quantity      INTEGER NOT NULL CHECK (quantity > 0)
      ) STRICT;
      -- Also serves "every item of an order". No index on shipment_id: shipments are never deleted.
      CREATE INDEX shipment_items_line ON shipment_items (order_id, line_item_key);
    `,
  },
  {
    version: 3,
    name: 'notice journal retention: when a resolved notice lost its raw body',
    sqlite: `
      -- Raw bodies of resolved notices are dropped after a retention period (notices prune); the row stays.
      ALTER TABLE ship_notices ADD COLUMN body_pruned_at INTEGER;
    `,
  },
  {
    version: 4,
    name: 'a change counter for orders: what export caches are keyed by',
    sqlite: `
      -- Moves on every insert, update or delete of an order, by any connection or process (a CLI import
      -- too): cached export counts and page ends are trusted only for the value they were made at.
      CREATE TABLE change_counters (
        name TEXT PRIMARY KEY,
        n    INTEGER NOT NULL
      ) STRICT;
      INSERT INTO change_counters (name, n) VALUES ('orders', 0);
      CREATE TRIGGER orders_inserted AFTER INSERT ON orders
        BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'orders'; END;
      CREATE TRIGGER orders_updated AFTER UPDATE ON orders
        BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'orders'; END;
      CREATE TRIGGER orders_deleted AFTER DELETE ON orders
        BEGIN UPDATE change_counters SET n = n + 1 WHERE name = 'orders'; END;
    `,
  },
]

export const SCHEMA_VERSION = MIGRATIONS.length
