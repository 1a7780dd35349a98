// parseShipNotice and decodeNoticeBody on the fixture files: strings kept as sent, hostile input refused.

import { describe, expect, it } from 'vitest'
import { decodeNoticeBody } from '../../src/shipstation/notice-body.js'
import { parseShipNotice } from '../../src/shipstation/ship-notice.js'
import { noticeBytes, noticeText } from '../helpers/notices.js'

function parse(name: string) {
  const decoded = decodeNoticeBody(noticeBytes(name), null)
  if (!decoded.ok) throw new Error(decoded.message)
  return parseShipNotice(decoded.text)
}

function ok(name: string) {
  const r = parse(name)
  if (!r.ok) throw new Error(`${name}: ${r.message}`)
  return r
}

describe('parseShipNotice', () => {
  it('reads ShipStation’s sample notice, every value a string', () => {
    const { notice, warnings } = ok('shipstation-sample-verbatim.xml')
    expect(warnings).toEqual([])
    expect(notice).toEqual({
      orderId: '123456',
      orderNumber: 'ABC123',
      customerCode: 'customer@mystore.com',
      customerNotes: null,
      internalNotes: null,
      notesToCustomer: null,
      notifyCustomer: null,
      labelCreateDate: '12/8/2011 12:56',
      shipDate: '12/8/2011',
      carrier: 'USPS',
      service: 'Priority Mail',
      trackingNumber: '1Z909084330298430820',
      shippingCost: '4.95',
      customField1: null,
      customField2: null,
      customField3: null,
      recipient: {
        name: 'The President',
        company: 'US Govt',
        address1: '1600 Pennsylvania Ave',
        address2: null,
        city: 'Washington',
        state: 'DC',
        postalCode: '20500',
        country: 'US',
        phone: null,
      },
      items: [{ lineItemId: '25590', sku: 'FD88821', name: 'My Product Name', quantity: '2' }],
    })
  })

  it('decodes CDATA everywhere, keeps leading zeros and markup-looking text', () => {
    const { notice } = ok('cdata-everywhere.xml')
    expect(notice.trackingNumber).toBe('0012345678901234567')
    expect(notice.recipient?.postalCode).toBe('07052')
    expect(notice.customerNotes).toBe('Leave at the back door <please> & ring twice')
    expect(notice.internalNotes).toBe('Picked by "Jo"; bin A&B; see ]]> marker')
    expect(notice.notesToCustomer).toBe('Thanks for your order — à bientôt! 🚚')
    expect(notice.service).toBe('UPS® Ground')
    expect(notice.recipient?.company).toBe('Smith & Sons <Auto>')
    expect(notice.customField2).toBe('296594')
    expect(notice.customField3).toBeNull()
    expect(notice.items?.map((i) => [i.lineItemId, i.quantity])).toEqual([
      ['222637', '2'],
      ['222638', '1'],
    ])
  })

  it('decodes the five entities and character references outside CDATA', () => {
    expect(ok('split-1-of-2.xml').notice.notesToCustomer).toBe('Package 1 of 2 & the rest follows <soon> — merci!')
    const r = parseShipNotice('<ShipNotice><Carrier>&quot;A&apos; &amp;lt; &#38;amp; &#x3C;</Carrier></ShipNotice>')
    expect(r.ok && r.notice.carrier).toBe(`"A' &lt; &amp; <`)
  })

  it('leaves entities inside CDATA alone and keeps the space between text and CDATA', () => {
    const r = parseShipNotice('<ShipNotice><Carrier> a &amp; <![CDATA[&amp; b]]> c </Carrier></ShipNotice>')
    expect(r.ok && r.notice.carrier).toBe('a & &amp; b c')
  })

  it('keeps an item matched by SKU only, and reads a notice without Items as "whole order"', () => {
    expect(ok('split-2-of-2.xml').notice.items).toEqual([
      {
        lineItemId: null,
        sku: 'VIC-OS32372',
        name: 'Engine Oil Pan Gasket fits 2007-2011 Toyota Tundra Land Cruiser',
        quantity: '1',
      },
    ])
    expect(ok('no-items.xml').notice.items).toBeNull()
    const empty = parseShipNotice('<ShipNotice><OrderNumber>1</OrderNumber><Items/></ShipNotice>')
    expect(empty.ok && empty.notice.items).toBeNull()
  })

  it.each([
    ['billion-laughs.xml', 'DTD_FORBIDDEN', /DOCTYPE declaration is not allowed/],
    ['external-entity.xml', 'DTD_FORBIDDEN', /DOCTYPE declaration is not allowed/],
    ['malformed.xml', 'MALFORMED_XML', /malformed XML: .*Item.*\(line \d+/],
  ])('refuses %s', (name, code, message) => {
    const r = parse(name)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.code).toBe(code)
    expect(r.message).toMatch(message)
  })

  it.each([
    [
      'an ENTITY declaration without DOCTYPE',
      '<ShipNotice><!ENTITY x "y"><OrderNumber>1</OrderNumber></ShipNotice>',
      'DTD_FORBIDDEN',
    ],
    ['an undefined entity', '<ShipNotice><OrderNumber>&nbsp;1</OrderNumber></ShipNotice>', 'MALFORMED_XML'],
    [
      'a reference to an illegal character',
      '<ShipNotice><OrderNumber>&#0;</OrderNumber></ShipNotice>',
      'MALFORMED_XML',
    ],
    ['another root', '<Orders><Order/></Orders>', 'NOT_A_SHIPNOTICE'],
    ['two roots', '<ShipNotice/><ShipNotice/>', 'NOT_A_SHIPNOTICE'],
    ['text', 'hello', 'MALFORMED_XML'],
    ['nothing', '', 'MALFORMED_XML'],
  ])('refuses %s', (_what, xml, code) => {
    const r = parseShipNotice(xml)
    expect(r.ok ? 'ok' : r.code).toBe(code)
  })

  it('lets DTD-looking text inside CDATA and comments through', () => {
    const r = parseShipNotice(
      '<ShipNotice><!-- <!DOCTYPE x> --><InternalNotes><![CDATA[<!DOCTYPE html> &nbsp;]]></InternalNotes></ShipNotice>',
    )
    expect(r.ok && r.notice.internalNotes).toBe('<!DOCTYPE html> &nbsp;')
  })

  it('uses the first of a repeated element and says so', () => {
    const r = parseShipNotice(
      '<ShipNotice><TrackingNumber>A</TrackingNumber><TrackingNumber>B</TrackingNumber></ShipNotice>',
    )
    expect(r.ok && r.notice.trackingNumber).toBe('A')
    expect(r.ok && r.warnings).toEqual(['ShipNotice/TrackingNumber appears 2 times; the first was used'])
  })
})

