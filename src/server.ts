// Process entry: config → database → credentials → app → checkpointer → listen; graceful shutdown on SIGTERM/SIGINT.

import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { startCheckpointer } from './db/checkpointer.js'
import { openDatabase, SchemaTooNewError } from './db/open.js'
import { checkStorageAtStart, StorageStartError } from './db/start-checks.js'
import { storageFaultKindOf } from './db/storage-faults.js'
import { useShortBusyWait } from './db/unit-of-work.js'
import { revealFirstStart } from './first-start.js'
import { ensureCredential } from './services/credentials.js'
import { customStoreForm, formatCustomStoreForm } from './services/custom-store-form.js'
import { createOrderUrl } from './services/intake-url.js'
import { scheduleNoticePruning } from './services/notice-retention.js'
import { statusMapProblems } from './services/ops-views.js'

async function main(): Promise<void> {
  const config = loadConfig()
  const db = openStorage(config.databasePath)
  // Writes wait for the lock in the unit of work, asynchronously.
  useShortBusyWait(db)
  const app = await buildApp({ config, db })
  const { uow } = app.services
  // Generated secrets are gathered here and handed over once the logger exists (see first-start.ts).
  const firstStart: string[] = []
  const generated = await ensureCredential(uow, 'shipstation', config.shipstation)
  if (generated) {
    const form = customStoreForm(
      config.publicUrl,
      generated.username,
      generated.password,
      config.statusMap,
      config.statusMode,
    )
    firstStart.push(
      `\nFirst start: ShipStation credentials were generated and saved in ${config.databasePath}.\n` +
        'The password is shown this once; `npx sophio-shipstation credentials rotate` makes a new one.\n\n' +
        formatCustomStoreForm(form, ''),
    )
  }
  const api = await ensureCredential(uow, 'api', config.sophioApi)
  if (api) {
    firstStart.push(
      `\nFirst start: a Sophio API key pair was generated and saved in ${config.databasePath} (shown this once;\n` +
        'set SOPHIO_API_KEY/SOPHIO_API_SECRET to choose your own):\n\n' +
        `  API key:     ${api.username}\n  API secret:  ${api.password}\n\n` +
        `  POST ${createOrderUrl(config.publicUrl, api.username, api.password)}\n\n`,
    )
  }
  const ops = await ensureCredential(uow, 'ops', config.ops)
  if (ops) {
    const base = config.publicUrl.replace(/\/shipstation$/, '')
    firstStart.push(
      `\nFirst start: operator credentials for ${base}/ops and /metrics were generated and saved in ${config.databasePath}\n` +
        '(shown this once; set OPS_USERNAME/OPS_PASSWORD to choose your own):\n\n' +
        `  Ops username:  ${ops.username}\n  Ops password:  ${ops.password}\n\n`,
    )
  }
  if (firstStart.length > 0) {
    const file = revealFirstStart(firstStart.join(''), config.databasePath)
    if (file) app.log.warn({ file }, 'first start: generated credentials written to this file (mode 0600): read them, then delete it')
    else app.log.info('first start: generated credentials shown on the terminal')
  }
  // Nothing here stops the service, but each means orders ShipStation will not list: say so at every start.
  for (const warning of [...config.warnings, ...statusMapProblems(await app.services.ops.statusMap())]) {
    app.log.warn({ check: 'status map' }, warning)
  }
  const checkpointer =
    config.databasePath === ':memory:' ? undefined : startCheckpointer(db, config.databasePath, app.log)
  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // close() waits for every connection to end, and a keep-alive connection whose request finishes after it
    // began would idle on until its timeout (5 s): close each one as soon as it has nothing in flight.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 50)
    // A client that stalls mid-request (headers sent, body never) would hold close() until its request
    // timeout: past the drain time every connection still open is closed.
    const drain = setTimeout(() => app.server.closeAllConnections(), config.timeouts.drainMs)
    await app.close()
    clearInterval(sweep)
    clearTimeout(drain)
    // The thread's connection first: closing the last connection checkpoints the WAL away.
    await checkpointer?.stop()
    db.close()
    app.log.info({ signal }, 'stopped: database closed')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await listen(app, config.host, config.port)
  if (config.pruneNoticeBodies === 'daily') {
    const days = config.noticeBodyRetentionDays
    // Unref'd timers: nothing to stop at shutdown.
    scheduleNoticePruning(() => app.services.pruneNoticeBodies(days, false), app.log)
  }
  const bound = app.server.address()
  const port = typeof bound === 'object' && bound ? bound.port : config.port
  app.log.info(
    { host: config.host, port, shipstationUrl: config.publicUrl, database: config.databasePath },
    'sophio-shipstation ready',
  )
}

/** listen, with the usual failures said as what to change (exit 2), not as a stack trace. */
async function listen(app: Awaited<ReturnType<typeof buildApp>>, host: string, port: number): Promise<void> {
  try {
    await app.listen({ host, port })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why: Record<string, string> = {
      EADDRINUSE: `PORT: ${host}:${port} is already in use — another instance? Stop it or set PORT to a free port`,
      EACCES: `PORT: ${port} needs privileges this user lacks — use a port above 1023 (and a proxy on 443)`,
      EADDRNOTAVAIL: `HOST: ${host} is not an address of this machine — use 127.0.0.1, 0.0.0.0 or one of its own`,
      ENOTFOUND: `HOST: "${host}" cannot be resolved — use an IP address`,
      EAI_AGAIN: `HOST: "${host}" cannot be resolved now — use an IP address`,
    }
    const message = code === undefined ? undefined : why[code]
    if (message) throw new ConfigError(message)
    throw err
  }
}

/** Opens, migrates and checks the database; a storage problem is a configuration problem (exit 2). */
function openStorage(path: string): ReturnType<typeof openDatabase> {
  let db: ReturnType<typeof openDatabase> | undefined
  try {
    // The one place a database is created; the CLI refuses a missing file.
    db = openDatabase(path, {
      create: true,
      onCreate: (created) => process.stderr.write(`sophio-shipstation: created a new, empty database at ${created}\n`),
    })
    checkStorageAtStart(db)
    return db
  } catch (err) {
    db?.close()
    const fsCode = (err as NodeJS.ErrnoException).code
    if (fsCode && ['EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EISDIR', 'EROFS', 'ENOENT', 'ELOOP'].includes(fsCode)) {
      throw new ConfigError(`DATABASE_PATH: ${path} cannot be used (${fsCode}: ${(err as Error).message})`)
    }
    if (err instanceof StorageStartError || storageFaultKindOf(err)) {
      throw new ConfigError(
        `DATABASE_PATH: the database at ${path} cannot be used: ${(err as Error).message}. ` +
          'The service needs to write to the file and to its folder (it creates -wal and -shm files beside it).',
      )
    }
    throw err
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof SchemaTooNewError) {
    process.stderr.write(`sophio-shipstation: ${err.message}\n`)
    process.exit(2)
  }
  process.stderr.write(`sophio-shipstation: failed to start: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
