// The process: first start generates credentials and hands them over once (terminal or 0600 file), serves on a
// real port, stops cleanly on SIGTERM.

import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from './helpers/cli.js'
import { pagesOf } from './helpers/xml.js'

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url))

interface Running {
  child: ChildProcess
  stdout: () => string
  port: number
  exited: Promise<number | null>
}

// A test that fails half-way must not leave a service running (script(1), on SIGTERM, hangs up its terminal,
// which ends the service in it).
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
})

async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: '0', ...env } })
  children.push(child)
  let out = ''
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 20_000
  while (!/sophio-shipstation ready/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  const port = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
  return { child, stdout: () => out, port, exited }
}

/** The JSON log lines among the output (the rest is whatever else the process printed). */
function logLines(out: string): Record<string, unknown>[] {
  return out
    .split(/\r?\n/)
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** The secret values of a first-start text: ShipStation password, API secret, ops password. */
function secretsOf(text: string) {
  return {
    username: /Username:\s+(\S+)/.exec(text)?.[1] as string,
    password: /Password:\s+(\S+)/.exec(text)?.[1] as string,
    apiSecret: /API secret:\s+(\S+)/.exec(text)?.[1] as string,
    opsUsername: /Ops username:\s+(\S+)/.exec(text)?.[1] as string,
    opsPassword: /Ops password:\s+(\S+)/.exec(text)?.[1] as string,
  }
}

describe('server process', () => {
  it('zero-config first start, no terminal: credentials in a 0600 file beside the database, its path logged, no secret on stdout or stderr; SIGTERM exits 0', async () => {
    const dir = tempDir()
    const env = { DATABASE_PATH: join(dir, 'data', 'store.db'), PUBLIC_URL: 'https://ss.example.com' }
    const file = join(dir, 'data', 'store.db.first-start.txt')
    const first = await start(env)
    expect(first.stdout()).toContain(`sophio-shipstation: created a new, empty database at ${env.DATABASE_PATH}\n`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('URL:               https://ss.example.com/shipstation')
    const { username, password, apiSecret, opsPassword } = secretsOf(text)
    for (const secret of [password, apiSecret, opsPassword]) expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/)
    for (const field of ['Unpaid Status', 'Paid Status', 'Shipped Status', 'Cancelled Status', 'On-Hold Status']) {
      expect(text).toContain(`${field}:`)
    }
    const out = first.stdout()
    expect(logLines(out).find((l) => String(l.msg).startsWith('first start:'))).toMatchObject({ level: 40, file })
    for (const secret of [password, apiSecret, opsPassword]) expect(out.includes(secret)).toBe(false)
    const url = `http://127.0.0.1:${first.port}/shipstation?action=export&start_date=01/01/2020 00:00&end_date=01/01/2030 00:00`
    const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
    const ok = await fetch(url, { headers: { authorization: auth } })
    expect(ok.status).toBe(200)
    expect(pagesOf(await ok.text())).toBe(0)
    const denied = await fetch(url)
    expect(denied.status).toBe(401)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await start(env)
    expect(readFileSync(file, 'utf8')).toBe(text)
    expect(second.stdout()).not.toContain('first start')
    expect(second.stdout()).not.toContain('created a new')
    expect(second.stdout()).not.toContain(password)
    const again = await fetch(
      `http://127.0.0.1:${second.port}/shipstation?action=export&start_date=01/01/2020 00:00&end_date=01/01/2030 00:00`,
      {
        headers: { authorization: auth },
      },
    )
    expect(again.status).toBe(200)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  it('first start on a terminal (a real pseudo-terminal): the credentials are shown there, no file is written', async () => {
    const dir = tempDir()
    const db = join(dir, 'store.db')
    // script(1) from util-linux runs the service on a pseudo-terminal; -e: its exit code is the service's.
    const child = spawn('script', ['-qefc', `${process.execPath} ${SERVER}`, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_PATH: db },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const deadline = Date.now() + 20_000
    while (!/sophio-shipstation ready/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const { username, password, opsPassword } = secretsOf(out)
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(opsPassword).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(existsSync(`${db}.first-start.txt`)).toBe(false)
    const logs = logLines(out)
    expect(logs.find((l) => String(l.msg).startsWith('first start:'))).toMatchObject({
      msg: 'first start: generated credentials shown on the terminal',
    })
    expect(logs.some((l) => JSON.stringify(l).includes(password))).toBe(false)
    const port = Number(/listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1])
    const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
    const page = await fetch(
      `http://127.0.0.1:${port}/shipstation?action=export&start_date=01/01/2020 00:00&end_date=01/01/2030 00:00`,
      { headers: { authorization: auth } },
    )
    expect(page.status).toBe(200)
    process.kill(Number(logs[0]?.pid), 'SIGTERM')
    expect(await exited).toBe(0)
  })

  it('first start writes generated operator credentials once; /ops needs them, /healthz and /readyz do not', async () => {
    const dir = tempDir()
    const env = { DATABASE_PATH: join(dir, 'store.db') }
    const first = await start(env)
    const written = readFileSync(`${env.DATABASE_PATH}.first-start.txt`, 'utf8')
    const { opsUsername: username, opsPassword: password } = secretsOf(written)
    expect(username).toMatch(/^ops-[0-9a-f]{8}$/)
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    const base = `http://127.0.0.1:${first.port}`
    const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
    expect((await fetch(`${base}/ops`)).status).toBe(401)
    const ops = await fetch(`${base}/ops`, { headers: { authorization: basic } })
    expect(ops.status).toBe(200)
    expect(await ops.text()).toContain('<h2>Status map</h2>')
    expect((await fetch(`${base}/metrics`, { headers: { authorization: basic } })).status).toBe(200)
    expect((await fetch(`${base}/healthz`)).status).toBe(200)
    expect((await fetch(`${base}/readyz`)).status).toBe(200)
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = await start(env)
    expect(second.stdout()).not.toContain(password)
    expect((await fetch(`http://127.0.0.1:${second.port}/ops`, { headers: { authorization: basic } })).status).toBe(200)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  it('an invalid setting stops the process with a message naming it', async () => {
    const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'chatty' } })
    let err = ''
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(2)
    expect(err).toContain('LOG_LEVEL must be one of')
  })
})
