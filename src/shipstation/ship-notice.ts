// Reads ShipStation's `<ShipNotice>` XML into strings, refusing DTDs and entities instead of expanding them.

import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { NoticeItem, Recipient, ShipNotice } from '../domain/shipment.js'
import { CODE, messageOf } from '../errors.js'
import { ILLEGAL_XML_CHAR } from './xml-text.js'

type Refusal = typeof CODE.DTD_FORBIDDEN | typeof CODE.MALFORMED_XML | typeof CODE.NOT_A_SHIPNOTICE

export type ParsedNotice =
  | { ok: true; notice: ShipNotice; warnings: string[] }
  | { ok: false; code: Refusal; message: string }

// preserveOrder: the parser's node list as is (half the cost of its object output), walked below.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  jPath: false,
  // Every value stays a string: tracking numbers and postal codes keep their leading zeros.
  parseTagValue: false,
  // Trimmed after joining: `a &amp; <![CDATA[b]]>` must keep the space between its two parts.
  trimValues: false,
  // The five XML entities (never inside CDATA); character references are decoded beforehand.
  processEntities: true,
  htmlEntities: false,
})

/** A node of the parser's output: `{ Tag: Node[] }` for an element, `{ '#text': string }` for text. */
type Node = Record<string, unknown>
/** An element's child elements by name, each occurrence's own node list. */
type Children = Map<string, Node[][]>

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos'])
// Character references must not turn into markup: these stay entities.
const KEEP_AS_ENTITY: Record<number, string> = { 38: '&amp;', 60: '&lt;', 62: '&gt;', 34: '&quot;', 39: '&apos;' }
/** CDATA and comments are skipped; in the rest, a DTD keyword or any `&name;` is looked at. */
const TOKENS =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<!\s*(DOCTYPE|ENTITY)\b|&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_:][\w.:-]*);/gi

/**
 * Why not let the XML parser deal with a DTD? Because a ShipNotice never needs one, and a DTD is how entity
 * expansion attacks (billion laughs, external entities reading files or URLs) get in. We refuse before parsing.
 */
export function parseShipNotice(xml: string): ParsedNotice {
  const scan = scanMarkup(xml) ?? scanChars(xml)
  if (scan) return scan
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    const { msg, line, col } = valid.err
    return malformed(`${msg} (line ${line}${col ? `, column ${col}` : ''})`)
  }
  let doc: Node[]
  try {
    doc = parser.parse(decodeCharRefs(xml)) as Node[]
  } catch (e) {
    return malformed((e as Error).message)
  }
  const roots = childrenOf(doc)
  const found = [...roots].map(([name, list]) => (list.length > 1 ? `${list.length} × ${name}` : name))
  const shipNotice = roots.get('ShipNotice')
  if (roots.size !== 1 || shipNotice?.length !== 1) {
    const message = messageOf(CODE.NOT_A_SHIPNOTICE, found.join(', ') || 'none')
    return { ok: false, code: CODE.NOT_A_SHIPNOTICE, message }
  }
  const warnings: string[] = []
  const root = childrenOf(shipNotice[0] as Node[])
  const text = (name: string) => textOf(root, name, 'ShipNotice', warnings)
  const notice: ShipNotice = {
    orderId: text('OrderID'),
    orderNumber: text('OrderNumber'),
    customerCode: text('CustomerCode'),
    customerNotes: text('CustomerNotes'),
    internalNotes: text('InternalNotes'),
    notesToCustomer: text('NotesToCustomer'),
    notifyCustomer: text('NotifyCustomer'),
    labelCreateDate: text('LabelCreateDate'),
    shipDate: text('ShipDate'),
    carrier: text('Carrier'),
    service: text('Service'),
    trackingNumber: text('TrackingNumber'),
    shippingCost: text('ShippingCost'),
    customField1: text('CustomField1'),
    customField2: text('CustomField2'),
    customField3: text('CustomField3'),
    recipient: recipientOf(root, warnings),
    items: itemsOf(root, warnings),
  }
  return { ok: true, notice, warnings }
}

/** A refusal found by looking at the markup outside CDATA and comments, or undefined. */
function scanMarkup(xml: string): ParsedNotice | undefined {
  for (const m of xml.matchAll(TOKENS)) {
    if (m[1]) {
      return { ok: false, code: CODE.DTD_FORBIDDEN, message: messageOf(CODE.DTD_FORBIDDEN, m[1].toUpperCase()) }
    }
    const ref = m[2]
    if (ref === undefined) continue
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
      if (!isXmlChar(cp)) {
        return malformed(`&${ref}; is not a legal XML character`)
      }
    } else if (!XML_ENTITIES.has(ref)) {
      return malformed(`undefined entity &${ref}; (only &amp; &lt; &gt; &quot; &apos; exist without a DTD)`)
    }
  }
  return undefined
}

