// WAL checkpoints inside commits (SQLite's autocheckpoint, before) against the background checkpointer (after):
// shipnotify latency at a steady 50 notices/s on a 100k-order file, rounds alternating on the same file.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { growDatabase } from './lib/grow.js'
import { load } from './lib/load.js'
import { markdownSection, runIfMain } from './lib/print.js'
import { seedDatabase } from './lib/seed.js'
import { startServer } from './lib/server.js'
import { steadyNotices } from './lib/steady-notices.js'

const ORDERS = Number(process.env.BENCH_CHECKPOINT_ORDERS ?? 100_000)
const TEMPLATE = Math.min(ORDERS, 10_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5) * 2
/** Each pair of rounds runs before, after, after, before (ABBA): a machine that drifts favours neither. */
const PAIRS = Number(process.env.BENCH_CHECKPOINT_PAIRS ?? 2)
const RATE = 50
const USER = 'bench-user'
const PASS = 'bench-password-123'
const AUTH = `Basic ${Buffer.from(`${USER}:${PASS}`).toString('base64')}`
const MODES = { before: 'off', after: 'on' }

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export async function run() {
  const load1 = loadavg()[0]
  const dir = mkdtempSync(join(tmpdir(), 'bench-checkpoint-'))
  const dbPath = join(dir, 'checkpoint.db')
  try {
    await seedDatabase(dbPath, TEMPLATE)
    growDatabase(dbPath, TEMPLATE, ORDERS)
    const requests = steadyNotices(AUTH, ORDERS)
    const rounds = { before: [], after: [] }
    for (let pair = 0; pair < PAIRS; pair++) {
      for (const mode of ['before', 'after', 'after', 'before']) {
        const server = await startServer({
          DATABASE_PATH: dbPath,
          SHIPSTATION_USERNAME: USER,
          SHIPSTATION_PASSWORD: PASS,
          BENCH_CHECKPOINTER: MODES[mode],
        })
        try {
          const url = `http://127.0.0.1:${server.port}/shipstation`
          await load({ url, seconds: 1, connections: 4, rate: RATE, requests })
          const r = await load({ url, seconds: SECONDS, connections: 4, rate: RATE, requests })
          if (r.errors + r.non2xx > 0) throw new Error(`${mode}: ${r.errors} errors, ${r.non2xx} non-2xx`)
          rounds[mode].push({ ...r, walBytes: statSync(`${dbPath}-wal`).size })
        } finally {
          await server.stop()
        }
      }
    }
    const row = (mode, what) => {
      const rs = rounds[mode]
      return {
        label: `${what}: p50 / p99, median of ${rs.length} rounds (p99 of each round)`,
        value: `${median(rs.map((r) => r.p50))} / ${median(rs.map((r) => r.p99))}`,
        unit: `ms (${rs.map((r) => r.p99).join(', ')})`,
      }
    }
    const ratio = median(rounds.after.map((r) => r.p99)) / Math.max(1, median(rounds.before.map((r) => r.p99)))
    const mib = (mode) => (Math.max(...rounds[mode].map((r) => r.walBytes)) / 2 ** 20).toFixed(1)
    const result = {
      title: `Checkpoints: shipnotify at ${RATE}/s on a ${ORDERS.toLocaleString('en-US')}-order file, ${SECONDS} s rounds alternating before / after`,
      rows: [
        row('before', 'before: checkpoints in commits (wal_autocheckpoint 1000)'),
        row('after', 'after: background checkpointer thread'),
        { label: 'p99 after / before (target < 1)', value: ratio.toFixed(2), unit: '' },
        { label: 'largest -wal file at the end of a round, before / after', value: `${mib('before')} / ${mib('after')}`, unit: 'MiB' },
      ],
      ratio: Number(ratio.toFixed(3)),
    }
    writeResults(result, load1)
    return result
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Its own file too (as soak.md): a latency tail is what a busy machine disturbs first, so the load is noted. */
function writeResults(result, load1) {
  const md = [
    '# Checkpoint bench',
    '',
    `Measured ${new Date().toISOString()} with \`node --expose-gc bench/checkpoint.js\` (also part of \`npm run bench\`): ` +
      `Node ${process.version}, ${cpus().length} cores, load average ${load1.toFixed(1)} at the start and ` +
      `${loadavg()[0].toFixed(1)} at the end (other work shares these cores and this disk).`,
    '',
    ...markdownSection(result),
  ].join('\n')
  writeFileSync(fileURLToPath(new URL('./results/checkpoint.md', import.meta.url)), md)
}

await runIfMain(import.meta, run)
