// deploy/nginx/sophio-shipstation.conf in Debian's nginx on 127.0.0.1, TLS with a throw-away certificate, the real
// service behind it, driven over HTTPS as ShipStation drives it. Clients connect from 127.0.0.2+, nginx from 127.0.0.1.

import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOGIN_THROTTLE_DEFAULTS } from '../../src/services/login-throttle.js'
import { API_TOKEN } from '../helpers/api.js'
import { SS_USER } from '../helpers/app.js'
import { runCli } from '../helpers/cli.js'
import { debianTool } from '../helpers/debian-tool.js'
import { type ClientRequest, type ClientResponse, send } from '../helpers/https-client.js'
import { freePort, renderSite, type RunningNginx, startNginx } from '../helpers/nginx.js'
import { makeOrder } from '../helpers/orders.js'
import { PROCESS_ENV, type ServerProcess, startServer } from '../helpers/server-process.js'
import { makeCertificate, type TestCertificate } from '../helpers/tls-cert.js'
import { ordersOf, parseXml } from '../helpers/xml.js'

const NGINX = debianTool('nginx', 'nginx')
const OPENSSL = debianTool('openssl', 'openssl')
const NAME = 'connector.example.com'
// A password that survives only if nobody decodes or re-encodes the query string on the way.
const SS_PASS = 'p@ss w+rd/%&=#;é-2026'
const SS_BASIC = `Basic ${Buffer.from(`${SS_USER}:${SS_PASS}`).toString('base64')}`
const SS_QUERY = `SS-UserName=${encodeURIComponent(SS_USER)}&SS-Password=${encodeURIComponent(SS_PASS)}`
// As ShipStation encodes it: %2f for /, %3a for :, + for a space.
const WINDOW = 'start_date=01%2f01%2f2000+00%3a00&end_date=12%2f31%2f2099+23%3a59'

const dirs: string[] = []
afterAll(() => {
  while (dirs.length > 0) rmSync(dirs.pop() as string, { recursive: true, force: true })
})

/** A temp folder with a certificate for NAME in it. */
function workspace(): { dir: string; cert: TestCertificate } {
  const dir = mkdtempSync(join(tmpdir(), 'sophio-nginx-'))
  dirs.push(dir)
  return { dir, cert: makeCertificate(OPENSSL as string, dir, NAME) }
}

/** nginx with the deploy/ site in front of `upstream`. */
async function proxyTo(upstream: number): Promise<{ nginx: RunningNginx; tls: { ca: string; servername: string } }> {
  const { dir, cert } = workspace()
  // A free port can be taken by another test file before nginx binds it: then again, with other ports.
  for (let attempt = 1; ; attempt++) {
    const ports = { https: await freePort(), http: await freePort(), upstream }
    try {
      const nginx = await startNginx(NGINX as string, dir, ports, renderSite(dir, ports, cert))
      return { nginx, tls: { ca: cert.pem, servername: NAME } }
    } catch (err) {
      if (attempt === 3 || !/Address already in use/.test(String(err))) throw err
    }
  }
}

/** The service's one-line-per-request log entries (JSON lines whose msg is "request" or "request failed"). */
function requestLines(server: ServerProcess): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => typeof l.msg === 'string' && l.msg.startsWith('request'))
}

/**
 * The service's log line for the request whose URL carries `marker` (a line is written as the answer goes out,
 * so it may trail the answer a little); undefined if none came. Lines are told apart by URL, never by count.
 */
async function lineFor(server: ServerProcess, marker: string): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const line = requestLines(server).find((l) => String(l.url).includes(marker))
    if (line || Date.now() > deadline) return line
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** nginx's access log line containing `text`, once written. */
async function accessLineWith(nginx: RunningNginx, text: string): Promise<string | undefined> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const line = nginx.accessLog().split('\n').find((l) => l.includes(text))
    if (line || Date.now() > deadline) return line
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** True when the service logged no request carrying `marker`: proved once a later request's line is there. */
async function neverReached(server: ServerProcess, marker: string, probe: () => Promise<unknown>): Promise<boolean> {
  await probe()
  expect(await lineFor(server, 'probe=')).toBeDefined()
  return requestLines(server).every((l) => !String(l.url).includes(marker))
}

async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server) return
  const child: ChildProcess = server.child
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
  await server.exited
}

