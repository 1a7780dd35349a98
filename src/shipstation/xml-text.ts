// Text for XML 1.0: illegal characters removed, lengths cut by characters, escaping and CDATA.

export { ILLEGAL_XML_CHAR, removeIllegalXmlChars } from '../domain/text.js'

/** Cuts to at most `max` characters (code points), never splitting a surrogate pair. */
export function truncateChars(s: string, max: number): string {
  if (s.length <= max) return s // UTF-16 length ≥ code points: nothing to cut.
  let count = 0
  let i = 0
  while (i < s.length && count < max) {
    const c = s.charCodeAt(i)
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1
    count++
  }
  return s.slice(0, i)
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
