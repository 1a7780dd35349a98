// The logging surface services need: pino's call shape, so Fastify's logger fits as it is.

export interface Logger {
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