function notice(orderNumber: string, tracking: string, padding = 0): string {
  // A comment is the one place a real notice can grow without changing what it says.
  return `<?xml version="1.0" encoding="utf-8"?>
<ShipNotice><OrderNumber>${orderNumber}</OrderNumber><Carrier>USPS</Carrier><Service>Priority Mail</Service>
<TrackingNumber>${tracking}</TrackingNumber><ShipDate>07/18/2026</ShipDate><ShippingCost>9.25</ShippingCost>
<!--${'x'.repeat(padding)}--></ShipNotice>`
}

describe.skipIf(!NGINX || !OPENSSL)('nginx site: what reaches the upstream (a recording server behind it)', () => {
  interface Seen {
    method: string
    url: string
    httpVersion: string
    headers: IncomingHttpHeaders
    body: Buffer
  }
  const seen: Seen[] = []
  let upstream: Server
  let proxy: Awaited<ReturnType<typeof proxyTo>>
  const https = (req: Omit<ClientRequest, 'port'>) => send({ ...req, port: proxy.nginx.ports.https }, proxy.tls)
  const last = () => seen[seen.length - 1] as Seen

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          httpVersion: req.httpVersion,
          headers: req.headers,
          body: Buffer.concat(chunks),
        })
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' }).end('<ok/>')
      })
    })
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const address = upstream.address()
    proxy = await proxyTo(typeof address === 'object' && address ? address.port : 0)
  })
  afterAll(async () => {
    await proxy?.nginx.stop()
    await new Promise((resolve) => upstream?.close(resolve))
  })

  it('passes the request line byte for byte: path and query string as ShipStation encoded them', async () => {
    const path =
      '/shipstation?action=shipnotify&order_number=A%2fB+C&carrier=USPS&service=&tracking_number=9400%2B1' +
      `&${SS_QUERY}&x=%25%3a%3A'`
    expect((await https({ method: 'POST', path, body: '<ShipNotice/>' })).status).toBe(200)
    expect(last().url).toBe(path)
    expect(last().method).toBe('POST')
    // An order number with a slash, a space and a percent sign in the path: never decoded on the way.
    const order = `/api/orders/A%2FB%20C%25?x=%2f+y`
    expect((await https({ path: order })).status).toBe(200)
    expect(last().url).toBe(order)
  })

  it('passes Authorization unchanged, and Content-Type as sent — none when none was sent', async () => {
    const xml = notice('T1', '1Z999')
    const path = '/shipstation?action=shipnotify'
    await https({ method: 'POST', path, headers: { authorization: SS_BASIC }, body: xml })
    expect(last().headers.authorization).toBe(SS_BASIC)
    expect(last().headers['content-type']).toBeUndefined()
    expect(last().body.toString('utf8')).toBe(xml)
    const form = 'application/x-www-form-urlencoded'
    await https({ method: 'POST', path, headers: { 'content-type': form }, body: xml })
    expect(last().headers['content-type']).toBe(form)
    expect(last().body.toString('utf8')).toBe(xml)
  })

  it('tells the service the client address (replacing a forged X-Forwarded-For), https, the host and a request id', async () => {
    await https({ path: '/healthz', headers: { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'http' } })
    expect(last().headers['x-forwarded-for']).toBe('127.0.0.2')
    expect(last().headers['x-forwarded-proto']).toBe('https')
    expect(last().headers.host).toBe(NAME)
    expect(last().headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/)
    await https({ path: '/healthz', localAddress: '127.0.0.3' })
    expect(last().headers['x-forwarded-for']).toBe('127.0.0.3')
  })

  it('speaks HTTP/1.1 upstream and hands over whole bodies (a chunked upload arrives with a Content-Length)', async () => {
    const body = 'y'.repeat(300_000)
    const res = await https({ method: 'POST', path: '/shipstation?action=shipnotify', body, chunked: true })
    expect(res.status).toBe(200)
    expect(last().httpVersion).toBe('1.1')
    expect(last().headers['transfer-encoding']).toBeUndefined()
    expect(last().headers['content-length']).toBe(String(body.length))
    expect(last().body.length).toBe(body.length)
  })

  it('caches nothing: the same GET twice reaches the upstream twice', async () => {
    const before = seen.length
    for (let i = 0; i < 2; i++) {
      const res = await https({ path: `/shipstation?action=export&${WINDOW}`, headers: { authorization: SS_BASIC } })
      expect(res.headers['cache-control']).toBe('no-store')
    }
    expect(seen.length - before).toBe(2)
  })
})

