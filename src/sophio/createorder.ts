// Sophio createorder JSON → domain OrderInput: one validation for the HTTP API and the CLI import.

import { parseShipStationDate } from '../domain/dates.js'
import {
  type Address,
  computeOrderTotal,
  normaliseWeightUnit,
  type OrderInput,
  type OrderLine,
  type OrderOption,
  roundMoney,
  type WeightUnit,
} from '../domain/order.js'
import { DEFAULT_INTAKE_CODES, isShipStationStatus, isSophioCode, type StatusMap } from '../domain/status.js'
import { removeIllegalXmlChars } from '../domain/text.js'

export interface FieldProblem {
  /** JSON path of the field, e.g. `items[1].quantity`. */
  path: string
  message: string
}

export type ParseResult =
  | { ok: true; order: OrderInput; warnings: FieldProblem[] }
  | { ok: false; errors: FieldProblem[]; warnings: FieldProblem[] }

export interface ParseOptions {
  statusMap: StatusMap
  /** Ship-to countries accepted (ISO 3166-1 alpha-2); empty = all. */
  allowedCountries?: readonly string[]
}

type Obj = Record<string, unknown>

const MAX_MONEY = 9_999_999.99
const COUNTRY = /^[A-Z]{2}$/
const US_ZIP = /^\d{5}(-\d{4})?$/

/**
 * Reads a createorder body. Keys are matched case-insensitively (Sophio's own sample spells
 * `AdvancedOptions`), numbers may come as numeric strings, and every problem is reported with its path.
 */
export function parseCreateOrder(body: unknown, options: ParseOptions): ParseResult {
  const errors: FieldProblem[] = []
  const warnings: FieldProblem[] = []
  const root = lowerKeys(body)
  if (!isObj(root)) {
    return { ok: false, errors: [{ path: '$', message: 'the order must be a JSON object' }], warnings }
  }
  const r = new Reader(errors, warnings)

  const orderNumber = r.str(root, 'orderNumber', '', { required: true, max: 50 })
  const orderKey = r.str(root, 'orderKey', '', { max: 100 }) ?? orderNumber ?? ''
  const orderDate = r.date(root, 'orderDate', '', true)
  const paymentDate = r.date(root, 'paymentDate', '', false)
  const shipByDate = r.date(root, 'shipByDate', '', false)
  const statusCode = readStatus(root, r, options.statusMap)

  const shipTo = readAddress(root, 'shipTo', r, true, options)
  const billTo = readAddress(root, 'billTo', r, false, options)

  const lines = readLines(root, r)

  const taxAmount = r.money(root, 'taxAmount', '', { min: 0 })
  const shippingAmount = r.money(root, 'shippingAmount', '', { min: 0 }) ?? 0
  const amountPaid = r.money(root, 'amountPaid', '', { min: 0 })
  const explicitTotal = r.money(root, 'orderTotal', '', { min: 0 })
  const weight = readWeight(root, 'weight', '', r)
  const currencyCode = r.str(root, 'currencyCode', '', { max: 3 })
  if (currencyCode && !/^[A-Z]{3}$/.test(currencyCode))
    r.error('currencyCode', 'must be a 3-letter ISO 4217 code, e.g. USD')

  const adv = r.obj(root, 'advancedOptions', '')
  const advPath = 'advancedOptions'
  const customFields = [1, 2, 3].map((n) => (adv ? r.str(adv, `customField${n}`, advPath, { max: 100 }) : null))

  if (errors.length > 0) return { ok: false, errors, warnings }
  const order: OrderInput = {
    orderKey,
    orderNumber: orderNumber ?? '',
    orderDate: orderDate ?? 0,
    paymentDate,
    shipByDate,
    statusCode,
    customerId: r.str(root, 'customerId', '', { max: 50 }),
    customerUsername: r.str(root, 'customerUsername', '', { max: 100 }),
    customerEmail: r.str(root, 'customerEmail', '', { max: 100 }),
    billTo: billTo ?? shipTo ?? emptyAddress(),
    shipTo: shipTo ?? emptyAddress(),
    lines,
    orderTotal: explicitTotal ?? computeOrderTotal(lines, taxAmount, shippingAmount),
    amountPaid,
    taxAmount,
    shippingAmount,
    currencyCode,
    customerNotes: r.str(root, 'customerNotes', '', { max: 10_000 }),
    internalNotes: r.str(root, 'internalNotes', '', { max: 10_000 }),
    gift: r.bool(root, 'gift', '') ?? false,
    giftMessage: r.str(root, 'giftMessage', '', { max: 10_000 }),
    paymentMethod: r.str(root, 'paymentMethod', '', { max: 50 }),
    requestedShippingService: r.str(root, 'requestedShippingService', '', { max: 100 }),
    carrierCode: r.str(root, 'carrierCode', '', { max: 50 }),
    serviceCode: r.str(root, 'serviceCode', '', { max: 100 }),
    packageCode: r.str(root, 'packageCode', '', { max: 50 }),
    confirmation: r.str(root, 'confirmation', '', { max: 50 }),
    shipDate: r.str(root, 'shipDate', '', { max: 30 }),
    weight: weight?.value ?? null,
    weightUnits: weight?.units ?? null,
    warehouseId: adv ? r.str(adv, 'warehouseId', advPath, { max: 100 }) : null,
    source: adv ? r.str(adv, 'source', advPath, { max: 50 }) : null,
    storeId: adv ? r.str(adv, 'storeId', advPath, { max: 50 }) : null,
    customField1: customFields[0] ?? null,
    customField2: customFields[1] ?? null,
    customField3: customFields[2] ?? null,
  }
  if (errors.length > 0) return { ok: false, errors, warnings }
  return { ok: true, order, warnings }
}

