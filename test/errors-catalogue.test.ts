// The error catalogue is the only place a code is written: no code as a string literal elsewhere, no dead code.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { CODE, ERRORS, type ErrorCode } from '../src/errors.js'

const SRC = join(import.meta.dirname, '..', 'src')
const CATALOGUE = 'errors.ts'
const CODES = Object.keys(ERRORS) as ErrorCode[]

function sourceFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((f) => ({ path: f.split('\\').join('/'), text: readFileSync(join(dir, f), 'utf8') }))
}

/** `file:line 'CODE'` for every string or template text (comments aside) that spells a catalogue code. */
function codeLiterals(path: string, text: string, codes: readonly string[]): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS)
  const words = new RegExp(`(?<![A-Z0-9_])(${codes.join('|')})(?![A-Z0-9_])`, 'g')
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    let spelt: string[] = []
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      spelt = codes.includes(node.text) ? [node.text] : []
    } else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      spelt = [...node.text.matchAll(words)].map((m) => m[1] as string)
    }
    for (const code of spelt) {
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1
      found.push(`${path}:${line} '${code}'`)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

describe('the error catalogue (src/errors.ts)', () => {
  const files = sourceFiles(SRC)

  it('gives every code its own name as the typed constant', () => {
    expect(CODES.length).toBeGreaterThan(30)
    for (const code of CODES) expect(CODE[code]).toBe(code)
  })

  it('finds a code spelt as a string, in a type or in a template, but not in a comment', () => {
    const sample = [
      "throw thing('ORDER_NOT_FOUND')",
      'type T = "MALFORMED_XML" | `BAD_DATE`',
      'const m = `${x}: INTERNAL error`',
      "// 'NOT_FOUND' in a comment, and 'NOT_FOUNDS' or CODE.NOT_FOUND are not codes",
      "const y = 'NOT_FOUNDS'",
    ].join('\n')
    expect(codeLiterals('sample.ts', sample, CODES)).toEqual([
      "sample.ts:1 'ORDER_NOT_FOUND'",
      "sample.ts:2 'MALFORMED_XML'",
      "sample.ts:2 'BAD_DATE'",
      "sample.ts:3 'INTERNAL'",
    ])
  })

  it('is the only file of src/ that writes a code as a string', () => {
    const outside = files.filter((f) => f.path !== CATALOGUE).flatMap((f) => codeLiterals(f.path, f.text, CODES))
    expect(outside, 'use CODE.<name> from src/errors.ts instead').toEqual([])
  })

  it('declares no code that src/ never uses (as CODE.<name>)', () => {
    const used = new Set(files.flatMap((f) => [...f.text.matchAll(/\bCODE\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1])))
    const dead = CODES.filter((c) => !used.has(c))
    expect(dead, 'remove these from the catalogue, or use them').toEqual([])
  })

  it('gives every code a status from 400 to 599', () => {
    for (const [code, e] of Object.entries(ERRORS)) {
      expect(e.status >= 400 && e.status < 600, `${code}: ${e.status}`).toBe(true)
    }
  })
})
