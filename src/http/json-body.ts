// The JSON API's body reader: strict UTF-8, JSON with the parser's own message, and no keys or text that lie.

import { describeJsonProblem, parseJson } from '../domain/json-syntax.js'
import { AppError, CODE } from '../errors.js'
import { firstInvalidUtf8 } from '../shipstation/notice-body.js'

/** Deeper than any createorder body (about 5 levels); a deeper one is an attack or a bug on the sender's side. */
export const MAX_JSON_DEPTH = 64

const utf8 = new TextDecoder('utf-8', { fatal: true })
/** A UTF-16 surrogate without its partner: JSON can spell one (`"\ud800"`), UTF-8 and SQLite cannot store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/**
 * Bytes → a JSON value, or a BadRequestError saying what to fix. Why not Fastify's parser: it decodes bad
 * UTF-8 into U+FFFD silently (the stored order would differ from the one sent) and answers a `__proto__` key
 * with "Body is not valid JSON", which sends the caller looking for a syntax error that is not there.
 */
export function readJsonBody(bytes: Uint8Array): unknown {
  if (bytes.length === 0) throw AppError.of(CODE.EMPTY_BODY, 'a JSON object')
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    throw AppError.of(CODE.BAD_ENCODING, `(first bad byte at offset ${firstInvalidUtf8(bytes)}); send JSON as UTF-8`)
  }
  const parsed = parseJson(text)
  if (!parsed.ok) {
    throw AppError.of(CODE.MALFORMED_JSON, describeJsonProblem(parsed.problem))
  }
  checkJsonValue(parsed.value)
  return parsed.value
}

interface Visit {
  value: unknown
  parent: Visit | undefined
  key: string | number
  depth: number
}

/**
 * Walks the parsed value without recursion (JSON.parse copes with any depth; a recursive walk would not) and
 * refuses prototype keys, unpaired surrogates and excessive depth, naming where. Paths are built only on error.
 */
export function checkJsonValue(root: unknown): void {
  const stack: Visit[] = [{ value: root, parent: undefined, key: '$', depth: 0 }]
  for (let v = stack.pop(); v !== undefined; v = stack.pop()) {
    const { value } = v
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) throw AppError.of(CODE.BAD_TEXT, pathOf(v), false)
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (v.depth >= MAX_JSON_DEPTH) {
      throw AppError.of(CODE.TOO_DEEP, MAX_JSON_DEPTH)
    }
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], parent: v, key: i, depth: v.depth + 1 })
      continue
    }
    for (const [k, x] of Object.entries(value)) {
      const at: Visit = { value: x, parent: v, key: k, depth: v.depth + 1 }
      // The keys prototype pollution goes through; never a field of ours in any case.
      if (k === '__proto__' || (k === 'constructor' && typeof x === 'object' && x !== null && 'prototype' in x)) {
        throw AppError.of(CODE.FORBIDDEN_KEY, pathOf(at), k)
      }
      if (LONE_SURROGATE.test(k)) throw AppError.of(CODE.BAD_TEXT, pathOf(v), true)
      stack.push(at)
    }
  }
}

/** `$`, `items[0].name`… in the style of the order validator's field paths. */
function pathOf(v: Visit): string {
  const parts: (string | number)[] = []
  for (let p: Visit | undefined = v; p?.parent !== undefined; p = p.parent) parts.unshift(p.key)
  if (parts.length === 0) return '$'
  return parts
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`))
    .join('')
    .slice(0, 200)
}
