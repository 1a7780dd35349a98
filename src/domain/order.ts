// The order as the connector stores and exports it: one shape for every edge.

export type WeightUnit = 'Pounds' | 'Ounces' | 'Grams'

export interface Address {
  name: string
  company: string | null
  street1: string | null
  street2: string | null
  street3: string | null
  city: string | null
  state: string | null
  postalCode: string | null
  country: string | null
  phone: string | null
  residential: boolean | null
}

export interface OrderOption {
  name: string
  value: string
  /** Extra weight per unit, in the line's weight units. */
  weight: number | null
}

export interface OrderLine {
  /** Our line id, sent as `LineItemID` and echoed back by ShipStation (Sophio's `lineItemKey`). */
  lineItemKey: string
  sku: string
  name: string
  imageUrl: string | null
  /** Weight of one unit. */
  weight: number | null
  weightUnits: WeightUnit | null
  quantity: number
  unitPrice: number
  taxAmount: number | null
  shippingAmount: number | null
  location: string | null
  upc: string | null
  adjustment: boolean
  productId: string | null
  fulfillmentSku: string | null
  options: OrderOption[]
}

/** An order as it comes in, before the store gives it an id and timestamps. */
export interface OrderInput {
  orderKey: string
  orderNumber: string
  orderDate: number
  paymentDate: number | null
  shipByDate: number | null
  statusCode: string
  customerId: string | null
  customerUsername: string | null
  customerEmail: string | null
  billTo: Address
  shipTo: Address
  lines: OrderLine[]
  orderTotal: number
  amountPaid: number | null
  taxAmount: number | null
  shippingAmount: number
  currencyCode: string | null
  customerNotes: string | null
  internalNotes: string | null
  gift: boolean
  giftMessage: string | null
  paymentMethod: string | null
  requestedShippingService: string | null
  carrierCode: string | null
  serviceCode: string | null
  packageCode: string | null
  confirmation: string | null
  shipDate: string | null
  weight: number | null
  weightUnits: WeightUnit | null
  warehouseId: string | null
  source: string | null
  storeId: string | null
  customField1: string | null
  customField2: string | null
  customField3: string | null
}

/** A stored order. */
export interface Order extends OrderInput {
  id: number
  createdAt: number
  modifiedAt: number
}

const WEIGHT_UNITS: Record<string, WeightUnit> = {
  pounds: 'Pounds',
  pound: 'Pounds',
  lb: 'Pounds',
  lbs: 'Pounds',
  ounces: 'Ounces',
  ounce: 'Ounces',
  oz: 'Ounces',
  grams: 'Grams',
  gram: 'Grams',
  g: 'Grams',
}

/** `pounds`, `LBS`, `Ounces`, `g`… → the export's `Pounds` | `Ounces` | `Grams`; undefined when unknown. */
export function normaliseWeightUnit(input: string): WeightUnit | undefined {
  return WEIGHT_UNITS[input.trim().toLowerCase()]
}

/** Rounds money to cents, away from binary noise (0.1 + 0.2). */
export function roundMoney(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100
}

/** Sum of the lines, tax and shipping: what ShipStation's own API calls `orderTotal`. */
export function computeOrderTotal(lines: readonly OrderLine[], taxAmount: number | null, shipping: number): number {
  let total = 0
  for (const l of lines) total += l.quantity * l.unitPrice
  return roundMoney(total + (taxAmount ?? 0) + shipping)
}
