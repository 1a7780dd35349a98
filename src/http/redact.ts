// Keeps secrets out of logs: query-string credentials and API keys are replaced before a URL is logged.

const SECRET_PARAM =
  /^(ss-password|password|pass|pwd|authentication|auth|api[_-]?secret|secret|token|key|api[_-]?key)$/i

/** The URL with the values of secret-looking query parameters replaced by `[REDACTED]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return url
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const rawName = eq === -1 ? pair : pair.slice(0, eq)
      let name = rawName
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '))
      } catch {
        // Undecodable name: judge it as written.
      }
      return SECRET_PARAM.test(name.trim()) ? `${rawName}=[REDACTED]` : pair
    })
  return `${url.slice(0, q)}?${parts.join('&')}`
}

const CREDENTIAL_PARAM = /^(ss-username|ss-password)$/i

/** The query string of `url` (no `?`) with credential and secret-looking parameters removed, e.g. for storage. */
export function queryWithoutCredentials(url: string): string {
  const q = url.indexOf('?')
  if (q === -1) return ''
  return url
    .slice(q + 1)
    .split('&')
    .filter((pair) => {
      if (pair === '') return false
      const eq = pair.indexOf('=')
      const rawName = eq === -1 ? pair : pair.slice(0, eq)
      let name = rawName
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '))
      } catch {
        // Undecodable name: judge it as written.
      }
      return !CREDENTIAL_PARAM.test(name.trim()) && !SECRET_PARAM.test(name.trim())
    })
    .join('&')
}