describe.skipIf(!NGINX || !OPENSSL)('nginx site in front of the real service, as ShipStation uses it', () => {
  let server!: ServerProcess
  let database: string
  let proxy: Awaited<ReturnType<typeof proxyTo>>
  const https = (req: Omit<ClientRequest, 'port'>) => send({ ...req, port: proxy.nginx.ports.https }, proxy.tls)
  const http = (req: Omit<ClientRequest, 'port'>) => send({ ...req, port: proxy.nginx.ports.http })
  const apiBasic = `Basic ${API_TOKEN}`

  beforeAll(async () => {
    const { dir } = workspace()
    database = join(dir, 'connector.db')
    server = await startServer(database, { TRUST_PROXY: '127.0.0.1', SHIPSTATION_PASSWORD: SS_PASS })
    proxy = await proxyTo(server.port)
    const created = await https({
      method: 'POST',
      path: `/createorder.wws?action=CREATE&authentication=${encodeURIComponent(API_TOKEN)}`,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeOrder(1)),
    })
    expect(created.status).toBe(201)
  })
  afterAll(async () => {
    await proxy?.nginx.stop()
    await stopServer(server)
  })

  it('export with HTTP Basic: 200, the order as XML, never cached', async () => {
    const path = `/shipstation?action=export&${WINDOW}&page=1`
    const res = await https({ path, headers: { authorization: SS_BASIC } })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(ordersOf(res.body).map((o) => o.OrderNumber)).toEqual(['T1'])
  })

  it('export with SS-UserName/SS-Password in the query string (a password full of + / % & = #)', async () => {
    const res = await https({ path: `/shipstation?action=export&${WINDOW}&${SS_QUERY}` })
    expect(res.status).toBe(200)
    expect(ordersOf(res.body).map((o) => o.OrderNumber)).toEqual(['T1'])
  })

  it('a wrong password: 401 with the Basic challenge and an XML body, through nginx', async () => {
    const res = await https({ path: `/shipstation?action=export&${WINDOW}&SS-UserName=${SS_USER}&SS-Password=nope` })
    expect(res.status).toBe(401)
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/)
    expect(parseXml(res.body).Error.Code).toBe('UNAUTHORIZED')
  })

  it('a 900 KB shipnotify with no Content-Type passes: applied, and journaled as sent without one', async () => {
    const body = notice('T1', '9400111899223000000001', 900_000)
    const res = await https({
      method: 'POST',
      path:
        '/shipstation?action=shipnotify&order_number=T1&carrier=USPS&service=Priority+Mail' +
        `&tracking_number=9400111899223000000001&${SS_QUERY}`,
      body,
    })
    expect(res.status).toBe(200)
    const ack = parseXml(res.body).ShipNoticeReceived
    expect(ack.Outcome).toBe('applied')
    // The operator's view of the journal: the CLI on the same database file.
    const shown = runCli(['notices', 'show', String(ack.NoticeID), '--json'], {
      ...PROCESS_ENV,
      DATABASE_PATH: database,
    })
    expect(shown.code).toBe(0)
    expect(JSON.parse(shown.stdout)).toMatchObject({ outcome: 'applied', contentType: null })
    const order = await https({ path: '/api/orders/T1', headers: { authorization: apiBasic } })
    expect(JSON.parse(order.body).shipments.map((s: { trackingNumber: string }) => s.trackingNumber)).toEqual([
      '9400111899223000000001',
    ])
  })

  it('body limits agree: 2 MB reaches the service (its own 413, journaled); 3 MB is refused by nginx alike', async () => {
    const path = (marker: string) => `/shipstation?action=shipnotify&order_number=T1&${SS_QUERY}&m=${marker}`
    const two = await https({ method: 'POST', path: path('two-mb'), body: notice('T1', 'BIG-2', 2_000_000) })
    expect(two.status).toBe(413)
    expect(parseXml(two.body).Error.Code).toBe('BODY_TOO_LARGE')
    expect(parseXml(two.body).Error.Message).toMatch(/^the body is 2000\d{3} bytes; .* the notice is kept as #\d+$/)
    expect((await lineFor(server, 'm=two-mb'))?.statusCode).toBe(413)

    const three = await https({ method: 'POST', path: path('three-mb'), body: notice('T1', 'BIG-3', 3_000_000) })
    expect(three.status).toBe(413)
    expect(three.headers['content-type']).toBe('text/xml; charset=utf-8')
    expect(three.headers['cache-control']).toBe('no-store')
    expect(parseXml(three.body).Error.Code).toBe('BODY_TOO_LARGE')
    const json = await https({
      method: 'POST',
      path: `/createorder.wws?action=CREATE&authentication=${encodeURIComponent(API_TOKEN)}&m=three-mb-json`,
      headers: { 'content-type': 'application/json' },
      body: `{"pad":"${'z'.repeat(3_000_000)}"}`,
    })
    expect(json.status).toBe(413)
    expect(json.headers['content-type']).toBe('application/json')
    expect(JSON.parse(json.body).error.code).toBe('BODY_TOO_LARGE')
    expect(await neverReached(server, 'm=three-mb', () => https({ path: '/healthz?probe=3mb' }))).toBe(true)
  })

  it("the client's address reaches the service's log, and the service's request id is nginx's", async () => {
    const forged = { 'x-forwarded-for': '6.6.6.6' }
    const res = await https({ path: '/healthz?m=addr', localAddress: '127.0.0.5', headers: forged })
    expect(res.status).toBe(200)
    const line = await lineFor(server, 'm=addr')
    expect(line?.remoteAddress).toBe('127.0.0.5')
    // nginx's access line for it (written as the request ends) carries the same id and the same client.
    expect(line?.reqId).toMatch(/^[0-9a-f]{32}$/)
    const access = await accessLineWith(proxy.nginx, `rid=${String(line?.reqId)}`)
    expect(access).toMatch(/^127\.0\.0\.5 \[.*\] "GET \/healthz HTTP\/1\.1" 200 /)
  })

  it('the failed-login throttle keys on the client: one tripping it leaves another alone', async () => {
    const wrong = { path: `/shipstation?action=export&${WINDOW}&SS-UserName=${SS_USER}&SS-Password=guess` }
    for (let i = 0; i < LOGIN_THROTTLE_DEFAULTS.maxFailures; i++) {
      expect((await https({ ...wrong, localAddress: '127.0.0.3' })).status).toBe(401)
    }
    expect((await https({ ...wrong, localAddress: '127.0.0.3' })).status).toBe(429)
    expect((await https({ ...wrong, localAddress: '127.0.0.4' })).status).toBe(401)
  })

  it('plain HTTP: a GET is redirected to HTTPS with its query string; a POST is refused and never forwarded', async () => {
    const path = `/shipstation?action=export&${WINDOW}`
    const get = await http({ path })
    expect(get.status).toBe(301)
    expect(get.headers.location).toBe(`https://${NAME}:${proxy.nginx.ports.https}${path}`)
    const post = await http({
      method: 'POST',
      path: `/shipstation?action=shipnotify&${SS_QUERY}&m=plain-post`,
      body: notice('T1', 'X'),
    })
    expect(post.status).toBe(403)
    expect(post.headers.location).toBeUndefined()
    expect(parseXml(post.body).Error.Code).toBe('HTTPS_REQUIRED')
    expect(await neverReached(server, 'm=plain-post', () => https({ path: '/healthz?probe=http' }))).toBe(true)
  })

  it("keeps secrets out of nginx's logs: no password, no token, no query string", () => {
    const logs = proxy.nginx.accessLog() + proxy.nginx.errorLog()
    expect(proxy.nginx.accessLog()).toMatch(/"POST \/shipstation HTTP\/1\.1" 413 /)
    const secrets = [SS_PASS, encodeURIComponent(SS_PASS), API_TOKEN, encodeURIComponent(API_TOKEN), 'SS-Password']
    for (const secret of secrets) {
      expect(logs).not.toContain(secret)
    }
  })
})

