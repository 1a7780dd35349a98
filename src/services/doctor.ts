// Use case: `doctor` — check configuration, database, migrations, credentials and data without changing any of it.

import type { Config } from '../config.js'
import { type CredentialRole, readStoredCredential } from '../db/credentials-repo.js'
import {
  type DatabaseHealth,
  type DatabaseInspection,
  healthRepo,
  inspectDatabaseFile,
  inspectStorage,
} from '../db/health-repo.js'
import { sqliteEngine } from '../db/engine.js'
import { type Db, openDatabase } from '../db/open.js'
import type { Repos } from '../db/repos.js'
import { CLOCK_SKEW_MS, formatTime } from '../domain/dates.js'
import { silentLogger } from '../logger.js'
import { type Ctx, storeFromConfig } from './context.js'
import { type CustomStoreForm, customStoreForm } from './custom-store-form.js'
import { type NoticeAction, noticeActions } from './notice-actions.js'
import { opsViews, statusMapProblems } from './ops-views.js'
import { WAL_WARN_BYTES, walSizeBytes } from './wal-size.js'

export type CheckStatus = 'ok' | 'warn' | 'fail'

export interface Check {
  name: string
  status: CheckStatus
  detail: string
}

export interface Diagnosis {
  checks: Check[]
  /** What to type into ShipStation (no password: only its hash is kept). */
  form: CustomStoreForm
  /** A test export; curl asks for the password. null until credentials exist. */
  curl: string | null
  /** The newest flagged notices, each with the decision it leaves (empty without a current database). */
  flagged: FlaggedNotice[]
  ok: boolean
}

export interface FlaggedNotice {
  id: number
  receivedAt: string
  orderNumber: string | null
  actions: NoticeAction[]
}

/** How many flagged notices doctor spells out; `notices flagged` lists them all. */
export const DOCTOR_FLAGGED_LIMIT = 10

const ROLES: { role: CredentialRole; name: string; env: string; fromEnv: (c: Readonly<Config>) => unknown }[] = [
  {
    role: 'shipstation',
    name: 'ShipStation credentials',
    env: 'SHIPSTATION_USERNAME/PASSWORD',
    fromEnv: (c) => c.shipstation,
  },
  { role: 'api', name: 'Sophio API key', env: 'SOPHIO_API_KEY/SECRET', fromEnv: (c) => c.sophioApi },
  { role: 'ops', name: 'operator credentials', env: 'OPS_USERNAME/PASSWORD', fromEnv: (c) => c.ops },
]

