// `backup FILE`: a consistent copy of the database while the service runs, checked before it is kept.

import { parseArgs } from 'node:util'
import { BackupRefused, backupDatabase } from '../services/backup.js'

/** The open database, as the backup use case takes it: the CLI passes it on and never looks inside. */
type Db = Parameters<typeof backupDatabase>[0]

export const BACKUP_HELP = `Usage: sophio-shipstation backup <file> [--force] [--json]

Copies the database to <file> with SQLite's online backup API: one consistent moment, including what is
still in the write-ahead log, while the service keeps running and writing (copying the file with cp is not
consistent and misses recent writes). The copy is written under a temporary name beside <file> (mode 0600),
checked with PRAGMA integrity_check, then renamed; the counts it holds are printed.

  --force   replace <file> if it exists
  --json    the result as JSON

To restore: stop the service, replace the database file with the copy, delete any -wal and -shm files
beside it, start the service.

Exit codes: 0 the copy is written and checked, 1 refused or failed (nothing replaced), 2 usage or
configuration error.
`

export interface BackupArgs {
  file: string
  force: boolean
  json: boolean
}

/** undefined: a usage error. */
export function parseBackupArgs(args: string[]): BackupArgs | undefined {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { force: { type: 'boolean' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    })
    const [file] = positionals
    if (positionals.length !== 1 || !file) return undefined
    return { file, force: values.force === true, json: values.json === true }
  } catch {
    return undefined
  }
}

export async function runBackup(
  db: Db,
  databasePath: string,
  args: BackupArgs,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  try {
    const r = await backupDatabase(db, databasePath, args.file, { force: args.force })
    if (args.json) {
      out(`${JSON.stringify(r, null, 2)}\n`)
    } else {
      out(
        `backup written to ${r.file} in ${r.seconds.toFixed(1)} s: integrity ok, ${r.orders} orders, ` +
          `${r.notices} notices, ${r.shipments} shipments (${(r.bytes / 2 ** 20).toFixed(1)} MiB)\n`,
      )
    }
    return 0
  } catch (e) {
    err(`sophio-shipstation: backup ${e instanceof BackupRefused ? 'refused' : 'failed'}: ${(e as Error).message}\n`)
    return 1
  }
}
