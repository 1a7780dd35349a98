// Characters XML 1.0 cannot carry: everything that reaches ShipStation passes through here.

// Everything outside XML 1.0's Char production: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
export const ILLEGAL_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const ILLEGAL_ALL = new RegExp(ILLEGAL_XML_CHAR.source, 'gu')

/** Removes characters XML 1.0 cannot carry. */
export function removeIllegalXmlChars(s: string): string {
  return ILLEGAL_XML_CHAR.test(s) ? s.replace(ILLEGAL_ALL, '') : s
}
