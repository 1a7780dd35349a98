// The pure pieces behind the operator views: status map report, order filter, Prometheus text, HTML escaping.

import { describe, expect, it } from 'vitest'
import { DEFAULT_STATUS_MAP } from '../../src/domain/status.js'
import { html, raw } from '../../src/http/html.js'
import { prometheusText } from '../../src/http/prometheus.js'
import { statusMapProblems, statusMapReport } from '../../src/services/ops-views.js'
import { parseOrderFilter } from '../../src/services/order-filter.js'

describe('statusMapReport', () => {
  const counts = new Map([
    ['P', 3],
    ['S', 2],
    ['Q', 4],
    ['A', 1],
  ])

  it('joins the map with the counts, unmapped codes last (sorted), totals per ShipStation status', () => {
    const r = statusMapReport(DEFAULT_STATUS_MAP, 'mapped', counts, ['1'])
    expect(r.codes.slice(-2)).toEqual([
      { code: 'A', status: null, orderStatus: 'A', orders: 1, exported: true },
      { code: 'Q', status: null, orderStatus: 'Q', orders: 4, exported: true },
    ])
    expect(r.codes.find((c) => c.code === '1')).toMatchObject({ orderStatus: 'unpaid', exported: false })
    expect(r.statuses.map((s) => [s.status, s.formValue, s.orders])).toEqual([
      ['awaiting_payment', 'unpaid', 0],
      ['awaiting_shipment', 'paid', 3],
      ['shipped', 'shipped', 2],
      ['cancelled', 'cancelled', 0],
      ['on_hold', 'on_hold', 0],
    ])
    expect(r.totalOrders).toBe(10)
    expect(statusMapProblems(r)).toEqual([
      'code "A" (1 order) is not in the status map: ShipStation skips these orders; add it to statusMap in the config file',
      'code "Q" (4 orders) is not in the status map: ShipStation skips these orders; add it to statusMap in the config file',
    ])
  })

  it('raw mode: the code is what is sent and what is typed', () => {
    const r = statusMapReport(DEFAULT_STATUS_MAP, 'raw', counts)
    expect(r.codes.find((c) => c.code === 'P')?.orderStatus).toBe('P')
    expect(r.statuses.find((s) => s.status === 'awaiting_shipment')?.formValue).toBe('P,K,W')
    expect(r.statuses.find((s) => s.status === 'on_hold')?.formValue).toBe('')
  })
})

describe('parseOrderFilter', () => {
  const now = Date.UTC(2024, 4, 10, 12, 0)
  it.each([
    [{}, { codes: null, status: null, since: null, until: null, after: null, before: null, limit: 50 }],
    [{ code: '', status: ' ', since: '' }, { codes: null, status: null, since: null }],
    [{ until: '2d' }, { until: now - 2 * 86_400_000 }],
    [{ since: '2024-05-01', until: '2024-05-02' }, { since: Date.UTC(2024, 4, 1), until: Date.UTC(2024, 4, 2) }],
    [{ after: '1714572000000-42' }, { after: { modifiedAt: 1714572000000, id: 42 }, before: null }],
    [{ before: '5-6' }, { after: null, before: { modifiedAt: 5, id: 6 } }],
    [{ code: 'P, K ,W' }, { codes: ['P', 'K', 'W'] }],
    [{ status: 'Awaiting Shipment' }, { status: 'awaiting_shipment' }],
    [{ status: 'on-hold' }, { status: 'on_hold' }],
    [{ status: 'UNMAPPED' }, { status: 'unmapped' }],
    [{ since: '2024-05-01' }, { since: Date.UTC(2024, 4, 1) }],
    [{ since: '2024-05-01T10:00+02:00' }, { since: Date.UTC(2024, 4, 1, 8) }],
    [{ since: '90m' }, { since: now - 90 * 60_000 }],
    [{ since: '12h' }, { since: now - 12 * 3_600_000 }],
    [{ since: '7d' }, { since: now - 7 * 86_400_000 }],
    [{ limit: '1000' }, { limit: 1000 }],
  ])('%j → %j', (raw, expected) => {
    const r = parseOrderFilter(raw, now)
    expect(r.ok && r.filter).toMatchObject(expected)
  })

  it.each([
    [{ code: ' , ' }, 'code needs a Sophio code'],
    [{ status: 'paid' }, 'status must be one of'],
    [{ since: 'last week' }, 'since must be an ISO date'],
    [{ since: '2024-02-30' }, 'since must be an ISO date'],
    [{ until: 'yesterday' }, 'until must be an ISO date'],
    [{ since: '2024-05-02', until: '2024-05-01' }, 'since must be earlier than until'],
    [{ after: '42' }, 'after and before take a cursor'],
    [{ before: '1-2-3' }, 'after and before take a cursor'],
    [{ after: '1-2', before: '1-2' }, 'not both'],
    [{ limit: '0' }, 'limit must be a whole number from 1 to 1000'],
    [{ limit: '1001' }, 'limit must be'],
    [{ limit: '-5' }, 'limit must be'],
  ])('%j is refused: %s', (raw, message) => {
    const r = parseOrderFilter(raw, now)
    expect(r.ok ? '' : r.message).toContain(message)
  })
})

describe('prometheusText', () => {
  it('writes HELP, TYPE and samples, escaping label values', () => {
    const text = prometheusText([
      {
        name: 'x_total',
        help: 'Things.\nCounted.',
        type: 'counter',
        samples: [{ labels: { route: '/a"b\\c', status: '200' }, value: 3 }, { value: 1 }],
      },
    ])
    expect(text).toBe(
      '# HELP x_total Things.\\nCounted.\n# TYPE x_total counter\nx_total{route="/a\\"b\\\\c",status="200"} 3\nx_total 1\n',
    )
  })
})

describe('html', () => {
  it('escapes every interpolated value, attributes included; raw and nested html stay as they are', () => {
    const evil = `"><script>alert('x')</script>&`
    const out = html`<a title="${evil}">${evil}</a>${html`<b>${'<i>'}</b>`}${raw('<br>')}${null}${false}${[1, '<2>']}`
    expect(out.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;</a><b>&lt;i&gt;</b><br>1&lt;2&gt;',
    )
  })
})
