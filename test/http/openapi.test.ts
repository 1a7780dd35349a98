// GET /api/openapi.json: the JSON API described from the route schemas, without the ShipStation XML endpoint.

import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app.js'

describe('OpenAPI', () => {
  it('serves an OpenAPI 3 document generated from the route schemas, without credentials', async () => {
    const t = await makeApp()
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    const doc = res.json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(doc.info).toMatchObject({ title: 'sophio-shipstation JSON API', version: expect.any(String) })
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/orders/{orderNumber}', '/api/orders/{orderNumber}/status', '/createorder.wws']),
    )
    // The XML endpoint and the description itself are not part of the JSON API.
    expect(Object.keys(doc.paths)).not.toContain('/shipstation')
    expect(Object.keys(doc.paths)).not.toContain('/api/openapi.json')
    expect(doc.components.securitySchemes).toMatchObject({
      sophioQuery: { type: 'apiKey', in: 'query', name: 'authentication' },
      basic: { type: 'http', scheme: 'basic' },
    })
  })

  it('documents createorder: the query, the required fields, and each response', async () => {
    const t = await makeApp()
    const op = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths['/createorder.wws'].post
    // `authentication` is described once, as the sophioQuery security scheme, not as a parameter.
    expect(op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual(['query:action'])
    const body = op.requestBody.content['application/json'].schema
    expect(body.required).toEqual(['orderNumber', 'orderDate', 'shipTo', 'items'])
    expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '400', '401'])
    const created = op.responses['201'].content['application/json'].schema
    expect(Object.keys(created.properties)).toEqual(
      expect.arrayContaining([
        'orderId',
        'createDate',
        'modifyDate',
        'orderTotal',
        'gift',
        'advancedOptions',
        'warnings',
      ]),
    )
    expect(created.properties.items.items.properties.orderItemId.type).toBe('integer')
  })

  it('documents the read-back with its shipments and the status change body', async () => {
    const t = await makeApp()
    const paths = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths
    const get = paths['/api/orders/{orderNumber}'].get
    const shipment = get.responses['200'].content['application/json'].schema.properties.shipments.items
    expect(Object.keys(shipment.properties)).toEqual(
      expect.arrayContaining([
        'trackingNumber',
        'carrier',
        'service',
        'carrierFee',
        'shipDate',
        'notesToBuyer',
        'items',
      ]),
    )
    const put = paths['/api/orders/{orderNumber}/status'].put
    expect(put.requestBody.content['application/json'].schema.required).toEqual(['code'])
  })
})
