// Sophio API credentials for tests, and request helpers for the JSON API.

export const API_KEY = 'sophio-test-key'
export const API_SECRET = 'sophio-test-secret-0123'
export const API_ENV = { SOPHIO_API_KEY: API_KEY, SOPHIO_API_SECRET: API_SECRET }
/** `authentication=` value as Sophio documents it: BASE64(apiKey:apiSecret). */
export const API_TOKEN = Buffer.from(`${API_KEY}:${API_SECRET}`).toString('base64')
export const API_BASIC = `Basic ${API_TOKEN}`

export function createOrderUrl(token: string | null = API_TOKEN): string {
  return `/createorder.wws?action=CREATE${token === null ? '' : `&authentication=${encodeURIComponent(token)}`}`
}
