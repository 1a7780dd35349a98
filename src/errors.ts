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

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message)
  }
}
