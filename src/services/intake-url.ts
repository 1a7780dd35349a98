// The createorder URL a seller's site posts to, with the key pair in Sophio's `authentication=` form.

/** `POST {origin}/createorder.wws?action=CREATE&authentication=BASE64(key:secret)`, ready to paste. */
export function createOrderUrl(publicUrl: string, apiKey: string, apiSecret: string): string {
  const token = Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')
  const base = publicUrl.replace(/\/shipstation$/, '')
  return `${base}/createorder.wws?action=CREATE&authentication=${encodeURIComponent(token)}`
}
