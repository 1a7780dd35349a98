// readCredentials, table by table: what each place yields, and every way a presentation is refused as unreadable.

import { describe, expect, it } from 'vitest'
import { type CredentialPlace, readCredentials } from '../../src/http/credential-parser.js'

const b64 = (s: string) => Buffer.from(s).toString('base64')
const read = (headers: string[], query: Record<string, unknown>, places: CredentialPlace[]) =>
  readCredentials({ rawHeaders: headers, query }, places)
const ALL: CredentialPlace[] = ['basic', 'ss-query', 'token-query']

describe('readCredentials', () => {
  it.each([
    ['nothing at all', [], {}, { kind: 'none' }],
    ['Basic', ['Authorization', `Basic ${b64('u:p')}`], {}, { kind: 'pairs', pairs: [{ username: 'u', password: 'p' }] }],
    ['basic, lower case', ['authorization', `basic ${b64('u:p')}`], {}, { kind: 'pairs', pairs: [{ username: 'u', password: 'p' }] }],
    ['a colon in the password', ['Authorization', `Basic ${b64('u:p:q')}`], {}, { kind: 'pairs', pairs: [{ username: 'u', password: 'p:q' }] }],
    ['an empty password', ['Authorization', `Basic ${b64('u:')}`], {}, { kind: 'pairs', pairs: [{ username: 'u', password: '' }] }],
    ['SS-UserName/SS-Password', [], { 'SS-UserName': 'u', 'SS-Password': 'p' }, { kind: 'pairs', pairs: [{ username: 'u', password: 'p' }] }],
    ['ss-username/ss-password', [], { 'ss-username': 'u', 'ss-password': 'p' }, { kind: 'pairs', pairs: [{ username: 'u', password: 'p' }] }],
    ['authentication=', [], { authentication: b64('k:s') }, { kind: 'pairs', pairs: [{ username: 'k', password: 's' }] }],
    ['a token whose + arrived as a space', [], { authentication: b64('k:s>>>').replace('+', ' ') }, { kind: 'pairs', pairs: [{ username: 'k', password: 's>>>' }] }],
    [
      'header and query: both pairs',
      ['Authorization', `Basic ${b64('u:p')}`],
      { 'SS-UserName': 'v', 'SS-Password': 'q' },
      { kind: 'pairs', pairs: [{ username: 'u', password: 'p' }, { username: 'v', password: 'q' }] },
    ],
  ])('%s', (_name, headers, query, expected) => {
    expect(read(headers, query, ALL)).toEqual(expected)
  })

  it.each([
    ['two Authorization headers', ['Authorization', `Basic ${b64('u:p')}`, 'authorization', `Basic ${b64('u:p')}`], {}],
    ['an empty Authorization header', ['Authorization', ''], {}],
    ['"Basic" alone', ['Authorization', 'Basic'], {}],
    ['another scheme', ['Authorization', `Bearer ${b64('u:p')}`], {}],
    ['bytes after the padding', ['Authorization', `Basic ${b64('u:pw')}QUJD`], {}],
    ['a second padded block', ['Authorization', `Basic ${b64('u:pw')}${b64('x')}`], {}],
    ['padding missing', ['Authorization', `Basic ${b64('u:pw').replace(/=+$/, '')}`], {}],
    ['non-zero bits after the last byte', ['Authorization', `Basic ${b64('u:pw').replace('dw==', 'dx==')}`], {}],
    ['the base64url alphabet', ['Authorization', `Basic ${b64('u:p>>?').replace('+', '-').replace('/', '_')}`], {}],
    ['two spaces inside', ['Authorization', `Basic ${b64('u:p')} x`], {}],
    ['no colon', ['Authorization', `Basic ${b64('up')}`], {}],
    ['an empty username', ['Authorization', `Basic ${b64(':p')}`], {}],
    ['bytes that are not UTF-8', ['Authorization', `Basic ${Buffer.from([0x75, 0x3a, 0xff]).toString('base64')}`], {}],
    ['SS-UserName twice', [], { 'SS-UserName': ['a', 'b'], 'SS-Password': 'p' }],
    ['SS-UserName in two letter cases', [], { 'SS-UserName': 'a', 'ss-username': 'a', 'SS-Password': 'p' }],
    ['SS-Password twice', [], { 'SS-UserName': 'a', 'SS-Password': ['p', 'p'] }],
    ['SS-UserName alone', [], { 'SS-UserName': 'a' }],
    ['SS-Password alone', [], { 'SS-Password': 'p' }],
    ['authentication twice', [], { authentication: [b64('k:s'), b64('k:s')] }],
    ['authentication and AUTHENTICATION', [], { authentication: b64('k:s'), AUTHENTICATION: b64('k:s') }],
    ['an empty authentication', [], { authentication: '' }],
    ['authentication not base64', [], { authentication: '%%%' }],
    ['a good header and an unreadable query', ['Authorization', `Basic ${b64('u:p')}`], { 'SS-UserName': ['a', 'b'], 'SS-Password': 'p' }],
  ])('%s → invalid, with no username that was not sent', (_name, headers, query) => {
    const presented = read(headers, query, ALL)
    expect(presented.kind).toBe('invalid')
    if (presented.kind !== 'invalid') return
    expect(presented.why).toMatch(/./)
    // A username, when reported at all, is one the client sent: never a marker of ours.
    const sent = Object.values(query).flat()
    if (presented.username !== undefined) expect(sent).toContain(presented.username)
  })

  it('reads only the places a role takes: operators ignore query credentials', () => {
    expect(read([], { 'SS-UserName': 'u', 'SS-Password': 'p', authentication: b64('k:s') }, ['basic'])).toEqual({
      kind: 'none',
    })
    expect(read([], { authentication: [b64('k:s'), 'x'] }, ['basic', 'ss-query'])).toEqual({ kind: 'none' })
  })

  it('reports the username a half-given query pair tried (for the failed-login count)', () => {
    expect(read([], { 'SS-UserName': 'someone' }, ALL)).toMatchObject({ kind: 'invalid', username: 'someone' })
  })
})