function readStatus(root: Obj, r: Reader, map: StatusMap): string {
  const explicit = r.str(root, 'sophioStatus', '', { max: 10 })
  const word = r.str(root, 'orderStatus', '', { max: 50 })
  if (explicit !== null) {
    if (!isSophioCode(explicit)) r.error('sophioStatus', 'must be a Sophio status code such as P, S or 9')
    else if (!map.has(explicit)) r.warn('sophioStatus', `code ${explicit} is not in the status map`)
    return explicit
  }
  if (word === null) return DEFAULT_INTAKE_CODES.awaiting_shipment
  if (isShipStationStatus(word)) return DEFAULT_INTAKE_CODES[word]
  // A store may send its Sophio code in orderStatus itself.
  if (map.has(word)) return word
  r.error(
    'orderStatus',
    `unknown status "${word}": use awaiting_payment, awaiting_shipment, shipped, cancelled or on_hold, ` +
      `or a Sophio code from the status map (${[...map.keys()].join(',')})`,
  )
  return ''
}

function readAddress(root: Obj, key: string, r: Reader, required: boolean, options: ParseOptions): Address | null {
  const a = r.obj(root, key, '')
  if (!a) {
    if (required) r.error(key, 'a Ship To address is required (name, street1, city, country)')
    return null
  }
  const country = r.str(a, 'country', key, { required, max: 100 })?.toUpperCase() ?? null
  const address: Address = {
    name: r.str(a, 'name', key, { required, max: 100 }) ?? '',
    company: r.str(a, 'company', key, { max: 100 }),
    street1: r.str(a, 'street1', key, { required, max: 200 }),
    street2: r.str(a, 'street2', key, { max: 200 }),
    street3: r.str(a, 'street3', key, { max: 200 }),
    city: r.str(a, 'city', key, { required, max: 100 }),
    state: r.str(a, 'state', key, { max: 100 }),
    postalCode: r.str(a, 'postalCode', key, { max: 50 }),
    country,
    phone: r.str(a, 'phone', key, { max: 50 }),
    residential: r.bool(a, 'residential', key),
  }
  if (country !== null && !COUNTRY.test(country)) {
    r.error(`${key}.country`, 'must be a 2-letter ISO 3166-1 country code, e.g. US')
  }
  if (required && country !== null && COUNTRY.test(country)) {
    if ((country === 'US' || country === 'CA') && !address.state) {
      r.error(`${key}.state`, `is required for ${country} addresses (2-letter state or province code)`)
    }
    const allowed = options.allowedCountries ?? []
    if (allowed.length > 0 && !allowed.includes(country)) {
      r.error(`${key}.country`, `this store ships only to ${allowed.join(', ')}; ${country} is not accepted`)
    }
    if (country === 'US' && address.postalCode && !US_ZIP.test(address.postalCode)) {
      r.warn(`${key}.postalCode`, `"${address.postalCode}" is not a 5-digit US ZIP code; stored as sent`)
    }
    if (!address.postalCode && (country === 'US' || country === 'CA')) {
      r.warn(`${key}.postalCode`, 'missing; ShipStation needs it for domestic labels')
    }
  }
  return address
}

