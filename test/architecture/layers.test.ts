// The layering of ../shared/style.md, checked over src/: who may import whom, no circles between layers, and
// where better-sqlite3, SQL, process.env and transactions may appear.

import { readdirSync, readFileSync } from 'node:fs'
import { join, posix, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

// ---------------------------------------------------------------------------------------------------------
// The layers and who may import whom.

type Layer =
  | 'domain'
  | 'shared'
  | 'config'
  | 'shipstation'
  | 'sophio'
  | 'db'
  | 'services'
  | 'http'
  | 'cli'
  | 'process'
  | 'wiring'

/** The wiring points: they, and only they, put the layers together, so they may import anything. */
const WIRING = ['src/app.ts', 'src/server.ts', 'src/cli/index.ts']

/**
 * Where a file of ours belongs. Files directly under src/ other than the wiring points each have a role:
 * `errors.ts` and `logger.ts` are shared by every layer but domain (an AppError may be thrown, a logger
 * passed, anywhere outside the pure core); `config.ts` is read by the wiring and handed on as a value;
 * `log-destination.ts` and `first-start.ts` serve the process entry only.
 */
function layerOf(file: string): Layer {
  if (WIRING.includes(file)) return 'wiring'
  const top = file.split('/')[1] ?? ''
  switch (top) {
    case 'domain':
    case 'shipstation':
    case 'sophio':
    case 'db':
    case 'services':
    case 'http':
    case 'cli':
      return top
    case 'errors.ts':
    case 'logger.ts':
      return 'shared'
    case 'config.ts':
      return 'config'
    case 'log-destination.ts':
    case 'first-start.ts':
      return 'process'
  }
  throw new Error(`${file}: no layer — add it to layerOf() in ${relative(ROOT, import.meta.filename)}`)
}

/**
 * Who may import whom, besides a layer importing itself (style.md, "Who may import whom"):
 * `domain` ← everything; `shipstation`, `sophio` → `domain`; `db` → `domain`; `services` → `domain`, `db`, the
 * edges; `http` and `cli` → `services`. The style's "domain ← everything" gives http and cli domain; http
 * also uses the protocol edges to parse what arrives and serialize what leaves ("parse, call a service,
 * serialize"; "XML bodies … are parsed in shipstation/"); cli has no need of them ("uses services, never SQL,
 * never http/"). Neither http nor cli ever reaches db: the services stand between.
 */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  domain: [],
  shared: ['domain'],
  config: ['domain'],
  shipstation: ['domain', 'shared'],
  sophio: ['domain', 'shared'],
  db: ['domain', 'shared'],
  services: ['domain', 'shared', 'config', 'db', 'shipstation', 'sophio'],
  http: ['domain', 'shared', 'config', 'services', 'shipstation', 'sophio'],
  cli: ['domain', 'shared', 'config', 'services'],
  process: ['domain', 'shared'],
  wiring: ['domain', 'shared', 'config', 'shipstation', 'sophio', 'db', 'services', 'http', 'cli', 'process', 'wiring'],
}

/**
 * Imports allowed only as `import type`: the configuration is loaded by the wiring and handed in as a value;
 * the layers below it may name its types (Config, Timeouts…), never call loadConfig.
 */
const TYPE_ONLY: Partial<Record<Layer, readonly Layer[]>> = {
  services: ['config'],
  http: ['config'],
  cli: ['config'],
}

// ---------------------------------------------------------------------------------------------------------
// Known violations: today's code, on its way out. Each entry must still be true (the test fails when one is
// fixed and not crossed off here), so the list only shrinks. Nothing may be added to it.
//
// Keys: `import <from> → <to>`, `cycle <layer> ↔ <layer>`, `sql <file>`, `better-sqlite3 <file>`,
// `process.env <file>`, `transaction <file>` (one entry per file, however many sites it has).

// Empty: every rule holds. A violation that has to stay for a while is listed here with why, and removed
// when fixed (the test below fails on an entry that no longer holds).
const KNOWN_VIOLATIONS: readonly string[] = []

// ---------------------------------------------------------------------------------------------------------
// Reading the sources: the TypeScript parser (already a devDependency), so multi-line imports, comments and
// strings are told apart without guessing.

interface ImportRef {
  /** Module specifier as written. */
  spec: string
  /** Resolved file under src/ (for relative specifiers), repository-relative with forward slashes. */
  target: string | undefined
  typeOnly: boolean
  line: number
}

