// Where a JSON text stops being JSON: line, column and what was expected, for the mistakes people make.

import { describe, expect, it } from 'vitest'
import { locateJsonError, parseJson } from '../../src/domain/json-syntax.js'

describe('parseJson', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parseJson('{"a":[1,2,{"b":null}],"c":"\\u00e9"}')).toEqual({
      ok: true,
      value: { a: [1, 2, { b: null }], c: 'é' },
    })
  })

  it.each([
    ['', 1, 1, 'expected a value, found the end of the text'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}" after a property value, found "\\"b\\": 2\\n}"'],
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes, found "}"'],
    ['[1, 2,]', 1, 7, 'expected a value, found "]"'],
    ["{'a': 1}", 1, 2, `expected a property name in double quotes, found "'a': 1}"`],
    ['{"a" 1}', 1, 6, 'expected ":" after a property name, found "1}"'],
    ['{"a": tru}', 1, 7, 'expected a value, found "tru}"'],
    ['{"a": "x\ny"}', 1, 7, 'a string that is not closed or holds a bad escape or control character'],
    ['{"a": 1} {"b": 2}', 1, 10, 'unexpected "{\\"b\\": 2}" after the end of the JSON value'],
    ['[[[[1]]]', 1, 9, 'expected "," or "]" after an array element, found the end of the text'],
    ['{"é": 01}', 1, 8, 'expected "," or "}" after a property value, found "1}"'],
  ])('%j → line %i, column %i', (text, line, column, message) => {
    const r = parseJson(text)
    expect(r.ok).toBe(false)
    expect(r.ok ? null : r.problem).toEqual({ line, column, message })
  })

  it('copes with any depth', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(99_999)}`
    expect(locateJsonError(deep)).toMatchObject({ line: 1, column: 200_000 })
  })
})
