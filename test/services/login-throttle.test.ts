// The failed-login counter: limit, window, one warning per key, and a bounded memory whatever the traffic.

import { describe, expect, it } from 'vitest'
import { loginThrottle } from '../../src/services/login-throttle.js'

const key = (ip: string, username = 'shipstation-1', role = 'shipstation') => ({ role, ip, username })

describe('loginThrottle', () => {
  it('throttles after maxFailures in a window, says so once, and forgets when the window ends', () => {
    let now = 0
    const throttle = loginThrottle({ maxFailures: 3, windowMs: 60_000, now: () => now })
    const verdicts = Array.from({ length: 5 }, () => throttle.failed(key('1.2.3.4')))
    expect(verdicts.map((v) => v.throttled)).toEqual([false, false, false, true, true])
    expect(verdicts.map((v) => v.firstThrottled)).toEqual([false, false, false, true, false])
    expect(verdicts[3]?.retryAfterSeconds).toBe(60)
    now = 45_000
    expect(throttle.failed(key('1.2.3.4')).retryAfterSeconds).toBe(15)
    now = 60_000
    expect(throttle.failed(key('1.2.3.4')).throttled).toBe(false)
  })

  it('keeps roles, addresses and usernames apart', () => {
    const throttle = loginThrottle({ maxFailures: 1 })
    throttle.failed(key('1.2.3.4'))
    expect(throttle.failed(key('1.2.3.4')).throttled).toBe(true)
    expect(throttle.failed(key('1.2.3.5')).throttled).toBe(false)
    expect(throttle.failed(key('1.2.3.4', 'other')).throttled).toBe(false)
    expect(throttle.failed(key('1.2.3.4', 'shipstation-1', 'api')).throttled).toBe(false)
  })

  it('never holds more than maxKeys keys, forgetting the least recently failing first', () => {
    const throttle = loginThrottle({ maxFailures: 1, maxKeys: 100 })
    for (let i = 0; i < 10_000; i++) throttle.failed(key(`10.0.${i >> 8}.${i & 255}`, `user-${i}`))
    expect(throttle.size()).toBe(100)
    // A key that keeps failing stays remembered while a flood of new keys passes by.
    const busy = loginThrottle({ maxFailures: 1, maxKeys: 10 })
    for (let i = 0; i < 100; i++) {
      busy.failed(key('9.9.9.9'))
      busy.failed(key(`10.0.0.${i}`))
    }
    expect(busy.failed(key('9.9.9.9')).throttled).toBe(true)
  })
})
