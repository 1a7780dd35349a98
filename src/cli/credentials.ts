// `credentials [show|rotate]`: the Custom Store form values again, or a new ShipStation password.

import type { Config } from '../config.js'
import { credentialSource, rotateCredential } from '../services/credentials.js'
import { createOrderUrl } from '../services/intake-url.js'
import { customStoreForm, formatCustomStoreForm } from '../services/custom-store-form.js'

/** The open database, as the credential use cases take it: the CLI passes it on and never looks inside. */
type Db = Parameters<typeof rotateCredential>[0]

export function showCredentials(config: Readonly<Config>, db: Db, out: (s: string) => void): number {
  const source = credentialSource(db, 'shipstation', config.shipstation)
  const current = source.current()
  if (!current) {
    out('No ShipStation credentials yet: start the service once (npm start) or run `credentials rotate`.\n')
    return 1
  }
  const note =
    source.origin === 'environment'
      ? '(the value of SHIPSTATION_PASSWORD)'
      : '(shown only when generated; `credentials rotate` makes a new one)'
  out(
    formatCustomStoreForm(
      customStoreForm(config.publicUrl, current.username, undefined, config.statusMap, config.statusMode),
      note,
    ),
  )
  return 0
}

export function rotateCredentials(config: Readonly<Config>, db: Db, out: (s: string) => void): number {
  if (config.shipstation) {
    out('The ShipStation credentials come from SHIPSTATION_USERNAME/SHIPSTATION_PASSWORD: change them there.\n')
    return 2
  }
  const pair = rotateCredential(db, 'shipstation')
  out('New ShipStation credentials saved; the old ones stop working now (a running service picks them up at once).\n')
  out("Type them into the store's connection settings in ShipStation. The password is shown this once.\n\n")
  out(
    formatCustomStoreForm(
      customStoreForm(config.publicUrl, pair.username, pair.password, config.statusMap, config.statusMode),
      '',
    ),
  )
  return 0
}

const OTHER_ROLES = {
  api: { label: 'Sophio API key pair', env: 'SOPHIO_API_KEY/SOPHIO_API_SECRET', user: 'API key', pass: 'API secret' },
  ops: {
    label: 'operator credentials (/ops, /metrics)',
    env: 'OPS_USERNAME/OPS_PASSWORD',
    user: 'Ops username',
    pass: 'Ops password',
  },
} as const

/** `credentials rotate api|ops`: a new pair for the Sophio API or for operators, printed once. */
export function rotateOtherCredentials(
  config: Readonly<Config>,
  db: Db,
  role: keyof typeof OTHER_ROLES,
  out: (s: string) => void,
): number {
  const r = OTHER_ROLES[role]
  if ((role === 'api' ? config.sophioApi : config.ops) !== null) {
    out(`The ${r.label} come from ${r.env}: change them there.\n`)
    return 2
  }
  const pair = rotateCredential(db, role)
  out(`New ${r.label} saved; the old ones stop working now. Shown this once:\n\n`)
  out(`  ${`${r.user}:`.padEnd(14)} ${pair.username}\n  ${`${r.pass}:`.padEnd(14)} ${pair.password}\n`)
  if (role === 'api') {
    out(`\nThe seller's site posts orders to:\n\n  POST ${createOrderUrl(config.publicUrl, pair.username, pair.password)}\n`)
  }
  return 0
}