export async function diagnose(config: Readonly<Config>): Promise<Diagnosis> {
  const checks: Check[] = [configurationCheck(config), publicUrlCheck(config.publicUrl)]
  let db: Db | undefined
  let inspection: DatabaseInspection | undefined
  try {
    if (config.databasePath === ':memory:') {
      db = openDatabase(':memory:', { create: false })
      checks.push({ name: 'database', status: 'warn', detail: ':memory: — nothing is kept once the process ends' })
    } else {
      inspection = inspectDatabaseFile(config.databasePath)
      if (!inspection.exists) {
        checks.push({
          name: 'database',
          status: 'fail',
          detail: `no database at ${config.databasePath} yet: \`npm start\` creates it and generates the credentials`,
        })
      } else {
        db = inspection.db
        const wal = inspection.journalMode.toLowerCase() === 'wal'
        checks.push({
          name: 'database',
          status: wal ? 'ok' : 'warn',
          detail: `${config.databasePath} (${size(inspection.sizeBytes)}, journal mode ${inspection.journalMode}${wal ? '' : '; the service sets WAL when it starts'})`,
        })
        checks.push(storageCheck(config.databasePath, db))
        checks.push(walCheck(config.databasePath))
      }
    }
  } catch (e) {
    checks.push({
      name: 'database',
      status: 'fail',
      detail: `${config.databasePath} cannot be read: ${(e as Error).message}`,
    })
  }
  let shipstationUser: string | undefined
  const flagged: FlaggedNotice[] = []
  try {
    if (db) {
      const health = inspection?.exists ? inspection.health : healthRepo(db).check()
      checks.push(migrationsCheck(health))
      // Read-only: doctor writes nothing, so nothing here takes the write lock.
      const uow = sqliteEngine(db, silentLogger).uow
      // Schema 0: an empty file, no settings table to read credentials from.
      const settings = health.schemaVersion ? true : undefined
      for (const r of settings ? ROLES : []) {
        const env = r.fromEnv(config) as { username: string } | null
        const stored = env ? undefined : await uow.read((repos) => readStoredCredential(repos.settings, r.role))
        const username = env?.username ?? stored?.username
        if (r.role === 'shipstation') shipstationUser = username
        checks.push(
          username === undefined
            ? { name: r.name, status: 'fail', detail: 'not generated yet: start the service once (`npm start`)' }
            : {
                name: r.name,
                status: 'ok',
                detail: `${username} (${env ? `from ${r.env}` : 'generated, kept in the database'})`,
              },
        )
      }
      if (health.schemaVersion === health.expectedVersion) {
        const ctx: Ctx = { store: { ...storeFromConfig(config), excludeCodes: [] }, uow, now: Date.now, log: silentLogger }
        checks.push(...(await dataChecks(ctx, flagged)))
      }
    }
  } finally {
    db?.close()
  }
  const form = customStoreForm(
    config.publicUrl,
    shipstationUser ?? '(not generated yet)',
    undefined,
    config.statusMap,
    config.statusMode,
  )
  return {
    checks,
    form,
    curl: shipstationUser === undefined ? null : testExportCurl(config.publicUrl, shipstationUser),
    flagged,
    ok: checks.every((c) => c.status !== 'fail'),
  }
}

function configurationCheck(config: Readonly<Config>): Check {
  const source = config.configFile ? `environment and ${config.configFile}` : 'environment (no CONFIG_FILE)'
  return {
    name: 'configuration',
    status: 'ok',
    detail: `${source}; status mode "${config.statusMode}", ${config.statusMap.size} codes mapped, ${config.pageSize} orders a page`,
  }
}

function publicUrlCheck(publicUrl: string): Check {
  const url = new URL(publicUrl)
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i.test(url.hostname)
  if (local) {
    return {
      name: 'public URL',
      status: 'warn',
      detail: `${publicUrl}: ShipStation cannot reach ${url.hostname}; set PUBLIC_URL to the HTTPS address it uses`,
    }
  }
  if (url.protocol !== 'https:') {
    return {
      name: 'public URL',
      status: 'warn',
      detail: `${publicUrl} is not HTTPS: the password would travel in clear`,
    }
  }
  return { name: 'public URL', status: 'ok', detail: publicUrl }
}

/** Writable and sound: what the service needs to keep its promises (it refuses to start otherwise). */
function storageCheck(path: string, db: Db): Check {
  const s = inspectStorage(path, db)
  const sound = s.integrity.length === 1 && s.integrity[0] === 'ok'
  if (!sound) {
    return {
      name: 'storage',
      status: 'fail',
      detail: `the database is damaged (quick_check: ${s.integrity.join('; ')}): restore the last backup`,
    }
  }
  if (s.notWritable) {
    return { name: 'storage', status: 'fail', detail: `read-only: ${s.notWritable}; writes are refused with 503` }
  }
  return { name: 'storage', status: 'ok', detail: 'writable; quick_check ok' }
}

function migrationsCheck(h: DatabaseHealth): Check {
  if (!h.reachable || h.schemaVersion === null) {
    return {
      name: 'migrations',
      status: 'fail',
      detail: `the schema version cannot be read: ${h.error ?? 'unknown error'}`,
    }
  }
  if (h.schemaVersion === h.expectedVersion) {
    return { name: 'migrations', status: 'ok', detail: `schema version ${h.schemaVersion} (current)` }
  }
  if (h.schemaVersion < h.expectedVersion) {
    return {
      name: 'migrations',
      status: 'warn',
      detail: `schema version ${h.schemaVersion}, this program expects ${h.expectedVersion}: migrated at the next start`,
    }
  }
  return {
    name: 'migrations',
    status: 'fail',
    detail: `schema version ${h.schemaVersion} is newer than this program knows (${h.expectedVersion}): run a newer sophio-shipstation`,
  }
}

