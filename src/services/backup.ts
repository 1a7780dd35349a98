// Use case: `backup FILE` — a consistent copy of the live database, checked, written under a temporary name.

import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { backupInto, type CopyReport, checkCopy } from '../db/backup.js'
import type { Db } from '../db/open.js'

export class BackupRefused extends Error {}

export interface BackupResult extends CopyReport {
  file: string
  seconds: number
}

/**
 * Copies `db` (the file at `databasePath`) to `file`: refused when `file` exists unless `force`, or when it is
 * the database itself. The copy is made as `.<name>.tmp-<pid>` beside it (0600, like the database: it holds
 * customer addresses), checked with `integrity_check`, synced, then renamed over `file` — so `file` is
 * either the previous one or a whole, checked copy, never half of one.
 */
export async function backupDatabase(
  db: Db,
  databasePath: string,
  target: string,
  opts: { force: boolean },
): Promise<BackupResult> {
  const file = resolve(target)
  if ([databasePath, `${databasePath}-wal`, `${databasePath}-shm`].includes(file)) {
    throw new BackupRefused(`${file} is the live database; choose another file`)
  }
  if (existsSync(file) && !opts.force) throw new BackupRefused(`${file} exists; --force replaces it`)
  const folder = dirname(file)
  if (!existsSync(folder)) throw new BackupRefused(`the folder ${folder} does not exist`)
  const temp = join(folder, `.${basename(file)}.tmp-${process.pid}`)
  const started = performance.now()
  closeSync(openSync(temp, 'wx', 0o600))
  try {
    await backupInto(db, temp)
    const report = checkCopy(temp)
    if (report.integrity !== 'ok') throw new Error(`the copy failed its integrity check: ${report.integrity}`)
    syncFile(temp)
    renameSync(temp, file)
    syncFile(folder)
    return { ...report, file, seconds: (performance.now() - started) / 1000 }
  } finally {
    for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(leftover, { force: true })
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
