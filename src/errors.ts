// The catalogue of errors a request can meet: each with a stable code and an HTTP status.

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
