// JSON.parse with a syntax error a person can find: line and column, whatever Node's own message says.

export interface JsonSyntaxProblem {
  /** 1-based. */
  line: number
  /** 1-based, in characters. */
  column: number
  /** What was found where, e.g. `expected "," or "}" after a property value, found "\"b\""`. */
  message: string
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem }

/** "line 3, column 7: expected …" */
export function describeJsonProblem(p: JsonSyntaxProblem): string {
  return `line ${p.line}, column ${p.column}: ${p.message}`
}

/**
 * JSON.parse does the parsing; only when it fails is the text scanned again to say where (Node 20's messages
 * give a position for some errors and none for others; line and column are what an editor shows).
 */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false, problem: locateJsonError(text) }
  }
}

const WS = new Set([' ', '\t', '\n', '\r'])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
// Any character but `"`, `\` and the controls below U+0020, or an escape.
const STRING = /"(?:[\x20\x21\x23-\x5B\x5D-\uFFFF]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y

/** Finds the first place where `text` stops being JSON. Iterative: any depth. */
export function locateJsonError(text: string): JsonSyntaxProblem {
  let i = 0
  const at = (pos: number, message: string): JsonSyntaxProblem => {
    const before = text.slice(0, pos)
    const line = before.split('\n').length
    const column = pos - (before.lastIndexOf('\n') + 1) + 1
    return { line, column, message }
  }
  const found = () => (i >= text.length ? 'the end of the text' : JSON.stringify(text.slice(i, i + 12)))
  const skip = () => {
    while (i < text.length && WS.has(text[i] as string)) i++
  }
  // What the parser expects next.
  type State = 'value' | 'after-value' | 'key' | 'first-key-or-close' | 'first-value-or-close' | 'colon'
  const stack: ('{' | '[')[] = []
  let state: State = 'value'
  for (;;) {
    skip()
    const c = text[i]
    if (state === 'value' || state === 'first-value-or-close') {
      if (state === 'first-value-or-close' && c === ']') {
        i++
        stack.pop()
        state = 'after-value'
        continue
      }
      if (c === '{') {
        stack.push('{')
        i++
        state = 'first-key-or-close'
        continue
      }
      if (c === '[') {
        stack.push('[')
        i++
        state = 'first-value-or-close'
        continue
      }
      const len = scalarLength(text, i)
      if (len === 0) {
        if (c === '"') return at(i, 'a string that is not closed or holds a bad escape or control character')
        return at(i, `expected a value, found ${found()}`)
      }
      i += len
      state = 'after-value'
      continue
    }
    if (state === 'key' || state === 'first-key-or-close') {
      if (state === 'first-key-or-close' && c === '}') {
        i++
        stack.pop()
        state = 'after-value'
        continue
      }
      STRING.lastIndex = i
      const m = c === '"' ? STRING.exec(text) : null
      if (!m) return at(i, `expected a property name in double quotes, found ${found()}`)
      i += m[0].length
      state = 'colon'
      continue
    }
    if (state === 'colon') {
      if (c !== ':') return at(i, `expected ":" after a property name, found ${found()}`)
      i++
      state = 'value'
      continue
    }
    // after-value
    const open = stack[stack.length - 1]
    if (open === undefined) {
      if (i >= text.length) return at(i, 'the text is valid JSON')
      return at(i, `unexpected ${found()} after the end of the JSON value`)
    }
    const close = open === '{' ? '}' : ']'
    if (c === ',') {
      i++
      state = open === '{' ? 'key' : 'value'
      continue
    }
    if (c === close) {
      i++
      stack.pop()
      continue
    }
    return at(i, `expected "," or "${close}" after ${open === '{' ? 'a property value' : 'an array element'}, found ${found()}`)
  }
}

function scalarLength(text: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return word.length
  for (const re of [STRING, NUMBER]) {
    re.lastIndex = i
    const m = re.exec(text)
    if (m) return m[0].length
  }
  return 0
}
