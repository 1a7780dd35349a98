// `npm run bench`: runs every benchmark side by side with its reference, prints the figures and writes
// them to bench/results/ (latest.md and latest.json), with the machine they were measured on.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { fileURLToPath } from 'node:url'
import { markdownSection, printResult } from './lib/print.js'

const SUITES = ['export', 'intake', 'shipnotify', 'scale', 'checkpoint']
const only = process.argv.slice(2)

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
}
console.log(
  `sophio-shipstation bench — ${machine.date}, Node ${machine.node}, ${machine.cores} cores (${machine.cpu})\n`,
)

const results = []
for (const name of SUITES) {
  if (only.length > 0 && !only.includes(name)) continue
  const file = new URL(`./${name}.js`, import.meta.url)
  if (!existsSync(fileURLToPath(file))) continue
  const { run } = await import(file.href)
  const started = performance.now()
  const r = await run()
  printResult(r)
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  results.push({ suite: name, ...r })
}

const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(`${dir}latest.json`, `${JSON.stringify({ machine, results }, null, 2)}\n`)
const md = [
  `# Bench results`,
  '',
  `Measured ${machine.date} with \`npm run bench\`: Node ${machine.node}, ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB.`,
  'Each figure was measured side by side with its reference in the same run; compare ratios, not absolute times.',
  '',
  ...results.flatMap(markdownSection),
].join('\n')
writeFileSync(`${dir}latest.md`, md)
console.log(`written: bench/results/latest.md, bench/results/latest.json`)