function readLines(root: Obj, r: Reader): OrderLine[] {
  const items = root.items
  if (!Array.isArray(items) || items.length === 0) {
    r.error('items', 'at least one line is required (sku, name, quantity, unitPrice)')
    return []
  }
  if (items.length > 1000) {
    r.error('items', `at most 1000 lines per order (got ${items.length})`)
    return []
  }
  const lines: OrderLine[] = []
  const seenKeys = new Set<string>()
  items.forEach((raw, i) => {
    const p = `items[${i}]`
    if (!isObj(raw)) {
      r.error(p, 'must be an object')
      return
    }
    const adjustment = r.bool(raw, 'adjustment', p) ?? false
    let lineItemKey = r.str(raw, 'lineItemKey', p, { max: 50 }) ?? String(i + 1)
    if (seenKeys.has(lineItemKey)) {
      r.error(`${p}.lineItemKey`, `"${lineItemKey}" is used by another line of this order`)
      lineItemKey = `${lineItemKey}#${i + 1}`
    }
    seenKeys.add(lineItemKey)
    const sku = r.str(raw, 'sku', p, { required: !adjustment, max: 100 }) ?? ''
    const quantity = r.int(raw, 'quantity', p, 1, 99_999)
    const unitPrice = r.money(raw, 'unitPrice', p, { required: true, min: adjustment ? -MAX_MONEY : 0 })
    const weight = readWeight(raw, 'weight', p, r)
    lines.push({
      lineItemKey,
      sku,
      name: r.str(raw, 'name', p, { required: true, max: 200 }) ?? '',
      imageUrl: r.str(raw, 'imageUrl', p, { max: 500 }),
      weight: weight?.value ?? null,
      weightUnits: weight?.units ?? null,
      quantity: quantity ?? 0,
      unitPrice: unitPrice ?? 0,
      taxAmount: r.money(raw, 'taxAmount', p, { min: 0 }),
      shippingAmount: r.money(raw, 'shippingAmount', p, { min: 0 }),
      location: r.str(raw, 'warehouseLocation', p, { max: 100 }),
      upc: r.str(raw, 'upc', p, { max: 50 }),
      adjustment,
      productId: r.str(raw, 'productId', p, { max: 50 }),
      fulfillmentSku: r.str(raw, 'fulfillmentSku', p, { max: 100 }),
      options: readOptions(raw, p, r),
    })
  })
  return lines
}

function readOptions(item: Obj, path: string, r: Reader): OrderOption[] {
  const raw = item.options
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) {
    r.error(`${path}.options`, 'must be an array of {name, value}')
    return []
  }
  if (raw.length > 10) r.warn(`${path}.options`, `ShipStation shows at most 10 options; ${raw.length - 10} dropped`)
  const out: OrderOption[] = []
  raw.slice(0, 10).forEach((o, i) => {
    const p = `${path}.options[${i}]`
    if (!isObj(o)) {
      r.error(p, 'must be an object with name and value')
      return
    }
    const name = r.str(o, 'name', p, { required: true, max: 100 })
    const value = r.str(o, 'value', p, { max: 100 }) ?? ''
    const weight = r.num(o, 'weight', p, { min: 0, max: 1_000_000 })
    if (name !== null) out.push({ name, value, weight })
  })
  return out
}

function readWeight(o: Obj, key: string, path: string, r: Reader): { value: number; units: WeightUnit } | null {
  const w = r.obj(o, key, path)
  if (!w) return null
  const p = path ? `${path}.${key}` : key
  const value = r.num(w, 'value', p, { min: 0, max: 1_000_000 })
  const rawUnits = r.str(w, 'units', p, { max: 20 })
  if (value === null) return null
  if (rawUnits === null) {
    r.error(`${p}.units`, 'is required with a weight: pounds, ounces or grams')
    return null
  }
  const units = normaliseWeightUnit(rawUnits)
  if (!units) {
    r.error(`${p}.units`, `unknown unit "${rawUnits}": use pounds, ounces or grams`)
    return null
  }
  return { value, units }
}

/** Field readers that record problems with their path instead of throwing. */
class Reader {
  constructor(
    private readonly errors: FieldProblem[],
    private readonly warnings: FieldProblem[],
  ) {}

  error(path: string, message: string): void {
    this.errors.push({ path, message })
  }

  warn(path: string, message: string): void {
    this.warnings.push({ path, message })
  }

