// The catalogue of errors a request can meet: every code declared once, with its HTTP status and message.

/** A storage fault by kind; each becomes a 503 with its own code (StorageError). The engine tells which. */
export type StorageFaultKind = 'full' | 'readonly' | 'busy' | 'io' | 'corrupt' | 'moved'

export const STORAGE_FAULT_KINDS: readonly StorageFaultKind[] = ['full', 'readonly', 'busy', 'io', 'corrupt', 'moved']

/** A field problem of a rejected createorder body (the validator's shape). */
interface Problem {
  path: string
  message: string
}

/**
 * One code: its status, and its message — written out, or built from the arguments the thrower passes. The
 * parameter at fault, response headers and extra members, when the code has them, come from the same arguments.
 */
interface Entry {
  readonly status: number
  readonly message: string | ((...args: never[]) => string)
  readonly parameter?: string | ((...args: never[]) => string | undefined)
  readonly headers?: Readonly<Record<string, string>> | ((...args: never[]) => Record<string, string>)
  readonly details?: (...args: never[]) => Record<string, unknown> | undefined
}

/** What every 503 of a storage fault says: nothing was kept, try again later (Retry-After by kind). */
function storage(what: string, retryAfterSeconds: number) {
  return {
    status: 503,
    message: `storage unavailable: ${what}; nothing was stored — retry later`,
    headers: { 'retry-after': String(retryAfterSeconds) },
  } as const
}

/** Where a refused notice is kept, for the answers that name it. */
const kept = (id: number) => `the notice is kept as #${id}`

