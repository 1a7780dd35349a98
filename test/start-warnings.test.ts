// At every start the service warns about status-map settings that would keep orders out of ShipStation's lists.

import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { API_BASIC } from './helpers/api.js'
import { tempDir } from './helpers/cli.js'
import { configFile } from './helpers/config-file.js'
import { makeOrder } from './helpers/orders.js'
import { type ServerProcess, startServer } from './helpers/server-process.js'

const running: ServerProcess[] = []
afterEach(async () => {
  for (const s of running.splice(0)) {
    s.child.kill('SIGKILL')
    await s.exited
  }
})

function warnings(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { level: number; check?: string; msg: string })
    .filter((l) => l.level === 40 && l.check === 'status map')
    .map((l) => l.msg)
}

describe('status map warnings at start', () => {
  it('names unmapped default codes, case look-alikes and codes in the data that map to nothing', async () => {
    const path = join(tempDir(), 'w.db')
    const first = await startServer(path)
    running.push(first)
    const res = await fetch(`${first.base}/createorder.wws?action=CREATE`, {
      method: 'POST',
      headers: { authorization: API_BASIC },
      body: JSON.stringify(makeOrder(1, { sophioStatus: 'K' })),
    })
    expect(res.status).toBe(201)
    expect(warnings(first.output())).toEqual([])
    first.child.kill('SIGTERM')
    await first.exited

    const file = configFile({ statusMap: { K: null, p: 'awaiting_shipment' } })
    const second = await startServer(path, { CONFIG_FILE: file })
    running.push(second)
    expect(warnings(second.output())).toEqual([
      'Sophio code "K" maps to no ShipStation status: orders with it are exported but ShipStation will not list them (statusMap)',
      'statusMap: "p" is not "P": Sophio codes are case-sensitive',
      'code "K" (1 order) is not in the status map: ShipStation skips these orders; add it to statusMap in the config file',
    ])
  })
})
