// The process: first start generates and prints credentials once, serves on a real port, stops cleanly on SIGTERM.

import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { tempDir } from './helpers/cli.js'
import { pagesOf } from './helpers/xml.js'

const SERVER = fileURLToPath(new URL('../dist/server.js', import.meta.url))

interface Running {
  child: ChildProcess
  stdout: () => string
  port: number
  exited: Promise<number | null>
}

async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: '0', ...env } })
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

describe('server process', () => {
  it('zero-config first start: generates, persists and prints credentials once; SIGTERM exits 0', async () => {
    const dir = tempDir()
    const env = { DATABASE_PATH: join(dir, 'data', 'store.db'), PUBLIC_URL: 'https://ss.example.com' }
    const first = await start(env)
    const out = first.stdout()
    expect(out).toContain(`sophio-shipstation: created a new, empty database at ${env.DATABASE_PATH}\n`)
    expect(out).toContain('URL:               https://ss.example.com/shipstation')
    const username = /Username:\s+(\S+)/.exec(out)?.[1] as string
    const password = /Password:\s+(\S+)/.exec(out)?.[1] as string
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/)
    for (const field of ['Unpaid Status', 'Paid Status', 'Shipped Status', 'Cancelled Status', 'On-Hold Status']) {
      expect(out).toContain(`${field}:`)
    }
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
    expect(second.stdout()).not.toContain('created a new')
    expect(second.stdout()).not.toContain('Password:')
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

  it('first start prints generated operator credentials once; /ops needs them, /healthz and /readyz do not', async () => {
    const dir = tempDir()
    const env = { DATABASE_PATH: join(dir, 'store.db') }
    const first = await start(env)
    const username = /Ops username:\s+(\S+)/.exec(first.stdout())?.[1] as string
    const password = /Ops password:\s+(\S+)/.exec(first.stdout())?.[1] as string
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
    expect(second.stdout()).not.toContain('Ops password')
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
