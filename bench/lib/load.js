// A bounded HTTP load on 127.0.0.1 with autocannon; returns requests/s and latency percentiles.

import autocannon from 'autocannon'

/**
 * `requests` is autocannon's request list (setupRequest may vary each one). Runs for `seconds`,
 * never longer; only loopback URLs are accepted.
 */
export async function load({ url, seconds = 5, connections = 8, requests, method = 'GET', headers, body }) {
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