  private at(o: Obj, key: string, path: string): { value: unknown; p: string } {
    const k = key.toLowerCase()
    return { value: Object.hasOwn(o, k) ? o[k] : undefined, p: path ? `${path}.${key}` : key }
  }

  str(o: Obj, key: string, path: string, opts: { required?: boolean; max: number }): string | null {
    const { value, p } = this.at(o, key, path)
    let s: string | null = null
    if (typeof value === 'string') {
      // Characters XML cannot carry would be dropped at export anyway: drop them now, so that what is
      // stored is what ShipStation gets, and a value made only of them counts as missing.
      s = removeIllegalXmlChars(value).trim()
      if (s.length !== value.trim().length) this.warn(p, 'control characters removed (XML cannot carry them)')
    } else if (typeof value === 'number' && Number.isFinite(value)) s = String(value)
    else if (value !== undefined && value !== null) {
      this.error(p, 'must be a string')
      return null
    }
    if (s === '' || s === null) {
      if (opts.required)
        this.error(p, s === '' && value !== '' ? 'is required (it held only control characters)' : 'is required')
      return null
    }
    if (s.length > opts.max) {
      this.error(p, `is ${s.length} characters long; at most ${opts.max}`)
      return null
    }
    return s
  }

  num(o: Obj, key: string, path: string, opts: { required?: boolean; min: number; max: number }): number | null {
    const { value, p } = this.at(o, key, path)
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.error(p, 'is required')
      return null
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN
    if (!Number.isFinite(n)) {
      this.error(p, `must be a number (got ${JSON.stringify(value)?.slice(0, 40)})`)
      return null
    }
    if (n < opts.min || n > opts.max) {
      this.error(p, `must be between ${opts.min} and ${opts.max} (got ${n})`)
      return null
    }
    return n
  }

  money(o: Obj, key: string, path: string, opts: { required?: boolean; min: number }): number | null {
    const n = this.num(o, key, path, { ...opts, max: MAX_MONEY })
    return n === null ? null : roundMoney(n)
  }

  int(o: Obj, key: string, path: string, min: number, max: number): number | null {
    const n = this.num(o, key, path, { required: true, min, max })
    if (n !== null && !Number.isInteger(n)) {
      this.error(path ? `${path}.${key}` : key, `must be a whole number (got ${n})`)
      return null
    }
    return n
  }

  bool(o: Obj, key: string, path: string): boolean | null {
    const { value, p } = this.at(o, key, path)
    if (value === undefined || value === null || value === '') return null
    if (typeof value === 'boolean') return value
    if (value === 'true' || value === 1 || value === '1') return true
    if (value === 'false' || value === 0 || value === '0') return false
    this.error(p, 'must be true or false')
    return null
  }

  date(o: Obj, key: string, path: string, required: boolean): number | null {
    const { value, p } = this.at(o, key, path)
    if (value === undefined || value === null || value === '') {
      if (required) this.error(p, 'is required (ISO 8601, e.g. 2018-07-17T12:08:06)')
      return null
    }
    const t = typeof value === 'string' ? parseShipStationDate(value) : undefined
    if (t === undefined) {
      this.error(
        p,
        `is not a date (got ${JSON.stringify(value)?.slice(0, 40)}); use ISO 8601, e.g. 2018-07-17T12:08:06`,
      )
      return null
    }
    return t
  }

  obj(o: Obj, key: string, path: string): Obj | null {
    const { value, p } = this.at(o, key, path)
    if (value === undefined || value === null) return null
    if (!isObj(value)) {
      this.error(p, 'must be an object')
      return null
    }
    return value
  }
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * A copy with every object key lower-cased. `__proto__` is dropped (assigning it would replace the copy's
 * prototype) and fields are read as own properties only, so no key reaches Object.prototype.
 */
function lowerKeys(v: unknown, depth = 0): unknown {
  if (depth > 20) return undefined
  if (Array.isArray(v)) return v.map((x) => lowerKeys(x, depth + 1))
  if (!isObj(v)) return v
  const out: Obj = {}
  for (const k in v) {
    if (!Object.hasOwn(v, k) || k === '__proto__') continue
    out[k.toLowerCase()] = lowerKeys(v[k], depth + 1)
  }
  return out
}

function emptyAddress(): Address {
  return {
    name: '',
    company: null,
    street1: null,
    street2: null,
    street3: null,
    city: null,
    state: null,
    postalCode: null,
    country: null,
    phone: null,
    residential: null,
  }
}
