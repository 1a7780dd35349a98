// The only reader of process.env and the config file: validates every setting and returns a frozen Config.

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  DEFAULT_STATUS_MAP,
  isShipStationStatus,
  SHIPSTATION_STATUSES,
  type ShipStationStatus,
  type StatusMap,
  type StatusMode,
} from './domain/status.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  host: string
  port: number
  databasePath: string
  /** The address ShipStation uses to reach us, for printed instructions. */
  publicUrl: string
  logLevel: LogLevel
  /** Credentials from the environment; when absent, generated ones are kept in the database. */
  shipstation: { username: string; password: string } | null
  configFile: string | null
  statusMap: StatusMap
  statusMode: StatusMode
  /** Orders per export page. */
  pageSize: number
  /** Sophio code an order gets when a shipment notification completes it. */
  shippedCode: string
  /** Sophio code for a partly shipped order; null leaves the code as it is. */
  partialShippedCode: string | null
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>

/** The keys the config file may hold, with what each should look like (for error messages). */
const FILE_KEYS: Record<string, string> = {
  statusMode: '"mapped" or "raw"',
  statusMap: 'an object of Sophio code → ShipStation status, e.g. {"P": "awaiting_shipment"}',
  pageSize: 'a whole number from 1 to 500',
  shippedCode: 'a Sophio status code, e.g. "S"',
  partialShippedCode: 'a Sophio status code, or null to leave partly shipped orders as they are',
}

const CODE = /^[0-9A-Za-z$]{1,10}$/

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Readonly<Config> {
  const host = env.HOST?.trim() || '127.0.0.1'
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

  const statusMap = file.statusMap === undefined ? DEFAULT_STATUS_MAP : parseStatusMap(file.statusMap)
  const config: Config = {
    host,
    port,
    databasePath,
    publicUrl,
    logLevel,
    shipstation,
    configFile,
    statusMap,
    statusMode: parseEnum(file.statusMode, 'statusMode', ['mapped', 'raw'] as const, 'mapped'),
    pageSize: parseInteger(file.pageSize, 'pageSize', 1, 500, 100),
    shippedCode: parseCode(file.shippedCode, 'shippedCode', 'S'),
    partialShippedCode:
      file.partialShippedCode === null || file.partialShippedCode === undefined
        ? null
        : parseCode(file.partialShippedCode, 'partialShippedCode', ''),
  }
  if (statusMap.get(config.shippedCode) !== 'shipped') {
    throw new ConfigError(
      `shippedCode "${config.shippedCode}" must map to "shipped" in the status map (codes that do: ${codesOf(statusMap, 'shipped')})`,
    )
  }
  return Object.freeze(config)
}

function codesOf(map: StatusMap, status: ShipStationStatus): string {
  return [...map].filter(([, s]) => s === status).map(([c]) => c).join(',') || 'none'
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

/** Both variables or neither. */
export function parseCredentialPair(env: Env, userVar: string, passVar: string) {
  const username = env[userVar]?.trim()
  const password = env[passVar]
  if (!username && !password) return null
  if (!username || !password) {
    throw new ConfigError(`${userVar} and ${passVar} must be set together (only ${username ? userVar : passVar} is set)`)
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
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    throw new ConfigError(`CONFIG_FILE ${path} is not valid JSON: ${(e as Error).message}`)
  }
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

function parseStatusMap(raw: unknown): StatusMap {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`statusMap must be ${FILE_KEYS.statusMap}`)
  }
  const map = new Map<string, ShipStationStatus>()
  for (const [code, status] of Object.entries(raw)) {
    if (!CODE.test(code)) throw new ConfigError(`statusMap: "${code}" is not a Sophio code (1–10 letters, digits or $)`)
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

function parseCode(raw: unknown, name: string, fallback: string): string {
  if (raw === undefined) return fallback
  if (typeof raw !== 'string' || !CODE.test(raw)) {
    throw new ConfigError(`${name} must be ${FILE_KEYS[name]} (got ${JSON.stringify(raw)})`)
  }
  return raw
}
