// Proves fixtures/shipstation-orders.xsd (via test/helpers/validate-xml.ts) accepts valid exports and rejects bad ones.
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { assertValidOrdersXml, validateOrdersXml } from './helpers/validate-xml.js'

const fixture = (name: string): Promise<string> => readFile(new URL(`../fixtures/xsd/${name}`, import.meta.url), 'utf8')

/** A minimal valid document with one order; `orderNumber` is inserted as CDATA text. */
const minimalOrder = (orderNumber: string): string => `<?xml version="1.0" encoding="utf-8"?>
<Orders pages="1">
  <Order>
    <OrderID>ord_1</OrderID>
    <OrderNumber><![CDATA[${orderNumber}]]></OrderNumber>
    <OrderDate>12/31/2024 23:59</OrderDate>
    <OrderStatus>paid</OrderStatus>
    <LastModified>01/01/2025 00:00</LastModified>
    <OrderTotal>0.00</OrderTotal>
    <ShippingAmount>0.00</ShippingAmount>
    <Customer>
      <CustomerCode>c@example.com</CustomerCode>
      <BillTo><Name>A</Name></BillTo>
      <ShipTo><Name>A</Name><Address1>1 St</Address1><City>X</City><Country>GB</Country></ShipTo>
    </Customer>
  </Order>
</Orders>`

describe('shipstation-orders.xsd', () => {
  it.each(['valid-full.xml', 'valid-empty.xml'])('accepts %s', async (name) => {
    const result = await validateOrdersXml(await fixture(name))
    expect(result.errors).toEqual([])
    expect(result.valid).toBe(true)
  })

  it.each([
    ['invalid-missing-order-number.xml', /Element 'Order': Missing child element\(s\)\. Expected is .*OrderNumber/],
    ['invalid-country-3-letters.xml', /Element 'Country'.*'USA'/],
    ['invalid-iso-date.xml', /Element 'OrderDate'.*'2012-01-23T17:28:00Z'/],
    ['invalid-quantity-zero.xml', /Element 'Quantity'.*minInclusive/],
    ['invalid-decimal-3-places.xml', /Element 'OrderTotal'.*'25\.000'/],
    ['invalid-invented-element.xml', /Element 'ShipByDate': This element is not expected/],
    ['invalid-11-options.xml', /Element 'Option': This element is not expected/],
    ['invalid-pages-40000.xml', /attribute 'pages': '40000'/],
  ])('rejects %s', async (name, expected) => {
    const result = await validateOrdersXml(await fixture(name))
    expect(result.valid).toBe(false)
    expect(result.errors.length).toBeGreaterThan(0)
    expect(result.errors.join('\n')).toMatch(expected)
  })

  it('counts max lengths in characters, not bytes', async () => {
    expect(await validateOrdersXml(minimalOrder('é'.repeat(50)))).toEqual({ valid: true, errors: [] })
    expect(await validateOrdersXml(minimalOrder('😀'.repeat(50)))).toEqual({ valid: true, errors: [] })
    const tooLong = await validateOrdersXml(minimalOrder('é'.repeat(51)))
    expect(tooLong.valid).toBe(false)
    expect(tooLong.errors.join('\n')).toMatch(/Element 'OrderNumber'.*maxLength/)
  })

  it('reports a document that is not well-formed as invalid', async () => {
    const result = await validateOrdersXml('<Orders pages="0"><Order></Orders>')
    expect(result.valid).toBe(false)
    expect(result.errors.join('\n')).toMatch(/mismatch|not well-formed|Premature end/i)
  })

  it('assertValidOrdersXml resolves for a valid document and throws listing libxml2 messages otherwise', async () => {
    await expect(assertValidOrdersXml(await fixture('valid-full.xml'))).resolves.toBeUndefined()
    await expect(assertValidOrdersXml(await fixture('invalid-quantity-zero.xml'))).rejects.toThrow(
      /does not validate[\s\S]*Element 'Quantity'/,
    )
  })
})
