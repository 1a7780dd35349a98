// Debian tools the deploy/ tests drive (nginx, openssl, systemd-analyze): found, or skipped with a reason (CI: fail).

import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** CI=true (or any value but "" / "false" / "0"): a missing tool fails the suite instead of skipping. */
export const ON_CI = !['', 'false', '0'].includes((process.env.CI ?? '').trim().toLowerCase())

/**
 * The absolute path of `command` (PATH, then /usr/sbin and /sbin, where Debian puts nginx), or undefined after
 * printing why the tests that need it are skipped. On CI it throws: .ci/run installs `debianPackage`.
 */
export function debianTool(command: string, debianPackage: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin']
  for (const dir of dirs.filter(Boolean)) {
    const path = join(dir, command)
    try {
      accessSync(path, constants.X_OK)
      return path
    } catch {
      // not here
    }
  }
  const reason =
    `${command} is missing: these tests need Debian's ${debianPackage} package ` +
    `(apt-get update && apt-get install -y --no-install-recommends ${debianPackage}; .ci/run installs it)`
  if (ON_CI) throw new Error(reason)
  console.warn(`skipping: ${reason}`)
  return undefined
}
