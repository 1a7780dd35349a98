// Keeps secrets out of logs and storage: query-string credentials and API keys never leave the request.

const SECRET_PARAM =
  /^(ss-password|password|pass|pwd|authentication|auth|api[_-]?secret|secret|token|key|api[_-]?key)$/i
const CREDENTIAL_PARAM = /^(ss-username|ss-password)$/i

/** The decoded name of a `name=value` pair (as written when it cannot be decoded). */
function paramName(pair: string): string {
  const eq = pair.indexOf('=')
  const raw = eq === -1 ? pair : pair.slice(0, eq)
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' ')).trim()
  } catch {
    return raw.trim()
  }
}

/** The pairs of the URL's query string (empty when there is none). */
function queryPairs(url: string): string[] {
  const q = url.indexOf('?')
  return q === -1 ? [] : url.slice(q + 1).split('&')
}

/** The URL with the values of secret-looking query parameters replaced by `[REDACTED]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  const parts = queryPairs(url).map((pair) => {
    if (!SECRET_PARAM.test(paramName(pair))) return pair
    const eq = pair.indexOf('=')
    return `${eq === -1 ? pair : pair.slice(0, eq)}=[REDACTED]`
  })
  return `${url.slice(0, q)}?${parts.join('&')}`
}

/** The query string of `url` (no `?`) with credential and secret-looking parameters removed, e.g. for storage. */
export function queryWithoutCredentials(url: string): string {
  return queryPairs(url)
    .filter((pair) => {
      if (pair === '') return false
      const name = paramName(pair)
      return !CREDENTIAL_PARAM.test(name) && !SECRET_PARAM.test(name)
    })
    .join('&')
}