interface SourceFacts {
  file: string
  imports: ImportRef[]
  /** Text of every string and template literal (template parts joined with `${…}`), with its line. */
  strings: { text: string; line: number }[]
  /** Lines of calls `x.transaction(…)`. */
  transactions: number[]
  /** Lines of `process.env` reads (any spelling), or of `env` imported from node:process. */
  envReads: number[]
  /** Lines of better-sqlite3 statement calls `x.prepare(…)` / `x.pragma(…)`: SQL even without a literal. */
  sqlCalls: number[]
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return listTs(p)
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

function repoPath(abs: string): string {
  return relative(ROOT, abs).split(/[\\/]/).join('/')
}

function resolveSpec(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts')
}

/** Reads one source text; `file` is its repository-relative path (it need not exist, for the self-tests). */
function factsOf(file: string, text: string): SourceFacts {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1
  const facts: SourceFacts = { file, imports: [], strings: [], transactions: [], envReads: [], sqlCalls: [] }
  const addImport = (spec: string, typeOnly: boolean, node: ts.Node) =>
    facts.imports.push({ spec, target: resolveSpec(file, spec), typeOnly, line: lineOf(node) })
  const isProcess = (e: ts.Expression) =>
    (ts.isIdentifier(e) && e.text === 'process') || (ts.isPropertyAccessExpression(e) && e.name.text === 'process')
  const calledName = (e: ts.Expression): string | undefined => {
    if (ts.isPropertyAccessExpression(e)) return e.name.text
    if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression)) return e.argumentExpression.text
    return undefined
  }

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const c = node.importClause
      const typeOnly =
        c !== undefined &&
        (c.isTypeOnly ||
          (c.name === undefined &&
            c.namedBindings !== undefined &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)))
      addImport(node.moduleSpecifier.text, typeOnly, node)
      const spec = node.moduleSpecifier.text
      if ((spec === 'process' || spec === 'node:process') && c?.namedBindings && ts.isNamedImports(c.namedBindings)) {
        if (c.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === 'env')) facts.envReads.push(lineOf(node))
      }
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const e = node.moduleReference.expression
      if (ts.isStringLiteral(e)) addImport(e.text, node.isTypeOnly, node)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause !== undefined &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.length > 0 &&
          node.exportClause.elements.every((e) => e.isTypeOnly))
      addImport(node.moduleSpecifier.text, typeOnly, node)
    } else if (ts.isImportTypeNode(node)) {
      // `import('…').T` in a type position
      const a = node.argument
      if (ts.isLiteralTypeNode(a) && ts.isStringLiteral(a.literal)) addImport(a.literal.text, true, node)
    } else if (ts.isCallExpression(node)) {
      const [arg] = node.arguments
      const isLoader =
        node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')
      if (isLoader && arg && ts.isStringLiteralLike(arg)) addImport(arg.text, false, node)
      const name = calledName(node.expression)
      if (name === 'transaction') facts.transactions.push(lineOf(node))
      if (name === 'prepare' || name === 'pragma') facts.sqlCalls.push(lineOf(node))
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) {
      facts.envReads.push(lineOf(node))
    } else if (
      ts.isElementAccessExpression(node) &&
      isProcess(node.expression) &&
      ts.isStringLiteralLike(node.argumentExpression) &&
      node.argumentExpression.text === 'env'
    ) {
      facts.envReads.push(lineOf(node))
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && isProcess(node.initializer)) {
      // const { env } = process
      if (node.name.elements.some((e) => ((e.propertyName ?? e.name) as ts.Identifier).text === 'env')) facts.envReads.push(lineOf(node))
    }

    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      facts.strings.push({ text: node.text, line: lineOf(node) })
    } else if (ts.isTemplateExpression(node)) {
      const text = node.head.text + node.templateSpans.map((s) => '${…}' + s.literal.text).join('')
      facts.strings.push({ text, line: lineOf(node) })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return facts
}

/** SQL as it is written in this code base: statement keywords in capitals. */
const SQL_PATTERNS: readonly RegExp[] = [
  /\bSELECT\b[\s\S]*\bFROM\b/,
  /\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b/,
  /\bREPLACE\s+INTO\b/,
  /\bUPDATE\s+\S+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /(?:^|;)\s*PRAGMA\s+\w/m,
  /^\s*(?:BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/,
  /\b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+|TEMPORARY\s+|UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|VIEW|TRIGGER)\b/,
]

