// Parsing XML in tests: fast-xml-parser with every value kept as a string and CDATA folded into text.

import { XMLParser } from 'fast-xml-parser'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) => name === 'Order' || name === 'Item' || name === 'Option',
})

export function parseXml(xml: string): Record<string, any> {
  return dropLayoutText(parser.parse(xml)) as Record<string, any>
}

/** Removes whitespace-only text between elements (line breaks the writer adds for readability). */
function dropLayoutText(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropLayoutText)
  if (typeof v !== 'object' || v === null) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === '#text' && typeof x === 'string' && x.trim() === '') continue
    out[k] = dropLayoutText(x)
  }
  return out
}

/** The `<Order>` elements of an export document (an empty array for `<Orders/>`). */
export function ordersOf(xml: string): Record<string, any>[] {
  const doc = parseXml(xml)
  const orders = doc.Orders
  return typeof orders === 'object' && orders !== null && Array.isArray(orders.Order) ? orders.Order : []
}

export function pagesOf(xml: string): number {
  return Number(parseXml(xml).Orders['@pages'])
}
