// CLI entry: `sophio-shipstation <command>`; one file per command, wired here.

import { dirname } from 'node:path'
import { ConfigError, loadConfig } from '../config.js'
import { DatabaseMissingError, openDatabase, SchemaTooNewError } from '../db/open.js'
import { silentLogger } from '../logger.js'
import { buildServices } from '../services/index.js'
import { BACKUP_HELP, parseBackupArgs, runBackup } from './backup.js'
import { rotateCredentials, rotateOtherCredentials, showCredentials } from './credentials.js'
import { DOCTOR_HELP, parseDoctorArgs, runDoctor } from './doctor.js'
import { commandHelp } from './help.js'
import { importFile } from './import.js'
import { NOTICES_USAGE, parseNoticesArgs, runNotices } from './notices.js'
import { ORDERS_HELP, parseOrdersArgs, parseShowArgs, runOrders, runShow, SHOW_HELP } from './orders.js'
import { progressBar } from './progress.js'
import { parseStatusMapArgs, runStatusMap, STATUS_MAP_HELP } from './status-map.js'

const HELP = `Usage: sophio-shipstation <command> [options]

Commands:
  import <file>          Load orders (createorder JSON: one object, an array, or NDJSON). Re-importing
                         an order updates it. Exit code 0 when every record loaded, 1 otherwise.
  credentials [show]     Print what to type into ShipStation's Custom Store form (without the password).
  credentials rotate [shipstation|api|ops]
                         Generate a new username and password for that role (printed once).
  status-map [--json]    Every Sophio code: ShipStation status, OrderStatus sent, orders holding it; codes
                         in the data that the map lacks are problems (exit code 1).
  doctor [--json]        Check configuration, database, migrations and credentials; print the Custom Store
                         form values and a curl command for a test export. Exit code 1 when a check fails.
  orders [--code C] [--status S] [--since WHEN] [--limit N] [--json]
                         Orders, most recently modified first, filtered by code, ShipStation status (or
                         unmapped) and modification time.
  show <orderNumber> [--json]
                         One order with its lines, status history, shipments and notices.
  notices [which] [--limit N] [--json]
                         The shipment notice journal, newest first: recent (default), failed (unmatched,
                         rejected and flagged), unmatched, rejected, flagged, duplicate or applied.
  notices show <id>      One notice with its query string and raw body.
  notices reapply <id>   Apply an unmatched or rejected notice again (e.g. once its order exists).
                         Exit code 0 when it applied, 1 when it is still unmatched or rejected.
  notices prune [--older-than DAYS] [--dry-run]
                         Drop the raw bodies of applied and duplicate notices older than DAYS (default
                         noticeBodyRetentionDays, 90); the journal rows stay.
  backup <file> [--force]
                         A consistent copy of the database, taken while the service runs (SQLite's online
                         backup), checked with integrity_check before it replaces anything.
  help [command]         This text, or one command's (also: <command> --help).

Settings come from the same environment variables as the service (DATABASE_PATH, CONFIG_FILE, …). No
command creates the database (only the service's start does): a missing file is refused with exit code 2.
Exit codes: 0 success, 1 the command ran but something failed, 2 usage or configuration error.
`

