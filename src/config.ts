// The only reader of process.env and the config file: validates every setting and returns a frozen Config.

import { readFileSync } from 'node:fs'
import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { describeJsonProblem, parseJson } from './domain/json-syntax.js'
import { CARRIERS, type ShippingDefault } from './domain/shipping-default.js'
import {
  codesMappedTo,
  DEFAULT_STATUS_MAP,
  isShipStationStatus,
  isSophioCode,
  SHIPSTATION_STATUSES,
  type ShipStationStatus,
  type StatusMap,
  type StatusMode,
} from './domain/status.js'

/**
 * Who may tell us the client's address (X-Forwarded-For): `hops` proxies in front of us, counted from the
 * socket's peer, or only peers at these addresses / CIDRs / proxy-addr names (`loopback`, `linklocal`,
 * `uniquelocal`). null: nobody; the socket's peer is the client.
 */
export type TrustProxy = { hops: number } | { addresses: readonly string[] }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  host: string
  port: number
  databasePath: string
  /** The address ShipStation uses to reach us, for printed instructions. */
  publicUrl: string
  logLevel: LogLevel
  /** TRUST_PROXY: whose X-Forwarded-For the logs and the failed-login throttle believe; null = nobody's. */
  trustProxy: TrustProxy | null
  /** Credentials from the environment; when absent, generated ones are kept in the database. */
  shipstation: { username: string; password: string } | null
  configFile: string | null
  statusMap: StatusMap
  statusMode: StatusMode
  /** Things an operator should fix that do not stop the service (logged as warnings at start). */
  warnings: readonly string[]
  /** Orders per export page. */
  pageSize: number
  /** Sophio code an order gets when a shipment notification completes it. */
  shippedCode: string
  /** Sophio code for a partly shipped order; null leaves the code as it is. */
  partialShippedCode: string | null
  /** Sophio createorder API key pair (SOPHIO_API_KEY/SOPHIO_API_SECRET); when absent, generated and kept in the database. */
  sophioApi: { username: string; password: string } | null
  /** Operator credentials for /ops and /metrics (OPS_USERNAME/OPS_PASSWORD); when absent, generated and kept in the database. */
  ops: { username: string; password: string } | null
  /** Carrier and service given at intake to orders that arrive without carrierCode and serviceCode. */
  defaultShipping: ShippingDefault | null
  /** false: orders whose code maps to awaiting_payment stay out of the export until paid. */
  exportPendingOrders: boolean
  /** Sophio warehouse code → ShipStation warehouse name, for `RequestedWarehouse`. */
  warehouses: ReadonlyMap<string, string>
  /** Ship-to countries accepted at intake (ISO 3166-1 alpha-2); empty = all. */
  allowedShipToCountries: readonly string[]
  /** Raw bodies of resolved (applied, duplicate) notices older than this many days may be pruned. */
  noticeBodyRetentionDays: number
  /** 'daily': the server prunes them once a day; 'manual': only `notices prune` does. */
  pruneNoticeBodies: 'manual' | 'daily'
  /** HTTP and shutdown timeouts, in milliseconds. */
  timeouts: Timeouts
}

export interface Timeouts {
  /** Receiving a whole request, headers and body (REQUEST_TIMEOUT_MS); also a silent socket's limit. */
  requestMs: number
  /** Receiving the request line and headers (HEADERS_TIMEOUT_MS); at most requestMs. */
  headersMs: number
  /** An idle keep-alive connection between requests (KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveMs: number
  /** On SIGTERM, how long requests in flight may finish before every connection is closed (SHUTDOWN_DRAIN_MS). */
  drainMs: number
}

/**
 * None above 90 s: a stalled or hostile client holds a connection no longer than that. Keep-alive outlasts the
 * 60 s idle timeout of common proxies and load balancers, so the proxy closes first (never a request racing
 * our close). 60 s for a request carries a 1 MiB notice at 17 KiB/s.
 */
