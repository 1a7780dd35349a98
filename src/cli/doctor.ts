// `doctor`: checks configuration, database, migrations and credentials; prints the Custom Store form and a test curl.

import { parseArgs } from 'node:util'
import type { Config } from '../config.js'
import { formatCustomStoreForm } from '../services/custom-store-form.js'
import { type Diagnosis, diagnose } from '../services/doctor.js'

export const DOCTOR_HELP = `Usage: sophio-shipstation doctor [--json]

Checks, without changing anything: the configuration, the public URL ShipStation uses, the database file,
the size of its write-ahead log, its migrations, the three credential pairs (ShipStation, Sophio API,
operators), that every status code in the data is mapped, whether notices wait for a person (flagged ones
listed, each with the decision it leaves), and orders whose LastModified lies in the future (the export
shows none of their changes until then). Then prints what to type into ShipStation's Custom Store form and
a curl command for a test export (curl asks for the password).

  --json    the checks, flagged notices, form values and curl command as JSON

Exit codes: 0 no check failed (warnings allowed), 1 a check failed, 2 usage or configuration error.
`

/** Each flagged notice with the decision it leaves: applied already, so re-applying is not the answer. */
function flaggedList(flagged: Diagnosis['flagged']): string {
  let s = `Flagged notices — applied, an operator must decide (the newest ${flagged.length}; all: \`sophio-shipstation notices flagged\`):\n`
  for (const n of flagged) {
    s += `\n  #${n.id}  ${n.receivedAt}  ${n.orderNumber ? `order ${n.orderNumber}` : 'no order'}\n`
    for (const a of n.actions) s += `      ${a.title}: ${a.action}\n`
  }
  return s
}

/** undefined: a usage error. */
export function parseDoctorArgs(args: string[]): { json: boolean } | undefined {
  try {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' } }, strict: true })
    return { json: values.json === true }
  } catch {
    return undefined
  }
}

export async function runDoctor(
  config: Readonly<Config>,
  opts: { json: boolean },
  out: (s: string) => void,
): Promise<number> {
  const d = await diagnose(config)
  if (opts.json) {
    out(`${JSON.stringify(d, null, 2)}\n`)
    return d.ok ? 0 : 1
  }
  const width = Math.max(...d.checks.map((c) => c.name.length))
  out('sophio-shipstation doctor\n\n')
  for (const c of d.checks) out(`  ${c.status.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}\n`)
  if (d.flagged.length > 0) out(`\n${flaggedList(d.flagged)}`)
  const note = config.shipstation
    ? '(the value of SHIPSTATION_PASSWORD)'
    : '(shown once when generated; `credentials rotate` makes a new one)'
  out(`\n${formatCustomStoreForm(d.form, note)}`)
  if (d.curl) out(`\nTest export (curl asks for the ShipStation password):\n\n  ${d.curl}\n`)
  const fails = d.checks.filter((c) => c.status === 'fail').length
  const warns = d.checks.filter((c) => c.status === 'warn').length
  out(`\n${fails} failed, ${warns} warning${warns === 1 ? '' : 's'}, ${d.checks.length - fails - warns} ok.\n`)
  return d.ok ? 0 : 1
}
