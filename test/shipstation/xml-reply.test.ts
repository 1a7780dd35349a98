// Error and acknowledgement bodies: characters XML 1.0 cannot carry never reach them, whatever they echo.

import { describe, expect, it } from 'vitest'
import { errorXml, simpleXml } from '../../src/shipstation/xml-reply.js'
import { assertWellFormedXml } from '../helpers/validate-xml.js'
import { parseXml } from '../helpers/xml.js'

const FORBIDDEN = [
  ['U+0001', '\u0001'],
  ['NUL', '\u0000'],
  ['U+FFFE', '\uFFFE'],
  ['a lone high surrogate', '\uD800'],
  ['a lone low surrogate', '\uDC00'],
]

describe('XML reply bodies', () => {
  it.each(FORBIDDEN)('an error echoing %s loads as XML 1.0, the character removed', async (_name, c) => {
    const xml = errorXml(`C${c}`, `bad "${c}x"`, `p${c}`, { OrderNumber: `T${c}1` })
    await assertWellFormedXml(Buffer.from(xml))
    expect(parseXml(xml).Error).toEqual({ Code: 'C', Message: 'bad "x"', Parameter: 'p', OrderNumber: 'T1' })
  })

  it.each(FORBIDDEN)('an acknowledgement holding %s loads as XML 1.0, the character removed', async (_name, c) => {
    const xml = simpleXml('ShipNoticeReceived', { Outcome: `applied${c}`, NoticeID: `1${c}2` })
    await assertWellFormedXml(Buffer.from(xml))
    expect(parseXml(xml).ShipNoticeReceived).toEqual({ Outcome: 'applied', NoticeID: '12' })
  })
})
