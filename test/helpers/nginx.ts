// Debian's nginx as a child process on 127.0.0.1: config, pid, logs and temp folders all in one temp dir.

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { join } from 'node:path'

export const SITE_TEMPLATE = new URL('../../deploy/nginx/sophio-shipstation.conf', import.meta.url)

export interface SitePorts {
  https: number
  http: number
  /** Where the site's upstream points (the service, or a test server). */
  upstream: number
}

export interface RunningNginx {
  ports: SitePorts
  /** The site's access log so far (its own format: no query strings). */
  accessLog: () => string
  /** Everything nginx wrote to its error logs and stderr so far. */
  errorLog: () => string
  stop: () => Promise<void>
}

/** A port nobody listens on right now (the kernel's choice; closed again before use). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Replaces `from` by `to`, every occurrence; a template that no longer holds `from` fails loudly. */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`the nginx site no longer contains ${JSON.stringify(from)}`)
  return text.split(from).join(to)
}

/**
 * The site from deploy/, as an operator would install it, with only what a test must change: ports on
 * 127.0.0.1 (no IPv6 listeners), the upstream, the certificate, log and webroot paths, and the redirect's port.
 */
export function renderSite(dir: string, ports: SitePorts, cert: { certPath: string; keyPath: string }): string {
  let site = readFileSync(SITE_TEMPLATE, 'utf8')
  site = swap(site, 'listen 443 ssl;', `listen 127.0.0.1:${ports.https} ssl;`)
  site = swap(site, 'listen [::]:443 ssl;\n', '')
  site = swap(site, 'listen 80;', `listen 127.0.0.1:${ports.http};`)
  site = swap(site, 'listen [::]:80;\n', '')
  site = swap(site, 'server 127.0.0.1:8080;', `server 127.0.0.1:${ports.upstream};`)
  site = swap(site, '/etc/letsencrypt/live/connector.example.com/fullchain.pem', cert.certPath)
  site = swap(site, '/etc/letsencrypt/live/connector.example.com/privkey.pem', cert.keyPath)
  site = swap(site, '/var/log/nginx/sophio-shipstation.access.log', join(dir, 'site-access.log'))
  site = swap(site, '/var/log/nginx/sophio-shipstation.error.log', join(dir, 'site-error.log'))
  site = swap(site, '/var/www/html', join(dir, 'www'))
  site = swap(site, 'return 301 https://$host$request_uri;', `return 301 https://$host:${ports.https}$request_uri;`)
  return site
}

/**
 * The main config around the site, like Debian's /etc/nginx/nginx.conf but with every path in `dir`. Run as
 * root, the workers run as root too: they write request bodies into `dir`, which only its owner may enter.
 */
function mainConfig(dir: string): string {
  const temp = (name: string) => join(dir, 'temp', name)
  return `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} info;
events { worker_connections 128; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${join(dir, 'access.log')};
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  include ${join(dir, 'site.conf')};
}
`
}

/** Starts `nginx -c <dir>/nginx.conf -p <dir>` with `site` and waits until both ports accept connections. */
export async function startNginx(nginx: string, dir: string, ports: SitePorts, site: string): Promise<RunningNginx> {
  mkdirSync(join(dir, 'temp'), { recursive: true })
  mkdirSync(join(dir, 'www'), { recursive: true })
  writeFileSync(join(dir, 'site.conf'), site)
  writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir))
  const child = spawn(nginx, ['-c', join(dir, 'nginx.conf'), '-p', `${dir}/`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8')
    } catch {
      return ''
    }
  }
  const errorLog = () => stderr + read('error.log') + read('site-error.log')
  const deadline = Date.now() + 15_000
  while (!(await accepts(ports.https)) || !(await accepts(ports.http))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`nginx exited:\n${errorLog()}`)
    if (Date.now() > deadline) {
      await stop(child, exited)
      throw new Error(`nginx did not start:\n${errorLog()}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return { ports, accessLog: () => read('site-access.log'), errorLog, stop: () => stop(child, exited) }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  await exited
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}