describe.skipIf(!NGINX || !OPENSSL)('nginx site: the address the service sees, by TRUST_PROXY', () => {
  it.each([
    // nginx connects from 127.0.0.1: trusting it, or one hop, gives the client; a forged header never gets through.
    ['127.0.0.1', '127.0.0.2'],
    ['1', '127.0.0.2'],
    ['loopback', '127.0.0.2'],
    // Off (the default): every caller is the proxy.
    ['', '127.0.0.1'],
  ])('TRUST_PROXY="%s" → %s', async (trust, expected) => {
    const { dir } = workspace()
    const server = await startServer(join(dir, 'connector.db'), trust ? { TRUST_PROXY: trust } : {})
    let proxy: Awaited<ReturnType<typeof proxyTo>> | undefined
    try {
      proxy = await proxyTo(server.port)
      const forged = { 'x-forwarded-for': '6.6.6.6' }
      const res: ClientResponse = await send(
        { port: proxy.nginx.ports.https, path: '/healthz?m=trust', localAddress: '127.0.0.2', headers: forged },
        proxy.tls,
      )
      expect(res.status).toBe(200)
      expect((await lineFor(server, 'm=trust'))?.remoteAddress).toBe(expected)
    } finally {
      await proxy?.nginx.stop()
      await stopServer(server)
    }
  })
})