export const ERRORS = {
  // Who is calling
  UNAUTHORIZED: { status: 401, message: (why: string) => why },
  TOO_MANY_FAILED_LOGINS: {
    status: 429,
    message: (retryAfterSeconds: number) =>
      'too many failed logins from this address with this username; ' +
      `check the credentials and retry in ${retryAfterSeconds} s`,
    headers: (retryAfterSeconds: number) => ({ 'retry-after': String(retryAfterSeconds) }),
  },
  CSRF_TOKEN: {
    status: 403,
    message: (why: 'missing' | 'invalid' | 'expired') =>
      ({
        missing: 'the form carries no valid token: reload the page',
        invalid: 'the form token is not valid: reload the page',
        expired: 'the form is too old: reload the page',
      })[why],
  },
  /** `from`: `another site (Sec-Fetch-Site: cross-site)`, `another origin (https://…)`. */
  CROSS_SITE: { status: 403, message: (from: string) => `a form from ${from} is refused` },

  // The request itself: what Node, the router or Fastify refused
  /** `hint`: what to do instead, for the endpoints a machine is configured with. */
  NOT_FOUND: {
    status: 404,
    message: (what: 'route' | 'page', method: string, path: string, hint?: string) =>
      `no ${what} ${method} ${path}${hint ? `; ${hint}` : ''}`,
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: 'action=shipnotify takes a POST with a ShipNotice body',
    parameter: 'action',
    headers: { allow: 'POST' },
  },
  BAD_URL: { status: 400, message: 'the URL path is not valid percent-encoded UTF-8' },
  PATH_TOO_LONG: {
    status: 414,
    message: 'a path segment is longer than 100 characters (order numbers have at most 50)',
  },
  HEADERS_TOO_LARGE: { status: 431, message: 'the request headers are larger than 16 KiB' },
  REQUEST_TIMEOUT: { status: 408, message: 'the request did not arrive in time' },
  MALFORMED_REQUEST: { status: 400, message: 'the request is not valid HTTP/1.1' },
  /** A 4xx Fastify raised without a code of its own: answered with its status and message under this code. */
  BAD_REQUEST: { status: 400, message: (message: string) => message },
  /** `keptAs`: the journal entry of a notice that could not be applied. */
  INTERNAL: {
    status: 500,
    message: (keptAs?: number) =>
      keptAs === undefined
        ? 'internal error; the request id in the log tells what happened'
        : `the notice could not be applied; it is kept as #${keptAs} for an operator`,
  },

  // Query parameters
  REPEATED_PARAMETER: {
    status: 400,
    message: (name: string) => `parameter "${name}" must be given once`,
    parameter: (name: string) => name,
  },
  MISSING_ACTION: {
    status: 400,
    message: 'parameter "action" is required: action=export or action=shipnotify',
    parameter: 'action',
  },
  UNKNOWN_ACTION: {
    status: 400,
    message: (raw: string) => `unknown action "${raw.slice(0, 50)}": use action=export or action=shipnotify`,
    parameter: 'action',
  },
  UNSUPPORTED_ACTION: {
    status: 400,
    message: 'action must be CREATE, given once: /createorder.wws?action=CREATE',
    parameter: 'action',
  },
  MISSING_DATE: {
    status: 400,
    message: (name: string) => `parameter "${name}" is required, as MM/dd/yyyy HH:mm in UTC`,
    parameter: (name: string) => name,
  },
  BAD_DATE: {
    status: 400,
    message: (name: string, raw: string) =>
      `${name} "${raw.slice(0, 40)}" is not a date; use MM/dd/yyyy HH:mm in UTC, e.g. 01/23/2012 17:28`,
    parameter: (name: string) => name,
  },
  START_AFTER_END: { status: 400, message: 'start_date is after end_date', parameter: 'start_date' },
  BAD_PAGE: {
    status: 400,
    message: (raw: string) => `page must be a whole number from 1 (got "${raw.slice(0, 20)}")`,
    parameter: 'page',
  },
  /** An /ops listing filter that cannot be read (`why` says what is wrong). */
  BAD_FILTER: {
    status: 400,
    message: (why: string, _parameter?: string) => why,
    parameter: (_why: string, parameter?: string) => parameter,
  },

  // Bodies: shipnotify XML and the JSON API
  BODY_TOO_LARGE: {
    status: 413,
    message: (size: number, max: number) => `the body is ${size} bytes; a ShipNotice may be at most ${max}`,
  },
  /** `expected`: `a JSON object`, `a <ShipNotice> document`. */
  EMPTY_BODY: { status: 400, message: (expected: string) => `the request has no body; ${expected} was expected` },
  /** `detail`: where the first bad byte is, and what to do. */
  BAD_ENCODING: { status: 400, message: (detail: string) => `the body is not valid UTF-8 ${detail}` },
  DTD_FORBIDDEN: {
    status: 400,
    message: (keyword: string) =>
      `a ${keyword} declaration is not allowed in a ShipNotice (it is refused, never expanded)`,
  },
  MALFORMED_XML: { status: 400, message: (detail: string) => `malformed XML: ${detail}` },
  NOT_A_SHIPNOTICE: {
    status: 400,
    message: (found: string) => `the document must have one root element, ShipNotice (found ${found})`,
  },
  NO_ORDER_IDENTIFIER: {
    status: 400,
    message: 'the notice names no order (no OrderID, order_number or OrderNumber)',
  },
  MALFORMED_JSON: { status: 400, message: (problem: string) => `the body is not valid JSON: ${problem}` },
  TOO_DEEP: { status: 400, message: (maxDepth: number) => `the body is nested more than ${maxDepth} levels deep` },
  /** `path`: the string's JSON path, or (`inKey`) the object one of whose keys holds the surrogate. */
  BAD_TEXT: {
    status: 400,
    message: (path: string, inKey: boolean) =>
      `${inKey ? `a key in ${path}` : path} contains an unpaired UTF-16 surrogate`,
    parameter: (path: string) => path,
  },
  FORBIDDEN_KEY: {
    status: 400,
    message: (path: string, key: string) => `${path}: the key "${key}" is not accepted; remove it`,
    parameter: (path: string) => path,
  },
  /** A createorder body that fails validation: every problem by JSON path; nothing was stored. */
  INVALID_ORDER: {
    status: 400,
    message: (problems: readonly Problem[], _warnings: readonly Problem[]) =>
      `the order was not stored: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    parameter: (problems: readonly Problem[]) => problems[0]?.path,
    details: (problems: readonly Problem[], warnings: readonly Problem[]) => ({ problems, warnings }),
  },

  // Orders
  /**
   * `keptAs`: the journal entry of a shipment notice for this number, applied when the order arrives; its
   * answer names the parameter and carries `<OrderNumber>`.
   */
  ORDER_NOT_FOUND: {
    status: 404,
    message: (orderNumber: string, keptAs?: number) =>
      keptAs === undefined
        ? `no order with number "${orderNumber}"`
        : `no order "${orderNumber}" here; ${kept(keptAs)} and applied when the order arrives`,
    parameter: (_orderNumber: string, keptAs?: number) => (keptAs === undefined ? undefined : 'order_number'),
    details: (orderNumber: string, keptAs?: number) =>
      keptAs === undefined ? undefined : { OrderNumber: orderNumber },
  },
  UNKNOWN_STATUS_CODE: {
    status: 400,
    message: (code: string, known: readonly string[]) =>
      `"${code}" is not a Sophio code in the status map; use one of ${known.join(', ')}`,
    parameter: 'code',
  },

  // Storage faults: the 503 says what is wrong without naming files or internals
  STORAGE_FULL: storage('the disk holding the database is full', 60),
  STORAGE_READONLY: storage('the database is read-only', 60),
  STORAGE_BUSY: storage('the database is busy (another process holds its write lock)', 5),
  STORAGE_IO: storage('the database could not be read or written (I/O error)', 30),
  STORAGE_CORRUPT: storage('the database file is damaged; an operator must restore it', 300),
  STORAGE_MOVED: storage('the database file was deleted or replaced while the service ran; it must be restarted', 60),
} as const satisfies Record<string, Entry>

export type ErrorCode = keyof typeof ERRORS

/** What a code's message is built from: nothing for a written-out message. */
export type ErrorArgs<C extends ErrorCode> = (typeof ERRORS)[C]['message'] extends (...args: infer A) => string
  ? A
  : []

/** Every code as a typed constant: code elsewhere writes `CODE.ORDER_NOT_FOUND`, never the string. */
export const CODE = Object.freeze(Object.fromEntries(Object.keys(ERRORS).map((c) => [c, c]))) as {
  readonly [C in ErrorCode]: C
}

function resolve<T>(v: T | ((...args: never[]) => T) | undefined, args: unknown[]): T | undefined {
  return typeof v === 'function' ? (v as (...a: unknown[]) => T)(...args) : v
}

/** A code's message, for the parsers that return what is wrong rather than throw it. */
export function messageOf<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): string {
  return resolve((ERRORS as Record<ErrorCode, Entry>)[code].message, args) as string
}

/** An error answered to the client: a code of the catalogue (or one of Fastify's 4xx), its status and message. */
export class AppError extends Error {
  /** Extra members of the error: in JSON, of the error object; in XML, text elements after `Parameter`. */
  details?: Record<string, unknown>

  /** Response headers the answer must carry (e.g. Retry-After). */
  headers?: Record<string, string>

  protected constructor(
    readonly statusCode: number,
    /** Ours, or Fastify's own for a 4xx it raised itself (`FST_ERR_VALIDATION`…), passed through. */
    readonly code: ErrorCode | (string & {}),
    message: string,
    /** The request parameter or field at fault, when there is one. */
    readonly parameter?: string,
  ) {
    super(message)
  }

  /** The error `code` stands for, built from `args`: `throw AppError.of(CODE.ORDER_NOT_FOUND, 'T1')`. */
  static of<C extends ErrorCode>(code: C, ...args: ErrorArgs<C>): AppError {
    const e: Entry = ERRORS[code]
    const err = new AppError(e.status, code, resolve(e.message, args) as string, resolve(e.parameter, args))
    const headers = resolve(e.headers, args)
    if (headers) err.headers = { ...headers }
    const details = resolve(e.details, args)
    if (details) err.details = details
    return err
  }

  /**
   * The error `code` stands for, its message built beforehand (messageOf) and said more about — a refused
   * shipment notice names where it is kept.
   */
  static keptNotice(refusal: { code: ErrorCode; message: string }, noticeId: number): AppError {
    return new AppError(ERRORS[refusal.code].status, refusal.code, `${refusal.message}; ${kept(noticeId)}`)
  }
}

/** Storage fault kind → its code. */
export const STORAGE_CODES = {
  full: CODE.STORAGE_FULL,
  readonly: CODE.STORAGE_READONLY,
  busy: CODE.STORAGE_BUSY,
  io: CODE.STORAGE_IO,
  corrupt: CODE.STORAGE_CORRUPT,
  moved: CODE.STORAGE_MOVED,
} as const satisfies Record<StorageFaultKind, ErrorCode>

/** Storage unavailable: nothing was stored (or acknowledged); the client should retry later. */
export class StorageError extends AppError {
  constructor(
    readonly kind: StorageFaultKind,
    override readonly cause?: unknown,
  ) {
    const e = ERRORS[STORAGE_CODES[kind]]
    super(e.status, STORAGE_CODES[kind], e.message)
    this.headers = { ...e.headers }
  }
}

/** A 4xx Fastify raised itself, under its own code; only toAppError makes these. */
class FastifyError extends AppError {
  constructor(statusCode: number, code: string, message: string) {
    super(statusCode, code, message)
  }
}

/**
 * Any error as the AppError it is answered as: ours as declared, Fastify's 4xx under its own code (with the
 * route's body limit named for a 413), anything else a 500 whose message hides the internals.
 */
export function toAppError(err: unknown, bodyLimit: number): AppError {
  if (err instanceof AppError) return err
  const e = (err ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = typeof e.code === 'string' ? e.code : CODE.BAD_REQUEST
    const message = e.statusCode === 413 ? `request body is larger than ${bodyLimit} bytes` : String(e.message)
    return new FastifyError(e.statusCode, code, message)
  }
  return AppError.of(CODE.INTERNAL)
}

/**
 * A request Node's HTTP parser refused before any route saw it (`clientError`), by Node's error code:
 * headers past the limit, a request that never finished arriving, or bytes that are not HTTP/1.1.
 */
export function clientErrorOf(nodeCode: string | undefined): AppError {
  if (nodeCode === 'HPE_HEADER_OVERFLOW') return AppError.of(CODE.HEADERS_TOO_LARGE)
  if (nodeCode === 'ERR_HTTP_REQUEST_TIMEOUT') return AppError.of(CODE.REQUEST_TIMEOUT)
  return AppError.of(CODE.MALFORMED_REQUEST)
}

/** The router refused the path before any route ran: a parameter past 100 characters, or bad percent-encoding. */
export function routerErrorOf(fastifyCode: string): AppError {
  if (fastifyCode === 'FST_ERR_MAX_PARAM_LENGTH') return AppError.of(CODE.PATH_TOO_LONG)
  return AppError.of(CODE.BAD_URL)
}
