// Whether dist/ is the build of the sources as they are now: a hash of src/ and the tsconfig files, kept in dist/.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'src']
// Content, not modification times: a copy, an unpacked archive or a checkout can leave any order of mtimes.
const STAMP = join(ROOT, 'dist', '.source-hash')

/** sha256 over every input file's path and content, in a fixed order. */
export function sourceHash() {
  const hash = createHash('sha256')
  const add = (path) => {
    const entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const e of entries) {
      const full = join(path, e.name)
      if (e.isDirectory()) add(full)
      else if (e.isFile()) hash.update(`${relative(ROOT, full)}\0`).update(readFileSync(full)).update('\0')
    }
  }
  for (const input of INPUTS) {
    const full = join(ROOT, input)
    if (input === 'src') add(full)
    else hash.update(`${input}\0`).update(readFileSync(full)).update('\0')
  }
  return hash.digest('hex')
}

/** 'current' (dist/ was built from these sources), 'stale' (from others) or 'missing'. */
export function buildState() {
  if (!existsSync(join(ROOT, 'dist', 'server.js'))) return 'missing'
  let built
  try {
    built = readFileSync(STAMP, 'utf8').trim()
  } catch {
    return 'stale'
  }
  return built === sourceHash() ? 'current' : 'stale'
}

/** The TypeScript compiler, or null where the dev dependencies are not installed (`npm ci --omit=dev`). */
export function compiler() {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc')
  } catch {
    return null
  }
}

/** Compiles src/ into dist/ and records what it was built from; throws when tsc fails (no stamp then). */
export function build(tsc = compiler()) {
  if (!tsc) throw new Error('TypeScript is not installed: `npm ci` (with the dev dependencies) first')
  const hash = sourceHash()
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' })
  writeFileSync(STAMP, `${hash}\n`)
}
