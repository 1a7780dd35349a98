// TRUST_PROXY → Fastify's trustProxy option: which X-Forwarded-For entries req.ip (logs, login throttle) believes.

import type { TrustProxy } from '../config.js'

type AddressTrust = (address: string, hop: number) => boolean

/**
 * Fastify 5 turns a numeric `trustProxy` into "trust nothing" (a bare hop count cannot tell the proxy from a
 * client that forged the header), so a hop count is given as a function of the hop, counted as proxy-addr
 * counts: hop 0 is the socket's peer, hop 1 the last X-Forwarded-For entry, and so on. With `hops: 1` the
 * client is the address the one proxy added. Address lists go to Fastify as they are (proxy-addr compiles them).
 */
export function trustProxyOption(trust: TrustProxy | null): false | string[] | AddressTrust {
  if (trust === null) return false
  if ('hops' in trust) {
    const { hops } = trust
    return (_address, hop) => hop < hops
  }
  return [...trust.addresses]
}
