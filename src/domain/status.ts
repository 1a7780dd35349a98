// Sophio status codes and ShipStation statuses: the default mapping and the pure functions over it.

export const SHIPSTATION_STATUSES = [
  'awaiting_payment',
  'awaiting_shipment',
  'shipped',
  'cancelled',
  'on_hold',
] as const
export type ShipStationStatus = (typeof SHIPSTATION_STATUSES)[number]

/** Sophio code → ShipStation status. */
export type StatusMap = ReadonlyMap<string, ShipStationStatus>

/** How `OrderStatus` is presented to ShipStation: a fixed word per status, or the Sophio code itself. */
export type StatusMode = 'mapped' | 'raw'

/** The default mapping, from ShipStation's Sophio integration page. Sophio has no On Hold code. */
export const DEFAULT_STATUS_MAP: StatusMap = new Map<string, ShipStationStatus>([
  ...['1', '2', 'H', 'D', 'R', 'V', '$', 'O'].map((c) => [c, 'awaiting_payment'] as const),
  ...['P', 'K', 'W'].map((c) => [c, 'awaiting_shipment'] as const),
  ...['F', 'C', 'S', 'U'].map((c) => [c, 'shipped'] as const),
  ['9', 'cancelled'] as const,
])

/** The word exported as `OrderStatus` in mapped mode, one per ShipStation status. */
export const MAPPED_WORDS = {
  awaiting_payment: 'unpaid',
  awaiting_shipment: 'paid',
  shipped: 'shipped',
  cancelled: 'cancelled',
  on_hold: 'on_hold',
} as const satisfies Record<ShipStationStatus, string>

/** The five text fields of ShipStation's Custom Store form, in the form's order. */
export const FORM_FIELDS = {
  awaiting_payment: 'Unpaid Status',
  awaiting_shipment: 'Paid Status',
  shipped: 'Shipped Status',
  cancelled: 'Cancelled Status',
  on_hold: 'On-Hold Status',
} as const satisfies Record<ShipStationStatus, string>

/** Human names of ShipStation's statuses, as its UI shows them. */
export const STATUS_LABELS = {
  awaiting_payment: 'Awaiting Payment',
  awaiting_shipment: 'Awaiting Shipment',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
  on_hold: 'On Hold',
} as const satisfies Record<ShipStationStatus, string>

/**
 * Sophio code given to an order that arrives with only a ShipStation status word (`orderStatus`).
 * `on_hold` has no Sophio equivalent; `H` keeps the order out of "Awaiting Shipment".
 */
export const DEFAULT_INTAKE_CODES = {
  awaiting_payment: '1',
  awaiting_shipment: 'P',
  shipped: 'S',
  cancelled: '9',
  on_hold: 'H',
} as const satisfies Record<ShipStationStatus, string>

/** A Sophio status code as it may appear in the status map or an order: 1–10 letters, digits or `$`. */
const SOPHIO_CODE = /^[0-9A-Za-z$]{1,10}$/

export function isSophioCode(value: string): boolean {
  return SOPHIO_CODE.test(value)
}

export function isShipStationStatus(value: string): value is ShipStationStatus {
  return (SHIPSTATION_STATUSES as readonly string[]).includes(value)
}

export function shipStationStatusOf(code: string, map: StatusMap): ShipStationStatus | undefined {
  return map.get(code)
}

/** The `OrderStatus` value exported for a code, or undefined when the code maps to nothing. */
export function exportedStatusOf(code: string, map: StatusMap, mode: StatusMode): string | undefined {
  const status = map.get(code)
  if (status === undefined) return undefined
  return mode === 'raw' ? code : MAPPED_WORDS[status]
}

/** What to type into each of the five Custom Store form fields (comma-separated, case-sensitive). */
export function formValues(map: StatusMap, mode: StatusMode): Record<ShipStationStatus, string> {
  const out = {} as Record<ShipStationStatus, string>
  for (const status of SHIPSTATION_STATUSES) {
    if (mode === 'mapped') {
      out[status] = MAPPED_WORDS[status]
    } else {
      out[status] = codesMappedTo(map, status).join(',')
    }
  }
  return out
}

/** The Sophio codes that map to a ShipStation status, in map order. */
export function codesMappedTo(map: StatusMap, status: ShipStationStatus): string[] {
  return [...map].filter(([, s]) => s === status).map(([code]) => code)
}
