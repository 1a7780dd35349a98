// Shipment notice fixtures and a helper that POSTs one to /shipstation?action=shipnotify through the real app.

import { readFileSync } from 'node:fs'
import type { LightMyRequestResponse } from 'fastify'
import { SS_BASIC, type TestApp } from './app.js'

/** The raw bytes of fixtures/notices/<name>. */
export function noticeBytes(name: string): Buffer {
  return readFileSync(new URL(`../../fixtures/notices/${name}`, import.meta.url))
}

export function noticeText(name: string): string {
  return noticeBytes(name).toString('utf8')
}

export interface PostOptions {
  /** Query parameters after action=shipnotify (already encoded). */
  query?: string
  /** null sends no Content-Type header at all. */
  contentType?: string | null
  /** Authorization header; null sends none. */
  authorization?: string | null
}

export function postNotice(t: TestApp, body: string | Buffer, opts: PostOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {}
  const auth = opts.authorization === undefined ? SS_BASIC : opts.authorization
  if (auth !== null) headers.authorization = auth
  const type = opts.contentType === undefined ? 'text/xml; charset=utf-8' : opts.contentType
  if (type !== null) headers['content-type'] = type
  const query = opts.query ? `&${opts.query}` : ''
  return t.app.inject({ method: 'POST', url: `/shipstation?action=shipnotify${query}`, headers, payload: body })
}
