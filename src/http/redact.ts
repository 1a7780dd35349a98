// Keeps secrets out of logs: query-string credentials and API keys are replaced before a URL is logged.

const SECRET_PARAM = /^(ss-password|password|pass|pwd|authentication|auth|api[_-]?secret|secret|token|key|api[_-]?key)$/i

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
