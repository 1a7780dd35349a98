// The catalogue of errors a request can meet: each with a stable code and an HTTP status.

import type { StorageFaultKind } from './db/storage-faults.js'

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** The request parameter or field at fault, when there is one. */
    readonly parameter?: string,
  ) {
    super(message)
  }

  /** Extra members of the JSON error object (e.g. every field problem of a rejected order). */
  details?: Record<string, unknown>

  /** Response headers the answer must carry (e.g. Retry-After). */
  headers?: Record<string, string>
}

export class BadRequestError extends AppError {
  constructor(code: string, message: string, parameter?: string) {
    super(400, code, message, parameter)
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'wrong or missing credentials') {
    super(401, 'UNAUTHORIZED', message)
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message)
  }
}

/** Too many failed logins from one address with one username; a correct credential still gets in. */
export class TooManyFailedLoginsError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(
      429,
      'TOO_MANY_FAILED_LOGINS',
      `too many failed logins from this address with this username; check the credentials and retry in ${retryAfterSeconds} s`,
    )
    this.headers = { 'retry-after': String(retryAfterSeconds) }
  }
}

/** The action exists but not for this method (shipnotify by GET): nothing was done. */
export class MethodNotAllowedError extends AppError {
  constructor(message: string, allow: string, parameter?: string) {
    super(405, 'METHOD_NOT_ALLOWED', message, parameter)
    this.headers = { allow }
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message)
  }
}

/** A createorder body that fails validation: every problem by JSON path; nothing was stored. */
export class InvalidOrderError extends AppError {
  constructor(
    problems: readonly { path: string; message: string }[],
    warnings: readonly { path: string; message: string }[],
  ) {
    const n = problems.length
    super(400, 'INVALID_ORDER', `the order was not stored: ${n} problem${n === 1 ? '' : 's'}`, problems[0]?.path)
    this.details = { problems, warnings }
  }
}

/** Storage fault kind → stable code; the 503 says what is wrong without naming files or internals. */
export const STORAGE_ERRORS = {
  full: { code: 'STORAGE_FULL', message: 'the disk holding the database is full', retryAfter: 60 },
  readonly: { code: 'STORAGE_READONLY', message: 'the database is read-only', retryAfter: 60 },
  busy: { code: 'STORAGE_BUSY', message: 'the database is busy (another process holds its write lock)', retryAfter: 5 },
  io: { code: 'STORAGE_IO', message: 'the database could not be read or written (I/O error)', retryAfter: 30 },
  corrupt: { code: 'STORAGE_CORRUPT', message: 'the database file is damaged; an operator must restore it', retryAfter: 300 },
  moved: {
    code: 'STORAGE_MOVED',
    message: 'the database file was deleted or replaced while the service ran; it must be restarted',
    retryAfter: 60,
  },
} as const satisfies Record<StorageFaultKind, { code: string; message: string; retryAfter: number }>

/** Storage unavailable: nothing was stored (or acknowledged); the client should retry later. */
export class StorageError extends AppError {
  constructor(
    readonly kind: StorageFaultKind,
    override readonly cause?: unknown,
  ) {
    const e = STORAGE_ERRORS[kind]
    super(503, e.code, `storage unavailable: ${e.message}; nothing was stored — retry later`)
    this.headers = { 'retry-after': String(e.retryAfter) }
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
    const code = typeof e.code === 'string' ? e.code : 'BAD_REQUEST'
    const message = e.statusCode === 413 ? `request body is larger than ${bodyLimit} bytes` : String(e.message)
    return new AppError(e.statusCode, code, message)
  }
  return new AppError(500, 'INTERNAL', 'internal error; the request id in the log tells what happened')
}

/**
 * A request Node's HTTP parser refused before any route saw it (`clientError`), by Node's error code:
 * headers past the limit, a request that never finished arriving, or bytes that are not HTTP/1.1.
 */
export function clientErrorOf(nodeCode: string | undefined): AppError {
  if (nodeCode === 'HPE_HEADER_OVERFLOW') {
    return new AppError(431, 'HEADERS_TOO_LARGE', 'the request headers are larger than 16 KiB')
  }
  if (nodeCode === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError(408, 'REQUEST_TIMEOUT', 'the request did not arrive in time')
  }
  return new AppError(400, 'MALFORMED_REQUEST', 'the request is not valid HTTP/1.1')
}

/** The router refused the path before any route ran: a parameter past 100 characters, or bad percent-encoding. */
export function routerErrorOf(fastifyCode: string): AppError {
  if (fastifyCode === 'FST_ERR_MAX_PARAM_LENGTH') {
    const why = 'a path segment is longer than 100 characters (order numbers have at most 50)'
    return new AppError(414, 'PATH_TOO_LONG', why)
  }
  return new BadRequestError('BAD_URL', 'the URL path is not valid percent-encoded UTF-8')
}
