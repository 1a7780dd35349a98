// `status-map`: every Sophio code, its ShipStation status, the OrderStatus sent and how many orders hold it.

import { parseArgs } from 'node:util'
import { STATUS_LABELS } from '../domain/status.js'
import type { Services } from '../services/index.js'
import { statusMapJson } from '../services/ops-json.js'
import { statusMapProblems } from '../services/ops-views.js'
import { textTable } from './table.js'

export const STATUS_MAP_HELP = `Usage: sophio-shipstation status-map [--json]

Every Sophio status code in the map: the ShipStation status it maps to, the OrderStatus value the export
sends in the current status mode, and how many orders hold it now. Then what to type into each status field
of ShipStation's Custom Store form. Codes found in the data that the map does not name are listed as
problems: ShipStation skips those orders.

  --json    the same as JSON (codes, statuses, unmapped, problems)

Exit codes: 0 every code in the data is mapped, 1 some are not (listed), 2 usage or configuration error.
`

/** undefined: a usage error. */
export function parseStatusMapArgs(args: string[]): { json: boolean } | undefined {
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true })
    return { json: values.json === true }
  } catch {
    return undefined
  }
}

export async function runStatusMap(
  services: Services,
  opts: { json: boolean },
  out: (s: string) => void,
): Promise<number> {
  const report = await services.ops.statusMap()
  const problems = statusMapProblems(report)
  if (opts.json) {
    out(`${JSON.stringify(statusMapJson(report), null, 2)}\n`)
    return problems.length === 0 ? 0 : 1
  }
  const mode =
    report.mode === 'mapped'
      ? 'OrderStatus is one fixed word per ShipStation status'
      : 'OrderStatus is the Sophio code itself'
  out(`Status mode "${report.mode}": ${mode}. ${report.totalOrders} orders.\n\n`)
  out(
    textTable(
      [
        { header: 'Code' },
        { header: 'ShipStation status' },
        { header: 'OrderStatus sent' },
        { header: 'Orders', right: true },
      ],
      report.codes.map((c) => [
        c.code,
        c.status === null
          ? 'NOT MAPPED (skipped by ShipStation)'
          : `${STATUS_LABELS[c.status]}${c.exported ? '' : ' (not exported)'}`,
        c.orderStatus,
        String(c.orders),
      ]),
    ),
  )
  out('\nCustom Store form (case-sensitive, type exactly what is shown):\n\n')
  out(
    textTable(
      [
        { header: 'Field' },
        { header: 'Type' },
        { header: 'Codes' },
        { header: 'Orders', right: true },
        { header: 'ShipStation status' },
      ],
      report.statuses.map((s) => [
        s.formField,
        s.formValue || '(leave empty)',
        s.codes.join(',') || '-',
        String(s.orders),
        s.label,
      ]),
    ),
  )
  if (problems.length === 0) {
    out('\nEvery code in the data is mapped.\n')
    return 0
  }
  out(`\nProblems (${problems.length}):\n${problems.map((p) => `  - ${p}\n`).join('')}`)
  return 1
}
