// `npm run bench:ab -- <other checkout>`: the same work through this build and another one (its dist/), in
// alternating child processes, so both see the same machine. For a refactoring that must not lose speed.

import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const other = process.argv[2]
if (!other || !existsSync(join(other, 'dist', 'app.js'))) {
  console.error('usage: npm run bench:ab -- <path of another checkout with a built dist/> [rounds]')
  process.exit(2)
}
const rounds = Number(process.argv[3] ?? 5)
const here = resolve(fileURLToPath(new URL('..', import.meta.url)))
const builds = { before: resolve(other, 'dist'), after: join(here, 'dist') }
const child = fileURLToPath(new URL('./lib/ab-child.js', import.meta.url))
const runs = { before: [], after: [] }

for (let r = 0; r < rounds; r++) {
  // Alternate which goes first, so a machine that slows down or warms up favours neither.
  const order = r % 2 === 0 ? ['before', 'after'] : ['after', 'before']
  for (const which of order) {
    const out = execFileSync(process.execPath, [child], { env: { ...process.env, AB_DIST: builds[which] } })
    const result = JSON.parse(out.toString().trim().split('\n').at(-1))
    runs[which].push(result)
    console.log(`round ${r + 1} ${which.padEnd(6)} intake ${result.intakeMs.toFixed(0)} ms, export ${result.exportMs.toFixed(0)} ms, shipnotify ${result.notifyMs.toFixed(0)} ms`)
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const { orders, pages } = runs.after[0]
const rows = [
  ['createorder (inject, 16 at once, durable)', 'intakeMs', orders, 'orders/s'],
  ['export pages of 100 (inject, one at a time)', 'exportMs', pages * 100, 'orders/s'],
  ['shipnotify (inject, 16 at once, durable)', 'notifyMs', orders, 'notices/s'],
]
const lines = [
  '# A/B bench',
  '',
  `Measured ${new Date().toISOString()} with \`npm run bench:ab -- ${other}\` (before: ${builds.before}; after: this tree),`,
  `Node ${process.version}, ${cpus().length} cores; ${rounds} rounds each, alternating, medians. ${orders} orders in each round.`,
  '',
  '| measure | before | after | after / before |',
  '|---|---:|---:|---:|',
]
for (const [label, key, n, unit] of rows) {
  const b = n / (median(runs.before.map((x) => x[key])) / 1000)
  const a = n / (median(runs.after.map((x) => x[key])) / 1000)
  lines.push(`| ${label} | ${Math.round(b)} ${unit} | ${Math.round(a)} ${unit} | ${(a / b).toFixed(2)} |`)
}
const text = `${lines.join('\n')}\n`
console.log(`\n${text}`)
const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'ab.md'), text)
console.log('written: bench/results/ab.md')
