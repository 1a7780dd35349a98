// Runs the real `sophio-shipstation` command as a child process against a temporary database.

import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach } from 'vitest'
import { openDatabase } from '../../src/db/open.js'

const BIN = fileURLToPath(new URL('../../bin/sophio-shipstation.js', import.meta.url))
const dirs: string[] = []
afterEach(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true })
})

/** A fresh folder for a test's database and files; removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sophio-ss-cli-'))
  dirs.push(dir)
  return dir
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** An empty, migrated database as the service's first start leaves it (the CLI never creates one). */
export function createDatabase(path: string): void {
  openDatabase(path, { create: true }).close()
}

/** `cwd`: the working folder (default: this process's), for paths relative to it. */
export function runCli(args: string[], env: Record<string, string>, cwd?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** As runCli, without blocking this process's event loop (for a command that runs while requests are sent). */
export function runCliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString()
  })
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}
