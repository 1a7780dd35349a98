// The bytes of a shipnotify POST → text: strict UTF-8, or the single-byte encoding the XML declaration names.

import { CODE, messageOf } from '../errors.js'

/** Larger notices are refused (a ShipNotice is a few KB). */
export const NOTICE_MAX_BYTES = 1024 * 1024
/** How much of a refused oversized body the journal keeps, for diagnosis. */
export const NOTICE_KEEP_BYTES = 64 * 1024

export type DecodedBody = { ok: true; text: string; encoding: string } | { ok: false; message: string }

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
// WHATWG reads every ISO-8859-1 label as windows-1252, a superset with characters at 0x80–0x9F; Node's own
// TextDecoder leaves those as C1 controls, so the table is ours.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178'
const latin = {
  decode(bytes: Uint8Array): string {
    let out = ''
    for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b)
    return out
  },
}
const SINGLE_BYTE = /^(iso-8859-1|iso8859-1|latin-?1|l1|windows-1252|cp-?1252|us-ascii|ascii)$/i

/**
 * UTF-8 first, whatever is declared: real bodies are UTF-8 and a copied declaration often lies. Only bytes
 * that are not UTF-8 make us look at the declaration (or the Content-Type charset) for a Latin-1 family name.
 * A UTF-16 byte-order mark is honoured too.
 */
export function decodeNoticeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: decodeWith('utf-16le', bytes, 2), encoding: 'utf-16le' }
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: decodeWith('utf-16be', bytes, 2), encoding: 'utf-16be' }
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: fall through to the declared encoding.
  }
  const declared = declaredEncoding(bytes) ?? charsetOf(contentType)
  if (declared && SINGLE_BYTE.test(declared))
    return { ok: true, text: latin.decode(bytes), encoding: declared.toLowerCase() }
  const at = firstInvalidUtf8(bytes)
  return {
    ok: false,
    message: messageOf(
      CODE.BAD_ENCODING,
      `(first bad byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at})` +
        (declared ? ` and its declared encoding "${declared}" is not one we read` : ' and declares no other encoding'),
    ),
  }
}

function decodeWith(encoding: string, bytes: Uint8Array, skip: number): string {
  return new TextDecoder(encoding).decode(bytes.subarray(skip))
}

/** `encoding="…"` from an `<?xml …?>` declaration at the very start (ASCII-compatible bytes). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1')
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml\b[^?]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)
  return m?.[1]
}

function charsetOf(contentType: string | null): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([A-Za-z0-9._-]+)/i.exec(contentType)?.[1] : undefined
}

/** Offset of the first byte that breaks UTF-8 (for the error message). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0
  let hi = bytes.length
  // Binary search on prefixes; a prefix cut inside a valid sequence is tolerated by `stream: true`.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true })
      lo = mid + 1
    } catch {
      hi = mid
    }
  }
  return lo
}