export const TIMEOUT_DEFAULTS: Timeouts = { requestMs: 60_000, headersMs: 30_000, keepAliveMs: 72_000, drainMs: 10_000 }
const TIMEOUT_MAX_MS = 90_000

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

/** The keys the config file may hold, with what each should look like (for error messages). */
const FILE_KEYS: Record<string, string> = {
  statusMode: '"mapped" or "raw"',
  statusMap: 'an object of Sophio code → ShipStation status (or null to unmap a default code), e.g. {"P": "awaiting_shipment"}',
  statusMapMode: '"merge" (statusMap changes the default map) or "replace" (statusMap is the whole map)',
  pageSize: 'a whole number from 1 to 500',
  shippedCode: 'a Sophio status code, e.g. "S"',
  partialShippedCode: 'a Sophio status code, or null to leave partly shipped orders as they are',
  defaultCarrier: `one of ${CARRIERS.join(', ')}`,
  defaultService: 'the service name as ShipStation shows it, 1 to 100 characters, e.g. "Ground"',
  exportPendingOrders: 'true or false',
  warehouses: 'an object of Sophio warehouse code → ShipStation warehouse name, e.g. {"NJ1": "New Jersey"}',
  allowedShipToCountries: 'an array of 2-letter ISO 3166-1 country codes, e.g. ["US"] (empty = all countries)',
  noticeBodyRetentionDays: 'a whole number of days from 1 to 36500',
  pruneNoticeBodies: '"manual" (only `notices prune`) or "daily"',
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Readonly<Config> {
  const host = parseHost(env.HOST)
  const port = parsePort(env.PORT)
  const databasePath = env.DATABASE_PATH?.trim()
    ? env.DATABASE_PATH.trim() === ':memory:'
      ? ':memory:'
      : resolve(cwd, env.DATABASE_PATH.trim())
    : resolve(cwd, 'data', 'sophio-shipstation.db')
  const logLevel = parseLogLevel(env.LOG_LEVEL)
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, host, port)
  const shipstation = parseCredentialPair(env, 'SHIPSTATION_USERNAME', 'SHIPSTATION_PASSWORD')
  const configFile = env.CONFIG_FILE?.trim() ? resolve(cwd, env.CONFIG_FILE.trim()) : null
  const file = configFile ? readConfigFile(configFile) : {}

  const statusMapMode = parseEnum(file.statusMapMode, 'statusMapMode', ['merge', 'replace'] as const, 'merge')
  const statusMap =
    file.statusMap === undefined && statusMapMode === 'merge'
      ? DEFAULT_STATUS_MAP
      : parseStatusMap(file.statusMap ?? {}, statusMapMode)
  const config: Config = {
    host,
    port,
    databasePath,
    publicUrl,
    logLevel,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    shipstation,
    configFile,
    statusMap,
    warnings: statusMapWarnings(statusMap),
    statusMode: parseEnum(file.statusMode, 'statusMode', ['mapped', 'raw'] as const, 'mapped'),
    pageSize: parseInteger(file.pageSize, 'pageSize', 1, 500, 100),
    shippedCode: parseCode(file.shippedCode, 'shippedCode', 'S'),
    partialShippedCode:
      file.partialShippedCode === null || file.partialShippedCode === undefined
        ? null
        : parseCode(file.partialShippedCode, 'partialShippedCode', ''),
    sophioApi: parseCredentialPair(env, 'SOPHIO_API_KEY', 'SOPHIO_API_SECRET'),
    ops: parseCredentialPair(env, 'OPS_USERNAME', 'OPS_PASSWORD'),
    defaultShipping: parseDefaultShipping(file.defaultCarrier, file.defaultService),
    exportPendingOrders: parseBoolean(file.exportPendingOrders, 'exportPendingOrders', true),
    warehouses: parseWarehouses(file.warehouses),
    allowedShipToCountries: parseCountries(file.allowedShipToCountries),
    noticeBodyRetentionDays: parseInteger(file.noticeBodyRetentionDays, 'noticeBodyRetentionDays', 1, 36_500, 90),
    pruneNoticeBodies: parseEnum(file.pruneNoticeBodies, 'pruneNoticeBodies', ['manual', 'daily'] as const, 'manual'),
    timeouts: parseTimeouts(env),
  }
  if (statusMap.get(config.shippedCode) !== 'shipped') {
    throw new ConfigError(
      `shippedCode "${config.shippedCode}" must map to "shipped" in the status map (codes that do: ${codesOf(statusMap, 'shipped')})`,
    )
  }
  return Object.freeze(config)
}

