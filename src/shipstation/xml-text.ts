// Text for XML 1.0: illegal characters removed, lengths cut in UTF-16 units, escaping and CDATA.

export { ILLEGAL_XML_CHAR, removeIllegalXmlChars } from '../domain/text.js'

/**
 * Cuts to at most `max` UTF-16 code units — how ShipStation's .NET reader counts a string's length (an emoji
 * is 2) — never splitting a surrogate pair: a pair that would straddle the limit is left out whole.
 */
export function truncateUtf16(s: string, max: number): string {
  if (s.length <= max) return s
  const last = s.charCodeAt(max - 1)
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max)
}

const ESC = /[&<>"]/
const ESC_ALL = /[&<>"]/g
const ESC_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Escapes for element text and attribute values. */
export function escapeXml(s: string): string {
  return ESC.test(s) ? s.replace(ESC_ALL, (c) => ESC_MAP[c] as string) : s
}

/** A CDATA section; a `]]>` inside is split across two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${s.includes(']]>') ? s.replaceAll(']]>', ']]]]><![CDATA[>') : s}]]>`
}
