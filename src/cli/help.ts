// `--help` for each command: the text printed by `sophio-shipstation <command> --help` or `help <command>`.

import { BACKUP_HELP } from './backup.js'
import { DOCTOR_HELP } from './doctor.js'
import { NOTICES_HELP } from './notices.js'
import { ORDERS_HELP, SHOW_HELP } from './orders.js'
import { STATUS_MAP_HELP } from './status-map.js'

const IMPORT_HELP = `Usage: sophio-shipstation import <file>

Loads orders in Sophio's createorder JSON: one object, an array of objects, or NDJSON (one order a line).
An order is identified by orderKey (else orderNumber): importing it again updates it, never duplicates it.
Bad records are reported with their position and every reason, and do not stop the good ones.

Exit codes: 0 every record loaded, 1 some were rejected, 2 usage or configuration error.
`

const CREDENTIALS_HELP = `Usage: sophio-shipstation credentials [show]
       sophio-shipstation credentials rotate [shipstation|api|ops]

  show                 what to type into ShipStation's Custom Store form (without the password)
  rotate               a new ShipStation username and password, printed once; the old pair stops working
  rotate api           a new Sophio API key pair (createorder), printed once
  rotate ops           new operator credentials for /ops and /metrics, printed once

A pair set in the environment (SHIPSTATION_*, SOPHIO_API_*, OPS_*) is changed there, not here.
Exit codes: 0 success, 1 nothing to show yet, 2 usage or configuration error.
`

const COMMAND_HELP: Record<string, string> = {
  import: IMPORT_HELP,
  credentials: CREDENTIALS_HELP,
  notices: NOTICES_HELP,
  'status-map': STATUS_MAP_HELP,
  doctor: DOCTOR_HELP,
  orders: ORDERS_HELP,
  show: SHOW_HELP,
  backup: BACKUP_HELP,
}

export function commandHelp(command: string): string | undefined {
  return Object.hasOwn(COMMAND_HELP, command) ? COMMAND_HELP[command] : undefined
}