function looksLikeSql(text: string): boolean {
  return SQL_PATTERNS.some((p) => p.test(text))
}

const isSqliteDriver = (spec: string) => /^better-sqlite3(?:$|[-/])/.test(spec)

/** Every rule over one file's facts, as KNOWN_VIOLATIONS keys with where they were seen. */
function violationsOf(facts: SourceFacts): Map<string, string[]> {
  const found = new Map<string, string[]>()
  const add = (key: string, line: number) => found.set(key, [...new Set([...(found.get(key) ?? []), `${facts.file}:${line}`])])
  const { file } = facts
  const from = layerOf(file)
  const inDb = file.startsWith('src/db/')

  for (const imp of facts.imports) {
    if (imp.target !== undefined && imp.target.startsWith('src/')) {
      const to = layerOf(imp.target)
      if (to === from) continue
      const allowed = MAY_IMPORT[from].includes(to)
      const typeOnlyRequired = TYPE_ONLY[from]?.includes(to) ?? false
      if (!allowed || (typeOnlyRequired && !imp.typeOnly)) add(`import ${file} → ${imp.target}`, imp.line)
    }
    if (!inDb && isSqliteDriver(imp.spec)) add(`better-sqlite3 ${file}`, imp.line)
  }
  if (!inDb) {
    for (const s of facts.strings) {
      if (looksLikeSql(s.text)) add(`sql ${file}`, s.line)
      if (isSqliteDriver(s.text)) add(`better-sqlite3 ${file}`, s.line)
    }
    for (const line of facts.sqlCalls) add(`sql ${file}`, line)
    for (const line of facts.transactions) add(`transaction ${file}`, line)
  }
  if (file !== 'src/config.ts') for (const line of facts.envReads) add(`process.env ${file}`, line)
  return found
}

/** Layer circles in an edge list: each set of layers that reach one another, as `cycle a ↔ b ↔ …` (sorted). */
function layerCycles(edges: Iterable<[Layer, Layer]>): string[] {
  const next = new Map<Layer, Set<Layer>>()
  for (const [a, b] of edges) if (a !== b) next.set(a, (next.get(a) ?? new Set()).add(b))
  const reach = (start: Layer): Set<Layer> => {
    const seen = new Set<Layer>()
    const stack = [...(next.get(start) ?? [])]
    while (stack.length > 0) {
      const l = stack.pop() as Layer
      if (seen.has(l)) continue
      seen.add(l)
      stack.push(...(next.get(l) ?? []))
    }
    return seen
  }
  const layers = [...new Set([...next.keys(), ...[...next.values()].flatMap((s) => [...s])])].sort()
  const out = new Set<string>()
  for (const a of layers) {
    const circle = layers.filter((b) => b === a || (reach(a).has(b) && reach(b).has(a)))
    if (circle.length > 1) out.add(`cycle ${circle.join(' ↔ ')}`)
  }
  return [...out]
}

const SOURCES = listTs(join(ROOT, 'src'))
  .map((abs) => factsOf(repoPath(abs), readFileSync(abs, 'utf8')))
  .sort((a, b) => a.file.localeCompare(b.file))

function allViolations(): Map<string, string[]> {
  const all = new Map<string, string[]>()
  for (const f of SOURCES) for (const [k, where] of violationsOf(f)) all.set(k, [...(all.get(k) ?? []), ...where])
  // Circles over the layer graph as it is, leaving out the edges already listed as known violations.
  const edges: [Layer, Layer][] = []
  for (const f of SOURCES) {
    for (const imp of f.imports) {
      if (imp.target === undefined || !imp.target.startsWith('src/')) continue
      if (KNOWN_VIOLATIONS.includes(`import ${f.file} → ${imp.target}`)) continue
      edges.push([layerOf(f.file), layerOf(imp.target)])
    }
  }
  for (const c of layerCycles(edges)) all.set(c, ['layer graph'])
  // The listed import violations close circles of their own; report those as known too.
  const withKnown: [Layer, Layer][] = [...edges]
  for (const k of KNOWN_VIOLATIONS) {
    const m = /^import (\S+) → (\S+)$/.exec(k)
    if (m) withKnown.push([layerOf(m[1] as string), layerOf(m[2] as string)])
  }
  for (const c of layerCycles(withKnown)) if (!all.has(c)) all.set(c, ['layer graph, with the known import violations'])
  return all
}