function codesOf(map: StatusMap, status: ShipStationStatus): string {
  return codesMappedTo(map, status).join(',') || 'none'
}

/** An IPv4 or IPv6 address, or a host name; the listen call says whether it is one of this machine's. */
function parseHost(raw: string | undefined): string {
  const host = raw?.trim() || '127.0.0.1'
  if (isIP(host) || /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(host)) {
    return host
  }
  throw new ConfigError(
    `HOST must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name of this machine (got "${raw}")`,
  )
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 8080
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}")`)
  }
  return n
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const v = raw?.trim().toLowerCase() || 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(v)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`)
  }
  return v as LogLevel
}

const TRUST_PROXY_FORMS =
  'a hop count from 1 to 10 (e.g. "1" for one proxy), or a comma-separated list of proxy addresses and CIDRs ' +
  '(e.g. "127.0.0.1" or "10.0.0.0/8, ::1"; also loopback, linklocal, uniquelocal)'
const ADDRESS_NAMES = ['loopback', 'linklocal', 'uniquelocal']

/** Off unless set: believing X-Forwarded-For from anyone would let every client choose its own address. */
function parseTrustProxy(raw: string | undefined): TrustProxy | null {
  const v = raw?.trim() ?? ''
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return null
  if (/^\d+$/.test(v)) {
    const hops = Number(v)
    if (hops > 10) throw new ConfigError(`TRUST_PROXY must be ${TRUST_PROXY_FORMS} (got "${raw}")`)
    return { hops }
  }
  if (v.toLowerCase() === 'true' || v === '*') {
    throw new ConfigError(
      `TRUST_PROXY must be ${TRUST_PROXY_FORMS}; "${v}" would trust every address, so any client could choose its own`,
    )
  }
  // proxy-addr knows its names in lower case only.
  const addresses = v.split(',').map((a) => {
    const entry = a.trim()
    return ADDRESS_NAMES.includes(entry.toLowerCase()) ? entry.toLowerCase() : entry
  })
  for (const a of addresses) {
    if (!isTrustedAddress(a)) {
      throw new ConfigError(
        `TRUST_PROXY: "${a}" is not an IP address or CIDR; TRUST_PROXY must be ${TRUST_PROXY_FORMS}`,
      )
    }
  }
  return { addresses: Object.freeze(addresses) }
}

function isTrustedAddress(entry: string): boolean {
  if (ADDRESS_NAMES.includes(entry.toLowerCase())) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

function parsePublicUrl(raw: string | undefined, host: string, port: number): string {
  const fallback = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}/shipstation`
  if (raw === undefined || raw.trim() === '') return fallback
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL such as https://connector.example.com (got "${raw}")`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PUBLIC_URL must start with https:// or http:// (got "${raw}")`)
  }
  if (url.username || url.password || url.search) {
    throw new ConfigError('PUBLIC_URL must not carry credentials or a query string')
  }
  // The Custom Store URL is the /shipstation endpoint; accept the bare origin too.
  const path = url.pathname.replace(/\/+$/, '')
  return `${url.origin}${path.endsWith('/shipstation') ? path : `${path}/shipstation`}`
}

