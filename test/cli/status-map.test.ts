// `sophio-shipstation status-map`: codes, statuses, counts; unmapped codes are problems (exit 1); --json.

import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app.js'
import { runCli } from '../helpers/cli.js'
import { configFile } from '../helpers/config-file.js'
import { makeOrder } from '../helpers/orders.js'

/** Three orders in P, one in 9, and one in X — a code the default map does not name. */
async function seeded() {
  const t = await makeApp({ file: true })
  for (const [n, code] of [
    [1, 'P'],
    [2, 'P'],
    [3, 'P'],
    [4, '9'],
    [5, 'X'],
  ] as const) {
    const r = await t.app.services.ingest(makeOrder(n, { sophioStatus: code }), 'test')
    if (!r.ok) throw new Error(`order ${n} not stored`)
  }
  return { DATABASE_PATH: t.config.databasePath }
}

/** `code → [status column, orders]` from the text table's rows. */
function codeRows(stdout: string): Map<string, string[]> {
  const rows = new Map<string, string[]>()
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s{2,}(.+?)\s{2,}(\S+)\s+(\d+)$/.exec(line)
    if (m?.[1] && m[2] && m[4]) rows.set(m[1], [m[2], m[4]])
  }
  return rows
}

describe('status-map', () => {
  it('lists every code with its ShipStation status and order count, and the unmapped code as a problem (exit 1)', async () => {
    const env = await seeded()
    const r = runCli(['status-map'], env)
    expect(r.code).toBe(1)
    const rows = codeRows(r.stdout)
    expect(rows.get('P')).toEqual(['Awaiting Shipment', '3'])
    expect(rows.get('9')).toEqual(['Cancelled', '1'])
    expect(rows.get('K')).toEqual(['Awaiting Shipment', '0'])
    expect(rows.get('X')).toEqual(['NOT MAPPED (skipped by ShipStation)', '1'])
    expect(r.stdout).toMatch(/^Paid Status\s+paid\s+P,K,W\s+3\s+Awaiting Shipment$/m)
    expect(r.stdout).toMatch(/^On-Hold Status\s+on_hold\s+-\s+0\s+On Hold$/m)
    expect(r.stdout).toContain('Problems (1):\n  - code "X" (1 order) is not in the status map')
  })

  it('--json: the same figures for scripts', async () => {
    const env = await seeded()
    const r = runCli(['status-map', '--json'], env)
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.statusMode).toBe('mapped')
    expect(j.totalOrders).toBe(5)
    expect(j.codes.find((c: any) => c.code === 'P')).toMatchObject({
      mapped: true,
      shipStationStatus: 'awaiting_shipment',
      orderStatus: 'paid',
      orders: 3,
    })
    expect(j.codes.find((c: any) => c.code === 'X')).toMatchObject({ mapped: false, orderStatus: 'X', orders: 1 })
    expect(j.statuses.find((s: any) => s.status === 'awaiting_shipment')).toMatchObject({
      formField: 'Paid Status',
      formValue: 'paid',
      codes: ['P', 'K', 'W'],
      orders: 3,
    })
    expect(j.unmapped).toEqual([{ code: 'X', orders: 1 }])
    expect(j.problems).toHaveLength(1)
  })

  it('exits 0 when every code in the data is mapped; raw mode sends the code itself', async () => {
    const env = await seeded()
    const file = configFile({
      statusMode: 'raw',
      statusMap: { P: 'awaiting_shipment', S: 'shipped', 9: 'cancelled', X: 'on_hold' },
    })
    const r = runCli(['status-map', '--json'], { ...env, CONFIG_FILE: file })
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.problems).toEqual([])
    expect(j.codes.find((c: any) => c.code === 'X')).toMatchObject({ shipStationStatus: 'on_hold', orderStatus: 'X' })
    expect(j.statuses.find((s: any) => s.status === 'on_hold').formValue).toBe('X')
    const text = runCli(['status-map'], { ...env, CONFIG_FILE: file })
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Every code in the data is mapped.')
  })

  it('exits 2 on a usage error, 0 with --help', () => {
    const bad = runCli(['status-map', '--bogus'], { DATABASE_PATH: ':memory:' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Usage: sophio-shipstation status-map [--json]')
    const help = runCli(['status-map', '--help'], { DATABASE_PATH: ':memory:' })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Exit codes: 0 every code in the data is mapped, 1 some are not')
  })
})
