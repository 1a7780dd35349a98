// Process entry: config → database → credentials → app → checkpointer → listen; graceful shutdown on SIGTERM/SIGINT.

import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { startCheckpointer } from './db/checkpointer.js'
import { openDatabase, SchemaTooNewError } from './db/open.js'
import { ensureCredential } from './services/credentials.js'
import { customStoreForm, formatCustomStoreForm } from './services/custom-store-form.js'

async function main(): Promise<void> {
  const config = loadConfig()
  // The one place a database is created; the CLI refuses a missing file.
  const db = openDatabase(config.databasePath, {
    create: true,
    onCreate: (path) => process.stderr.write(`sophio-shipstation: created a new, empty database at ${path}\n`),
  })
  const generated = ensureCredential(db, 'shipstation', config.shipstation)
  if (generated) {
    const form = customStoreForm(
      config.publicUrl,
      generated.username,
      generated.password,
      config.statusMap,
      config.statusMode,
    )
    process.stdout.write(
      `\nFirst start: ShipStation credentials were generated and saved in ${config.databasePath}.\n` +
        'The password is shown this once; `npx sophio-shipstation credentials rotate` makes a new one.\n\n' +
        formatCustomStoreForm(form, ''),
    )
  }
  const api = ensureCredential(db, 'api', config.sophioApi)
  if (api) {
    const token = Buffer.from(`${api.username}:${api.password}`).toString('base64')
    const base = config.publicUrl.replace(/\/shipstation$/, '')
    process.stdout.write(
      `\nFirst start: a Sophio API key pair was generated and saved in ${config.databasePath} (shown this once;\n` +
        'set SOPHIO_API_KEY/SOPHIO_API_SECRET to choose your own):\n\n' +
        `  API key:     ${api.username}\n  API secret:  ${api.password}\n\n` +
        `  POST ${base}/createorder.wws?action=CREATE&authentication=${encodeURIComponent(token)}\n\n`,
    )
  }
  const ops = ensureCredential(db, 'ops', config.ops)
  if (ops) {
    const base = config.publicUrl.replace(/\/shipstation$/, '')
    process.stdout.write(
      `\nFirst start: operator credentials for ${base}/ops and /metrics were generated and saved in ${config.databasePath}\n` +
        '(shown this once; set OPS_USERNAME/OPS_PASSWORD to choose your own):\n\n' +
        `  Ops username:  ${ops.username}\n  Ops password:  ${ops.password}\n\n`,
    )
  }
  const app = await buildApp({ config, db })
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
    await app.close()
    clearInterval(sweep)
    // The thread's connection first: closing the last connection checkpoints the WAL away.
    await checkpointer?.stop()
    db.close()
    app.log.info({ signal }, 'stopped: database closed')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
  await app.listen({ host: config.host, port: config.port })
  app.log.info({ shipstationUrl: config.publicUrl, database: config.databasePath }, 'sophio-shipstation ready')
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof SchemaTooNewError) {
    process.stderr.write(`sophio-shipstation: ${err.message}\n`)
    process.exit(2)
  }
  process.stderr.write(`sophio-shipstation: failed to start: ${(err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