function parseTimeouts(env: Env): Timeouts {
  const ms = (name: string, fallback: number) => {
    const raw = env[name]
    if (raw === undefined || raw.trim() === '') return fallback
    const n = Number(raw)
    if (!Number.isInteger(n) || n < 100 || n > TIMEOUT_MAX_MS) {
      throw new ConfigError(`${name} must be a whole number of milliseconds from 100 to ${TIMEOUT_MAX_MS} (got "${raw}")`)
    }
    return n
  }
  const t = {
    requestMs: ms('REQUEST_TIMEOUT_MS', TIMEOUT_DEFAULTS.requestMs),
    headersMs: ms('HEADERS_TIMEOUT_MS', TIMEOUT_DEFAULTS.headersMs),
    keepAliveMs: ms('KEEP_ALIVE_TIMEOUT_MS', TIMEOUT_DEFAULTS.keepAliveMs),
    drainMs: ms('SHUTDOWN_DRAIN_MS', TIMEOUT_DEFAULTS.drainMs),
  }
  // Node refuses a header timeout longer than the whole request's; lower both together.
  if (t.headersMs > t.requestMs) {
    throw new ConfigError(
      `HEADERS_TIMEOUT_MS (${t.headersMs}) must not exceed REQUEST_TIMEOUT_MS (${t.requestMs}): the headers are part of the request`,
    )
  }
  return Object.freeze(t)
}

/** Both variables or neither. */
export function parseCredentialPair(env: Env, userVar: string, passVar: string) {
  const username = env[userVar]?.trim()
  const password = env[passVar]
  if (!username && !password) return null
  if (!username || !password) {
    throw new ConfigError(
      `${userVar} and ${passVar} must be set together (only ${username ? userVar : passVar} is set)`,
    )
  }
  if (username.length > 100 || username.includes(':')) {
    throw new ConfigError(`${userVar} must be 1 to 100 characters without ":"`)
  }
  if (password.length < 12) {
    throw new ConfigError(`${passVar} must be at least 12 characters long`)
  }
  return { username, password }
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new ConfigError(`CONFIG_FILE ${path} cannot be read: ${(e as Error).message}`)
  }
  const parsed = parseJson(text.replace(/^\uFEFF/, ''))
  if (!parsed.ok) throw new ConfigError(`CONFIG_FILE ${path} is not valid JSON: ${describeJsonProblem(parsed.problem)}`)
  const data = parsed.value
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(`CONFIG_FILE ${path} must hold a JSON object`)
  }
  for (const key of Object.keys(data)) {
    if (!(key in FILE_KEYS) && key !== '$comment') {
      throw new ConfigError(
        `CONFIG_FILE: unknown setting "${key}"; known settings: ${Object.keys(FILE_KEYS).join(', ')}`,
      )
    }
  }
  return data as Record<string, unknown>
}

/**
 * Merged over the default map unless `statusMapMode` is "replace": copying an example that lists a few codes
 * must not silently unmap the others (orders with an unmapped code never reach ShipStation's lists).
 * In a merge, `null` takes a default code out.
 */
function parseStatusMap(raw: unknown, mode: 'merge' | 'replace'): StatusMap {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`statusMap must be ${FILE_KEYS.statusMap}`)
  }
  const map = new Map<string, ShipStationStatus>(mode === 'merge' ? DEFAULT_STATUS_MAP : [])
  for (const [code, status] of Object.entries(raw)) {
    if (!isSophioCode(code)) throw new ConfigError(`statusMap: "${code}" is not a Sophio code (1–10 letters, digits or $)`)
    if (status === null && mode === 'merge') {
      map.delete(code)
      continue
    }
    if (typeof status !== 'string' || !isShipStationStatus(status)) {
      throw new ConfigError(
        `statusMap: code "${code}" maps to ${JSON.stringify(status)}; use one of ${SHIPSTATION_STATUSES.join(', ')}`,
      )
    }
    map.set(code, status)
  }
  if (map.size === 0) throw new ConfigError('statusMap must map at least one code')
  return map
}

