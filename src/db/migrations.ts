// Versioned schema migrations, keyed by PRAGMA user_version; applied in order at start-up.

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, orders, order lines, status history',
    sql: `
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
        custom_field3              TEXT
      ) STRICT;
      -- Serves the export window: WHERE modified_at BETWEEN ? AND ? ORDER BY modified_at, id.
      CREATE INDEX orders_modified ON orders (modified_at, id);
      CREATE INDEX orders_number ON orders (order_number);
      CREATE INDEX orders_status ON orders (status_code);

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
]

export const SCHEMA_VERSION = MIGRATIONS.length
