// A bounded HTTP load on 127.0.0.1 with autocannon; returns requests/s and latency percentiles.

import autocannon from 'autocannon'

/**
 * `requests` is autocannon's request list (setupRequest may vary each one); `rate` caps requests per second
 * (a steady load instead of as many as the server takes). Runs for `seconds`,
 * never longer; only loopback URLs are accepted. `rate` caps requests per second (a soak at a set load).
 */
export async function load({ url, seconds = 5, connections = 8, requests, method = 'GET', headers, body, rate }) {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`bench targets 127.0.0.1 only, not ${url}`)
  const result = await autocannon({
    url,
    method,
    headers,
    body,
    duration: seconds,
    connections,
    pipelining: 1,
    requests,
    // Requests per second from all connections together; unset = as fast as the server answers.
    ...(rate ? { overallRate: rate } : {}),
  })
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  }
}
