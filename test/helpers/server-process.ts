// The real service (dist/server.js) as a child process on 127.0.0.1 and a port of its own, for crash and signal tests.

import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { API_ENV } from './api.js'
import { OPS_PASS, OPS_USER, SS_PASS, SS_USER } from './app.js'

const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url))

export interface ServerProcess {
  child: ChildProcess
  port: number
  base: string
  /** Everything written to stdout (when the test reads it) and stderr so far. */
  output: () => string
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** The test credentials of every role, so nothing is generated and printed. */
export const PROCESS_ENV = {
  SHIPSTATION_USERNAME: SS_USER,
  SHIPSTATION_PASSWORD: SS_PASS,
  OPS_USERNAME: OPS_USER,
  OPS_PASSWORD: OPS_PASS,
  ...API_ENV,
}

/**
 * Spawns the service and waits for its "ready" line. Rejects when it exits first. `stdout` hands the child a
 * file descriptor (or a pipe the test does not read) instead: the "ready" line may never arrive there, so the
 * port is chosen beforehand and the service is ready when /healthz answers.
 */
export async function startServer(
  databasePath: string,
  env: Record<string, string> = {},
  opts: { stdout?: number | 'unread-pipe' } = {},
): Promise<ServerProcess> {
  const own = opts.stdout !== undefined
  const chosenPort = own ? await freePort() : 0
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(chosenPort),
      LOG_LEVEL: 'info',
      DATABASE_PATH: databasePath,
      ...PROCESS_ENV,
      ...env,
    },
    stdio: ['ignore', typeof opts.stdout === 'number' ? opts.stdout : 'pipe', 'pipe'],
  })
  let out = ''
  if (!own) {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
    })
  }
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const deadline = Date.now() + 20_000
  const ready = async () =>
    own
      ? await fetch(`http://127.0.0.1:${chosenPort}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
          (r) => r.ok,
          () => false,
        )
      : /sophio-shipstation ready/.test(out)
  while (!(await ready())) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited before ready:\n${out}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      await exited
      throw new Error(`server did not start:\n${out}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  const port = own ? chosenPort : Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
  return { child, port, base: `http://127.0.0.1:${port}`, output: () => out, exited }
}

/** A port nobody listens on right now (the kernel's choice, released at once). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Runs a process to its end (for start-ups that must fail). */
export function runServerToExit(
  databasePath: string,
  env: Record<string, string> = {},
  as: { uid?: number; gid?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVER], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_PATH: databasePath, ...PROCESS_ENV, ...env },
    ...as,
  })
  let out = ''
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr.on('data', (d: Buffer) => {
    out += d.toString()
  })
  // A start-up that should have failed but did not must not hang the suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output: out })
    }),
  )
}
