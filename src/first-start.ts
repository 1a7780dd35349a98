// First-start secrets: shown on the terminal when stdout is one, else written to a 0600 file beside the database.

import { closeSync, constants, fchmodSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** The file generated secrets go to when no terminal is attached: `<database file>.first-start.txt`. */
export function firstStartFile(databasePath: string, cwd: string = process.cwd()): string {
  // An in-memory database has no folder: the current one stands in for it.
  if (databasePath === ':memory:') return join(cwd, 'sophio-shipstation.first-start.txt')
  return join(dirname(databasePath), `${basename(databasePath)}.first-start.txt`)
}

/**
 * Hands the generated secrets to the operator, never to the log stream: on stdout when it is a terminal (a
 * person is looking at it; `npm start` in a shell), otherwise — systemd, Docker without `-t`, a pipe or a
 * file, where stdout is what a log collector keeps — appended to a file only its owner can read. Returns the
 * file's path, or null when the secrets went to the terminal.
 */
export function revealFirstStart(
  text: string,
  databasePath: string,
  stdout: { isTTY?: boolean; write(s: string): unknown } = process.stdout,
): string | null {
  if (stdout.isTTY) {
    stdout.write(text)
    return null
  }
  const file = firstStartFile(databasePath)
  // O_NOFOLLOW: a symlink planted at that name must not redirect the secrets. Appended, so a second first
  // start (another role's pair generated later) never erases a pair nobody has read yet.
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_NOFOLLOW, 0o600)
  try {
    // The mode given to open applies only to a new file (and is narrowed by the umask): make sure of it.
    fchmodSync(fd, 0o600)
    writeSync(fd, `--- ${new Date().toISOString()} ---\n${text}\n`)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return file
}
