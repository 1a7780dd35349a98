// CLI entry: `sophio-shipstation <command>`; one file per command, wired here.

import { ConfigError, loadConfig } from '../config.js'
import { openDatabase, SchemaTooNewError } from '../db/open.js'
import { buildServices } from '../services/index.js'
import { rotateCredentials, showCredentials } from './credentials.js'
import { importFile } from './import.js'
import { NOTICES_USAGE, parseNoticesArgs, runNotices } from './notices.js'
import { progressBar } from './progress.js'

const HELP = `Usage: sophio-shipstation <command> [options]

Commands:
  import <file>          Load orders (createorder JSON: one object, an array, or NDJSON). Re-importing
                         an order updates it. Exit code 0 when every record loaded, 1 otherwise.
  credentials [show]     Print what to type into ShipStation's Custom Store form (without the password).
  credentials rotate     Generate a new ShipStation username and password (printed once).
  notices [which] [--limit N]
                         The shipment notice journal, newest first: recent (default), unmatched, rejected,
                         flagged, duplicate or applied.
  notices show <id>      One notice with its query string and raw body.
  notices reapply <id>   Apply an unmatched or rejected notice again (e.g. once its order exists).
                         Exit code 0 when it applied, 1 when it is still unmatched or rejected.
  help                   This text.

Settings come from the same environment variables as the service (DATABASE_PATH, CONFIG_FILE, …).
Exit codes: 0 success, 1 the command ran but something failed, 2 usage or configuration error.
`

export async function runCli(
  argv: string[],
  out = (s: string) => process.stdout.write(s),
  err = (s: string) => process.stderr.write(s),
): Promise<number> {
  const [command, ...args] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    out(HELP)
    return command === undefined ? 2 : 0
  }
  if (args.includes('--help') || args.includes('-h')) {
    out(HELP)
    return 0
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
  const open = () => {
    try {
      return openDatabase(config.databasePath)
    } catch (e) {
      if (e instanceof SchemaTooNewError) {
        err(`sophio-shipstation: ${e.message}\n`)
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
        const services = buildServices(config, db, { info() {}, warn() {}, error() {} })
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
          `${total} records in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.created} created, ` +
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
      if (sub !== 'show' && sub !== 'rotate') {
        err('usage: sophio-shipstation credentials [show|rotate]\n')
        return 2
      }
      const db = open()
      if (!db) return 2
      try {
        return sub === 'show' ? showCredentials(config, db, out) : rotateCredentials(config, db, out)
      } finally {
        db.close()
      }
    }
    case 'notices': {
      const parsed = parseNoticesArgs(args)
      if (!parsed) {
        err(NOTICES_USAGE)
        return 2
      }
      const db = open()
      if (!db) return 2
      try {
        return runNotices(buildServices(config, db, { info() {}, warn() {}, error() {} }), parsed, out, err)
      } finally {
        db.close()
      }
    }
    default:
      err(`sophio-shipstation: unknown command "${command}"\n\n${HELP}`)
      return 2
  }
}
