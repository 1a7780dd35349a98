// deploy/sophio-shipstation.service through Debian's systemd-analyze: `verify` (it loads, ExecStart exists) and
// `security --offline` (the hardening is in force). Runs without systemd as PID 1: both only read unit files.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { debianTool } from '../helpers/debian-tool.js'

const ANALYZE = debianTool('systemd-analyze', 'systemd')
const UNIT = 'sophio-shipstation.service'
const TEMPLATE = readFileSync(new URL(`../../deploy/${UNIT}`, import.meta.url), 'utf8')
const SERVER = fileURLToPath(new URL('../../dist/server.js', import.meta.url))

/**
 * The unit as installed, with the two paths `verify` checks for existence pointed at real ones: this
 * machine's node and this checkout's dist/server.js (built by the suite's global setup).
 */
function unitForThisMachine(template: string): string {
  const exec = 'ExecStart=/usr/bin/node /opt/sophio-shipstation/dist/server.js'
  if (!template.includes(exec)) throw new Error(`${UNIT} no longer contains "${exec}"`)
  return template.replace(exec, `ExecStart=${process.execPath} ${SERVER}`)
}

describe.skipIf(!ANALYZE)(`${UNIT}: systemd-analyze`, () => {
  let dir: string
  const write = (text: string) => {
    const path = join(dir, UNIT)
    writeFileSync(path, text)
    return path
  }
  /** Exit code and what systemd-analyze said about our unit (it also warns about unrelated system units). */
  const verify = (path: string) => {
    const r = spawnSync(ANALYZE as string, ['verify', '--man=no', path], { encoding: 'utf8' })
    const said = `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes(UNIT))
    return { code: r.status, said }
  }
  const security = (path: string, threshold: number) =>
    spawnSync(ANALYZE as string, ['security', '--offline=true', `--threshold=${threshold}`, '--json=short', path], {
      encoding: 'utf8',
    })

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sophio-systemd-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('verify: loads without a single warning', () => {
    expect(verify(write(unitForThisMachine(TEMPLATE)))).toEqual({ code: 0, said: [] })
  })

  it('verify catches what the test relies on it to catch: an unknown key, a bad value, a missing program', () => {
    const good = unitForThisMachine(TEMPLATE)
    expect(verify(write(good.replace('NoNewPrivileges=yes', 'NoNewPrivilege=yes'))).said.join('\n')).toMatch(
      /Unknown key 'NoNewPrivilege'/,
    )
    expect(verify(write(good.replace('Restart=on-failure', 'Restart=sometimes'))).said.join('\n')).toMatch(
      /restart specifier/,
    )
    expect(verify(write(good.replace(process.execPath, '/nonexistent/node'))).code).not.toBe(0)
  })

  it('security: exposure at most 2.0 ("OK"), with every setting the deployment promises in force', () => {
    const r = security(write(unitForThisMachine(TEMPLATE)), 20)
    expect(r.status, r.stderr).toBe(0)
    const checks = new Map(
      (JSON.parse(r.stdout) as { name: string; set: boolean }[]).map((c) => [c.name, c.set] as const),
    )
    for (const name of [
      'User=/DynamicUser=',
      'NoNewPrivileges=',
      'ProtectSystem=',
      'ProtectHome=',
      'PrivateTmp=',
      'PrivateDevices=',
      'ProtectKernelTunables=',
      'ProtectKernelModules=',
      'ProtectControlGroups=',
      'RestrictAddressFamilies=~AF_PACKET',
      'RestrictAddressFamilies=~AF_NETLINK',
      'RestrictAddressFamilies=~…',
      'SystemCallFilter=~@privileged',
      'SystemCallFilter=~@mount',
      'SystemCallArchitectures=',
      'CapabilityBoundingSet=~CAP_SYS_ADMIN',
      'CapabilityBoundingSet=~CAP_NET_ADMIN',
      'AmbientCapabilities=',
      'RestrictNamespaces=~user',
      'RestrictSUIDSGID=',
      'LockPersonality=',
      'UMask=',
    ]) {
      expect([name, checks.get(name)]).toEqual([name, true])
    }
    // V8's JIT needs writable-then-executable memory: this one stays off on purpose (the unit says why).
    expect(checks.get('MemoryDenyWriteExecute=')).toBe(false)
  })

  it('security notices lost hardening: without NoNewPrivileges and the syscall filter the exposure passes 2.0', () => {
    let weaker = unitForThisMachine(TEMPLATE)
    const dropped = ['NoNewPrivileges=yes', 'SystemCallFilter=@system-service', 'SystemCallFilter=~@privileged']
    for (const line of [...dropped, 'CapabilityBoundingSet=']) {
      expect(weaker).toContain(`\n${line}\n`)
      weaker = weaker.replace(`\n${line}\n`, '\n')
    }
    expect(security(write(weaker), 20).status).not.toBe(0)
  })
})