describe('decodeNoticeBody', () => {
  it('reads UTF-8 (with or without a BOM)', () => {
    const text = noticeText('cdata-everywhere.xml')
    expect(decodeNoticeBody(Buffer.from(text), null)).toEqual({ ok: true, text, encoding: 'utf-8' })
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
    expect(decodeNoticeBody(bom, null)).toEqual({ ok: true, text, encoding: 'utf-8' })
  })

  it('honours an ISO-8859-1 declaration when the bytes are not UTF-8', () => {
    const r = decodeNoticeBody(noticeBytes('latin1-declared.xml'), 'text/xml')
    expect(r.ok && r.encoding).toBe('iso-8859-1')
    expect(r.ok && r.text).toContain('François Müller')
  })

  it('honours a windows-1252 charset in the Content-Type when there is no declaration', () => {
    const bytes = Buffer.from('<ShipNotice><City>Z\xfcrich \x80</City></ShipNotice>', 'latin1')
    const r = decodeNoticeBody(bytes, 'text/xml; charset=windows-1252')
    expect(r.ok && r.text).toBe('<ShipNotice><City>Zürich €</City></ShipNotice>')
  })

  it('refuses bytes that are not UTF-8 under a UTF-8 declaration, naming the offset', () => {
    const bytes = noticeBytes('not-utf8.xml')
    const r = decodeNoticeBody(bytes, 'text/xml')
    expect(r.ok).toBe(false)
    expect(!r.ok && r.message).toBe(
      `the body is not valid UTF-8 (first bad byte 0xfc at offset ${bytes.indexOf(0xfc)}) and its declared encoding "utf-8" is not one we read`,
    )
  })
})