/**
 * Characters XML 1.0 forbids anywhere, CDATA and comments included (NUL, most C0 controls, U+FFFE/U+FFFF,
 * unpaired surrogates). fast-xml-parser lets them through, so a body of binary garbage around a valid
 * OrderNumber would otherwise be applied as a shipment.
 */
function scanChars(xml: string): ParsedNotice | undefined {
  const m = ILLEGAL_XML_CHAR.exec(xml)
  if (!m) return undefined
  const before = xml.slice(0, m.index)
  const line = before.split('\n').length
  const column = m.index - before.lastIndexOf('\n')
  const cp = (m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
  return malformed(`character U+${cp} is not allowed in XML (line ${line}, column ${column})`)
}

function malformed(detail: string): ParsedNotice {
  return { ok: false, code: CODE.MALFORMED_XML, message: messageOf(CODE.MALFORMED_XML, detail) }
}

/** `&#233;`/`&#xE9;` → `é` outside CDATA (the parser only knows the five named entities). */
function decodeCharRefs(xml: string): string {
  if (!xml.includes('&#')) return xml
  return xml.replace(TOKENS, (whole, _dtd, ref: string | undefined) => {
    if (ref === undefined || !ref.startsWith('#')) return whole
    const cp = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return KEEP_AS_ENTITY[cp] ?? String.fromCodePoint(cp)
  })
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

/** Child elements by name; text between them (layout whitespace) is ignored. */
function childrenOf(nodes: Node[]): Children {
  const out: Children = new Map()
  for (const node of nodes) {
    for (const name in node) {
      if (name === '#text') continue
      const list = out.get(name)
      if (list) list.push(node[name] as Node[])
      else out.set(name, [node[name] as Node[]])
    }
  }
  return out
}

/** The trimmed text of a child element; null when missing or empty. Repeats and nested markup are noted. */
function textOf(parent: Children, name: string, path: string, warnings: string[]): string | null {
  const list = parent.get(name)
  if (list === undefined) return null
  if (list.length > 1) warnings.push(`${path}/${name} appears ${list.length} times; the first was used`)
  let text = ''
  for (const node of list[0] as Node[]) {
    const t = node['#text']
    if (typeof t !== 'string') {
      warnings.push(`${path}/${name} holds elements instead of text; ignored`)
      return null
    }
    text += t
  }
  text = text.trim()
  return text === '' ? null : text
}

/** The first occurrence's children (a repeat is noted), or undefined when the element is missing. */
function elementOf(parent: Children, name: string, path: string, warnings: string[]): Children | undefined {
  const list = parent.get(name)
  if (list === undefined) return undefined
  if (list.length > 1) warnings.push(`${path}/${name} appears ${list.length} times; the first was used`)
  return childrenOf(list[0] as Node[])
}

function recipientOf(root: Children, warnings: string[]): Recipient | null {
  const p = 'ShipNotice/Recipient'
  const r = elementOf(root, 'Recipient', 'ShipNotice', warnings)
  if (r === undefined || r.size === 0) return null
  const t = (name: string) => textOf(r, name, p, warnings)
  return {
    name: t('Name'),
    company: t('Company'),
    address1: t('Address1'),
    address2: t('Address2'),
    city: t('City'),
    state: t('State'),
    postalCode: t('PostalCode'),
    country: t('Country'),
    phone: t('Phone'),
  }
}

function itemsOf(root: Children, warnings: string[]): NoticeItem[] | null {
  const list = elementOf(root, 'Items', 'ShipNotice', warnings)?.get('Item')
  if (list === undefined || list.length === 0) return null
  const out: NoticeItem[] = []
  list.forEach((nodes, i) => {
    const p = `ShipNotice/Items/Item[${i + 1}]`
    const el = childrenOf(nodes)
    const item = {
      lineItemId: textOf(el, 'LineItemID', p, warnings),
      sku: textOf(el, 'SKU', p, warnings),
      name: textOf(el, 'Name', p, warnings),
      quantity: textOf(el, 'Quantity', p, warnings),
    }
    if (item.lineItemId === null && item.sku === null) warnings.push(`${p} has neither LineItemID nor SKU; ignored`)
    else out.push(item)
  })
  // Items listed but none usable: better to ship nothing identifiable than to assume the whole order.
  return out
}