export async function runCli(
  argv: string[],
  out = (s: string) => process.stdout.write(s),
  err = (s: string) => process.stderr.write(s),
): Promise<number> {
  const [command, ...args] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out((command === 'help' && args[0] ? commandHelp(args[0]) : undefined) ?? HELP)
    return command === undefined ? 2 : 0
  }
  if (args.includes('--help') || args.includes('-h')) {
    out(commandHelp(command) ?? HELP)
    return 0
  }
  // A usage error shows the synopsis (the help text up to its first blank line) on stderr.
  const usage = (help: string) => {
    err(`${help.split('\n\n')[0]}\nRun \`sophio-shipstation ${command} --help\` for details.\n`)
    return 2
  }
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      err(`sophio-shipstation: ${e.message}\n`)
      return 2
    }
    throw e
  }
  // Never creates the file: a command run from the wrong folder would otherwise fill a stray, empty database.
  const open = () => {
    try {
      return openDatabase(config.databasePath, { create: false })
    } catch (e) {
      if (e instanceof SchemaTooNewError) {
        err(`sophio-shipstation: ${e.message}\n`)
        return undefined
      }
      if (e instanceof DatabaseMissingError) {
        err(`sophio-shipstation: ${missingDatabaseMessage(e.path)}\n`)
        return undefined
      }
      throw e
    }
  }
  switch (command) {
    case 'import': {
      const file = args[0]
      if (!file || args.length > 1) {
        err('usage: sophio-shipstation import <file>\n')
        return 2
      }
      const db = open()
      if (!db) return 2
      try {
        const services = buildServices(config, db, silentLogger)
        const bar = process.stderr.isTTY ? progressBar((s) => process.stderr.write(s)) : undefined
        const started = Date.now()
        const summary = await importFile(services, file, {
          out: (l) => out(`${l}\n`),
          err: (l) => {
            bar?.clear()
            err(`${l}\n`)
          },
          progress: bar?.update,
        })
        bar?.done()
        const total = summary.created + summary.updated + summary.unchanged + summary.failed
        out(
          `${total} record${total === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.created} created, ` +
            `${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.failed} rejected\n`,
        )
        return summary.failed === 0 ? 0 : 1
      } catch (e) {
        err(`sophio-shipstation: import failed: ${(e as Error).message}\n`)
        return 1
      } finally {
        db.close()
      }
    }
    case 'credentials': {
      const sub = args[0] ?? 'show'
      const role = sub === 'rotate' ? (args[1] ?? 'shipstation') : undefined
      const known = role === undefined || role === 'shipstation' || role === 'api' || role === 'ops'
      if ((sub !== 'show' && sub !== 'rotate') || !known || args.length > (sub === 'rotate' ? 2 : 1)) {
        err('usage: sophio-shipstation credentials [show | rotate [shipstation|api|ops]]\n')
        return 2
      }
      return withServices(config, open, (services) => {
        if (sub === 'show') return showCredentials(services, out)
        return role === 'api' || role === 'ops'
          ? rotateOtherCredentials(services, role, out)
          : rotateCredentials(services, out)
      })
    }
    case 'status-map': {
      const parsed = parseStatusMapArgs(args)
      if (!parsed) return usage(STATUS_MAP_HELP)
      return withServices(config, open, (services) => runStatusMap(services, parsed, out))
    }
    case 'doctor': {
      const parsed = parseDoctorArgs(args)
      if (!parsed) return usage(DOCTOR_HELP)
      // No open(): doctor reads the file as it is, creating and migrating nothing.
      return runDoctor(config, parsed, out)
    }
    case 'orders': {
      const parsed = parseOrdersArgs(args, Date.now())
      if (!parsed.ok) {
        err(`sophio-shipstation: ${parsed.message}\n`)
        return usage(ORDERS_HELP)
      }
      return withServices(config, open, (services) => runOrders(services, parsed, out))
    }
    case 'show': {
      const parsed = parseShowArgs(args)
      if (!parsed) return usage(SHOW_HELP)
      return withServices(config, open, (services) => runShow(services, parsed, out, err))
    }
    case 'notices': {
      const parsed = parseNoticesArgs(args)
      if (!parsed) {
        err(NOTICES_USAGE)
        return 2
      }
      return withServices(config, open, (services) => runNotices(services, parsed, out, err))
    }
    case 'backup': {
      const parsed = parseBackupArgs(args)
      if (!parsed) return usage(BACKUP_HELP)
      const db = open()
      if (!db) return 2
      try {
        return await runBackup(db, config.databasePath, parsed, out, err)
      } finally {
        db.close()
      }
    }
    default:
      err(`sophio-shipstation: unknown command "${command}"\n\n${HELP}`)
      return 2
  }
}

/** Where the command looked, and why there: DATABASE_PATH is read relative to the working folder. */
function missingDatabaseMessage(path: string): string {
  return (
    `no database at ${path} (looked in ${dirname(path)}; DATABASE_PATH, default ./data/sophio-shipstation.db, ` +
    `is relative to the working folder, here ${process.cwd()}). Nothing was created: only the service's start ` +
    'creates the database. Run the command where the service runs, or set DATABASE_PATH to the file it uses.'
  )
}

/** Opens the database, builds the services (silent logger) and closes the database after `run`. */
async function withServices(
  config: ReturnType<typeof loadConfig>,
  open: () => ReturnType<typeof openDatabase> | undefined,
  run: (services: ReturnType<typeof buildServices>) => number | Promise<number>,
): Promise<number> {
  const db = open()
  if (!db) return 2
  try {
    return await run(buildServices(config, db, silentLogger))
  } finally {
    db.close()
  }
}