describe('layers (style.md: who may import whom)', () => {
  const all = allViolations()

  it('finds every file of ours and places it in a layer', () => {
    expect(SOURCES.length).toBeGreaterThan(50)
    for (const f of SOURCES) expect(() => layerOf(f.file)).not.toThrow()
    for (const f of SOURCES) for (const i of f.imports) if (i.target?.startsWith('src/')) expect(SOURCES.map((s) => s.file)).toContain(i.target)
  })

  it('has no violation beyond the known ones', () => {
    const unexpected = [...all].filter(([k]) => !KNOWN_VIOLATIONS.includes(k)).map(([k, where]) => `${k}  (${where.join(', ')})`)
    expect(unexpected, 'layering violations (see MAY_IMPORT and the rules in this file)').toEqual([])
  })

  it('lists only violations that still exist, so KNOWN_VIOLATIONS only shrinks', () => {
    const stale = KNOWN_VIOLATIONS.filter((k) => !all.has(k))
    expect(stale, 'fixed: remove these from KNOWN_VIOLATIONS').toEqual([])
  })

  it('allows no circle in the table itself', () => {
    const edges = Object.entries(MAY_IMPORT).flatMap(([a, bs]) => bs.map((b): [Layer, Layer] => [a as Layer, b]))
    // The wiring imports everything and nothing imports it; the rest must form a hierarchy.
    expect(layerCycles(edges)).toEqual([])
    for (const [a, bs] of Object.entries(MAY_IMPORT)) if (a !== 'wiring') expect(bs).not.toContain('wiring')
    expect(MAY_IMPORT.domain).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------------------
// The checks themselves can fail: each rule against a small made-up source.

describe('the layering checks catch', () => {
  const keys = (file: string, text: string) => [...violationsOf(factsOf(file, text)).keys()]

  it.each([
    ['domain → db', 'src/domain/x.ts', `import { a } from '../db/open.js'`, 'import src/domain/x.ts → src/db/open.ts'],
    ['domain → shared', 'src/domain/x.ts', `import type { Logger } from '../logger.js'`, 'import src/domain/x.ts → src/logger.ts'],
    ['shipstation → sophio', 'src/shipstation/x.ts', `export { a } from '../sophio/createorder.js'`, 'import src/shipstation/x.ts → src/sophio/createorder.ts'],
    ['sophio → services', 'src/sophio/x.ts', `import '../services/index.js'`, 'import src/sophio/x.ts → src/services/index.ts'],
    ['db → services', 'src/db/x.ts', `const m = await import('../services/index.js')`, 'import src/db/x.ts → src/services/index.ts'],
    ['services → http', 'src/services/x.ts', `import {\n  type A,\n  b,\n} from '../http/auth.js'`, 'import src/services/x.ts → src/http/auth.ts'],
    ['http → db (even a type)', 'src/http/x.ts', `import type { Db } from '../db/open.js'`, 'import src/http/x.ts → src/db/open.ts'],
    ['cli → db', 'src/cli/x.ts', `type T = import('../db/open.js').Db`, 'import src/cli/x.ts → src/db/open.ts'],
    ['cli → http', 'src/cli/x.ts', `import { a } from '../http/html.js'`, 'import src/cli/x.ts → src/http/html.ts'],
    ['cli → an edge', 'src/cli/x.ts', `import { a } from '../shipstation/export-writer.js'`, 'import src/cli/x.ts → src/shipstation/export-writer.ts'],
    ['a value from config below the wiring', 'src/services/x.ts', `import { loadConfig } from '../config.js'`, 'import src/services/x.ts → src/config.ts'],
    ['a layer → the wiring', 'src/http/x.ts', `import { buildApp } from '../app.js'`, 'import src/http/x.ts → src/app.ts'],
    ['better-sqlite3 outside db', 'src/services/x.ts', `import Database from 'better-sqlite3'`, 'better-sqlite3 src/services/x.ts'],
    ['the Node 20 build outside db', 'src/cli/x.ts', `const D = require('better-sqlite3-node20')`, 'better-sqlite3 src/cli/x.ts'],
    ['SELECT … FROM', 'src/services/x.ts', "const q = `SELECT id\n  FROM orders WHERE n = ${n}`", 'sql src/services/x.ts'],
    ['INSERT INTO', 'src/http/x.ts', `db.run('INSERT OR IGNORE INTO t (a) VALUES (?)')`, 'sql src/http/x.ts'],
    ['UPDATE … SET', 'src/cli/x.ts', `const q = "UPDATE orders SET status = ?"`, 'sql src/cli/x.ts'],
    ['DELETE FROM', 'src/services/x.ts', `const q = 'DELETE FROM notices'`, 'sql src/services/x.ts'],
    ['PRAGMA', 'src/services/x.ts', `const q = 'PRAGMA data_version'`, 'sql src/services/x.ts'],
    ['BEGIN', 'src/services/x.ts', `run('BEGIN IMMEDIATE')`, 'sql src/services/x.ts'],
    ['a prepared statement', 'src/services/x.ts', `const s = db.prepare(sql)`, 'sql src/services/x.ts'],
    ['a pragma call', 'src/http/x.ts', `db.pragma('journal_mode')`, 'sql src/http/x.ts'],
    ['process.env', 'src/services/x.ts', `const p = process.env.PORT`, 'process.env src/services/x.ts'],
    ["process['env']", 'src/db/x.ts', `const e = process['env']`, 'process.env src/db/x.ts'],
    ['const { env } = process', 'src/http/x.ts', `const { env } = process`, 'process.env src/http/x.ts'],
    ['env from node:process', 'src/cli/x.ts', `import { env } from 'node:process'`, 'process.env src/cli/x.ts'],
    ['.transaction(', 'src/services/x.ts', `db.transaction(() => 1).immediate()`, 'transaction src/services/x.ts'],
    ['.transaction( in a chain', 'src/cli/x.ts', `services.db\n  .transaction(() => 1)()`, 'transaction src/cli/x.ts'],
  ])('%s', (_name, file, text, key) => {
    expect(keys(file, text)).toContain(key)
  })

  it.each([
    ['db → domain', 'src/db/x.ts', `import type { Order } from '../domain/order.js'`],
    ['services → db, edges, config types', 'src/services/x.ts', `import type { Config } from '../config.js'\nimport { a } from '../db/open.js'\nimport { b } from '../sophio/createorder.js'`],
    ['http → services, shipstation, errors', 'src/http/x.ts', `import { a } from '../services/index.js'\nimport { b } from '../shipstation/xml-reply.js'\nimport { c } from '../errors.js'`],
    ['SQL, the driver and transactions inside db', 'src/db/x.ts', `import type D from 'better-sqlite3'\nconst s = db.prepare('SELECT 1 FROM t')\ndb.transaction(() => 1)`],
    ['process.env in config.ts', 'src/config.ts', `const e = process.env`],
    ['prose that only looks like SQL', 'src/http/x.ts', `const t = 'Select a store from the list, then update the settings'`],
    ['PRAGMA named in a help text', 'src/cli/x.ts', "const h = `checked with PRAGMA integrity_check, then renamed`"],
    ['a comment', 'src/services/x.ts', `// db.transaction(...) and SELECT * FROM orders and process.env live elsewhere`],
  ])('not %s', (_name, file, text) => {
    expect(keys(file, text)).toEqual([])
  })

  it('the SQL that is in src/db/', () => {
    const db = SOURCES.filter((f) => f.file.startsWith('src/db/'))
    const withSql = db.filter((f) => f.strings.some((s) => looksLikeSql(s.text))).map((f) => f.file)
    for (const f of ['src/db/orders-repo.ts', 'src/db/notices-repo.ts', 'src/db/migrations.ts', 'src/db/ops-repo.ts']) {
      expect(withSql).toContain(f)
    }
    expect(db.flatMap((f) => f.transactions).length).toBeGreaterThan(0)
    expect(db.flatMap((f) => f.sqlCalls).length).toBeGreaterThan(10)
  })

  it('a circle between layers', () => {
    expect(layerCycles([['db', 'services'], ['services', 'http'], ['http', 'db'], ['cli', 'services']])).toEqual([
      'cycle db ↔ http ↔ services',
    ])
    expect(layerCycles([['db', 'shared'], ['shared', 'db'], ['http', 'services'], ['services', 'http']]).sort()).toEqual([
      'cycle db ↔ shared',
      'cycle http ↔ services',
    ])
    expect(layerCycles([['http', 'services'], ['services', 'db']])).toEqual([])
  })
})