/** The -wal file's size: large means checkpoints do not complete (the running service logs why). */
function walCheck(databasePath: string): Check {
  const bytes = walSizeBytes(databasePath)
  if (bytes === 0) return { name: 'write-ahead log', status: 'ok', detail: 'empty (everything is in the database file)' }
  if (bytes < WAL_WARN_BYTES) {
    return { name: 'write-ahead log', status: 'ok', detail: `${size(bytes)}, checkpointed in the background` }
  }
  return {
    name: 'write-ahead log',
    status: 'warn',
    detail:
      `${size(bytes)}: checkpoints are not keeping up — see the service's log for "WAL checkpoint" lines ` +
      '(a reader holding an old snapshot, or a database file that can no longer be written)',
  }
}

/** Status map against the data, and notices waiting for a person (the newest flagged ones into `flagged`). */
async function dataChecks(ctx: Ctx, flagged: FlaggedNotice[]): Promise<Check[]> {
  const report = await opsViews.statusMap(ctx)
  const problems = statusMapProblems(report)
  const counts = await opsViews.noticeCounts(ctx)
  const waiting = counts.unmatched + counts.rejected + counts.flagged
  for (const n of await opsViews.notices(ctx, DOCTOR_FLAGGED_LIMIT, 'flagged')) {
    flagged.push({ id: n.id, receivedAt: formatTime(n.receivedAt), orderNumber: n.orderNumber, actions: noticeActions(n) })
  }
  return [
    problems.length === 0
      ? { name: 'status map', status: 'ok', detail: `every code in the data is mapped (${report.totalOrders} orders)` }
      : { name: 'status map', status: 'fail', detail: `${problems.join('; ')} (\`sophio-shipstation status-map\`)` },
    waiting === 0
      ? { name: 'notices', status: 'ok', detail: 'no notice waiting for a person' }
      : {
          name: 'notices',
          status: 'warn',
          detail:
            `${counts.unmatched} unmatched, ${counts.rejected} rejected, ${counts.flagged} flagged ` +
            `(applied, an operator must decide): \`sophio-shipstation notices failed\``,
        },
    await ctx.uow.read((repos) => futureCheck(repos, ctx.now())),
  ]
}

/**
 * Orders whose LastModified lies ahead of this machine's clock (clock skew, a restore from a machine with a
 * wrong clock): ShipStation's export windows end now, so it sees none of their changes until that date.
 */
async function futureCheck(repos: Repos, now: number): Promise<Check> {
  const { total, newest } = await repos.orders.modifiedAfter(now + CLOCK_SKEW_MS, 5)
  if (total === 0) return { name: 'LastModified', status: 'ok', detail: 'no order modified in the future' }
  const listed = newest.map((o) => `${o.orderNumber} (${formatTime(o.modifiedAt)})`).join(', ')
  return {
    name: 'LastModified',
    status: 'warn',
    detail: `${total} order${total === 1 ? '' : 's'} modified in the future, newest first: ${listed}${total > newest.length ? ', …' : ''}; the export shows none of their changes until then — is this machine's clock right? Any change to such an order sets its LastModified to now`,
  }
}

/** The README's test export, for every order ever modified; `-u user` alone makes curl ask for the password. */
export function testExportCurl(publicUrl: string, username: string): string {
  const query = 'action=export&start_date=01%2F01%2F2000+00%3A00&end_date=12%2F31%2F2099+23%3A59&page=1'
  return `curl -sS -u ${shellQuote(username)} ${shellQuote(`${publicUrl}?${query}`)}`
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`
}

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