/** Default codes left unmapped, and codes that differ from another only by letter case. */
function statusMapWarnings(map: StatusMap): string[] {
  const warnings: string[] = []
  for (const code of DEFAULT_STATUS_MAP.keys()) {
    if (!map.has(code)) {
      warnings.push(
        `Sophio code "${code}" maps to no ShipStation status: orders with it are exported but ShipStation will not list them (statusMap)`,
      )
    }
  }
  // Default codes first: a "p" next to the default "P" is named as the odd one.
  const first = new Map<string, string>()
  for (const code of [...DEFAULT_STATUS_MAP.keys(), ...map.keys()]) {
    const seen = first.get(code.toLowerCase())
    if (seen === undefined) first.set(code.toLowerCase(), code)
    else if (seen !== code) warnings.push(`statusMap: "${code}" is not "${seen}": Sophio codes are case-sensitive`)
  }
  return warnings
}

function parseEnum<T extends string>(raw: unknown, name: string, values: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback
  if (typeof raw !== 'string' || !(values as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be ${FILE_KEYS[name]} (got ${JSON.stringify(raw)})`)
  }
  return raw as T
}

function parseInteger(raw: unknown, name: string, min: number, max: number, fallback: number): number {
  if (raw === undefined) return fallback
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < min || raw > max) {
    throw new ConfigError(`${name} must be ${FILE_KEYS[name]} (got ${JSON.stringify(raw)})`)
  }
  return raw
}

function parseBoolean(raw: unknown, name: string, fallback: boolean): boolean {
  if (raw === undefined) return fallback
  if (typeof raw !== 'boolean') throw new ConfigError(`${name} must be ${FILE_KEYS[name]} (got ${JSON.stringify(raw)})`)
  return raw
}

function parseDefaultShipping(carrier: unknown, service: unknown): ShippingDefault | null {
  if (carrier === undefined || carrier === null) {
    if (service !== undefined && service !== null) {
      throw new ConfigError('defaultService needs defaultCarrier as well (e.g. "defaultCarrier": "UPS")')
    }
    return null
  }
  const found =
    typeof carrier === 'string' ? CARRIERS.find((c) => c.toLowerCase() === carrier.trim().toLowerCase()) : undefined
  if (!found)
    throw new ConfigError(`defaultCarrier must be ${FILE_KEYS.defaultCarrier} (got ${JSON.stringify(carrier)})`)
  if (service === undefined || service === null) return { carrier: found, service: null }
  if (typeof service !== 'string' || service.trim() === '' || service.trim().length > 100) {
    throw new ConfigError(`defaultService must be ${FILE_KEYS.defaultService} (got ${JSON.stringify(service)})`)
  }
  return { carrier: found, service: service.trim() }
}

function parseWarehouses(raw: unknown): ReadonlyMap<string, string> {
  if (raw === undefined) return new Map()
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`warehouses must be ${FILE_KEYS.warehouses}`)
  }
  const map = new Map<string, string>()
  for (const [code, name] of Object.entries(raw)) {
    if (code.trim() === '' || code.length > 100)
      throw new ConfigError('warehouses: a warehouse code must be 1 to 100 characters')
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100) {
      throw new ConfigError(
        `warehouses: code "${code}" maps to ${JSON.stringify(name)}; use the ShipStation warehouse name exactly as ShipStation shows it (1 to 100 characters)`,
      )
    }
    map.set(code, name)
  }
  return map
}

function parseCountries(raw: unknown): readonly string[] {
  if (raw === undefined) return []
  if (!Array.isArray(raw)) throw new ConfigError(`allowedShipToCountries must be ${FILE_KEYS.allowedShipToCountries}`)
  const out: string[] = []
  for (const c of raw) {
    if (typeof c !== 'string' || !/^[A-Za-z]{2}$/.test(c.trim())) {
      throw new ConfigError(
        `allowedShipToCountries: ${JSON.stringify(c)} is not a 2-letter ISO 3166-1 country code such as "US"`,
      )
    }
    const code = c.trim().toUpperCase()
    if (!out.includes(code)) out.push(code)
  }
  return Object.freeze(out)
}

function parseCode(raw: unknown, name: string, fallback: string): string {
  if (raw === undefined) return fallback
  if (typeof raw !== 'string' || !isSophioCode(raw)) {
    throw new ConfigError(`${name} must be ${FILE_KEYS[name]} (got ${JSON.stringify(raw)})`)
  }
  return raw
}
