// A throw-away self-signed certificate for one test run, made with Debian's openssl.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TestCertificate {
  certPath: string
  keyPath: string
  /** The certificate in PEM: the only CA the test client trusts. */
  pem: string
}

/** An EC P-256 certificate for `name` (subjectAltName too, as TLS clients require), valid for a day, in `dir`. */
export function makeCertificate(openssl: string, dir: string, name: string): TestCertificate {
  const certPath = join(dir, 'cert.pem')
  const keyPath = join(dir, 'key.pem')
  execFileSync(
    openssl,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=DNS:${name}`,
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  return { certPath, keyPath, pem: readFileSync(certPath, 'utf8') }
}
