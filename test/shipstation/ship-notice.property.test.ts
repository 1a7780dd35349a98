// Properties of the ShipNotice reader: any text survives a round trip; any bytes at all get an answer, never a crash.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readNotice } from '../../src/services/ship-notices.js'
import { parseShipNotice } from '../../src/shipstation/ship-notice.js'
import { makeApp, SS_BASIC } from '../helpers/app.js'
import { makeOrder } from '../helpers/orders.js'

/** Characters that have tripped XML code before: markup, CDATA ends, entities, astral and odd whitespace. */
const SPICY = [
  '<',
  '>',
  '&',
  '"',
  "'",
  ']]>',
  '<![CDATA[',
  '&amp;',
  '&#x41;',
  '\n',
  '\t',
  ' ',
  '😀',
  '\u00a0',
  '\u2028',
  'é',
  '\u0085',
]
/** Only characters XML 1.0 can carry (no C0 controls but tab and LF, no lone surrogates, no U+FFFE/U+FFFF). */
const legalChar = fc.oneof(
  fc.constantFrom(...SPICY),
  fc
    .string({ unit: 'binary', minLength: 1, maxLength: 1 })
    .filter((c) => !/[^\t\n\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(c)),
)
const legalText = fc.string({ unit: legalChar, maxLength: 60 })
/** Any UTF-16 code units at all, lone surrogates and NUL included. */
const anyChar = fc.oneof(
  fc.constantFrom(...SPICY, '\u0000', '\r', '\uD800', '\uDFFF', '\uFFFE'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
)
const anyText = fc.string({ unit: anyChar, maxLength: 60 })

/** Percent-encodes the UTF-8 bytes of any string (encodeURIComponent throws on a lone surrogate). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')

/** How a careful sender writes element text: escaped, or in CDATA with `]]>` split. */
function element(name: string, text: string, asCdata: boolean): string {
  const body = asCdata
    ? `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
    : text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
  return `<${name}>${body}</${name}>`
}

const FIELDS = [
  'OrderNumber',
  'OrderID',
  'Carrier',
  'Service',
  'TrackingNumber',
  'NotesToCustomer',
  'InternalNotes',
  'CustomField1',
] as const
const KEYS = [
  'orderNumber',
  'orderId',
  'carrier',
  'service',
  'trackingNumber',
  'notesToCustomer',
  'internalNotes',
  'customField1',
] as const

describe('ShipNotice reader properties', () => {
  it('any XML-legal text comes back as sent (trimmed; empty = null), escaped or in CDATA', () => {
    fc.assert(
      fc.property(
        fc.array(legalText, { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        legalText,
        (values, cdata, sku) => {
          const xml =
            `<?xml version="1.0" encoding="utf-8"?>\n<ShipNotice>${FIELDS.map((f, i) => element(f, values[i] as string, cdata)).join('')}` +
            `<Items><Item>${element('SKU', sku, !cdata)}<Quantity>1</Quantity></Item></Items></ShipNotice>`
          const parsed = parseShipNotice(xml)
          if (!parsed.ok) throw new Error(`${parsed.code}: ${parsed.message}\n${xml}`)
          KEYS.forEach((k, i) => {
            expect(parsed.notice[k]).toBe((values[i] as string).trim() || null)
          })
          const items = parsed.notice.items ?? []
          if (sku.trim()) expect(items[0]?.sku).toBe(sku.trim())
          else expect(items).toEqual([])
        },
      ),
      { numRuns: 300 },
    )
  })

  it('any string at all, raw inside a notice, is either read or refused with a reason, never thrown', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const xml = `<ShipNotice><OrderNumber>${a}</OrderNumber><Carrier>${b}</Carrier></ShipNotice>`
        const parsed = parseShipNotice(xml)
        if (parsed.ok)
          expect(parsed.notice.orderNumber === null || typeof parsed.notice.orderNumber === 'string').toBe(true)
        else expect(parsed.message.length).toBeGreaterThan(10)
        const read = readNotice(Buffer.from(xml, 'utf8'), 'text/xml', `order_number=${pct(a)}`)
        expect(read.ok || read.message.length > 10).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('any bytes posted as a notice get 200, 400, 404 or 413 — never a 5xx — and an XML answer', async () => {
    const t = await makeApp()
    await t.app.services.ingest(makeOrder(1), 'test')
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc
        .tuple(anyText, anyText)
        .map(
          ([a, b]) => `<ShipNotice><OrderNumber>T1</OrderNumber><TrackingNumber>${a}</TrackingNumber>${b}</ShipNotice>`,
        ),
    )
    await fc.assert(
      fc.asyncProperty(body, anyText, async (payload, orderNumber) => {
        const res = await t.app.inject({
          method: 'POST',
          url: `/shipstation?action=shipnotify&order_number=${pct(orderNumber)}`,
          headers: { authorization: SS_BASIC, 'content-type': 'text/xml' },
          payload,
        })
        expect([200, 400, 404, 413]).toContain(res.statusCode)
        expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
      }),
      { numRuns: 300 },
    )
    expect(t.logs.filter((l) => Number(l.level) >= 50)).toEqual([])
  })
})
