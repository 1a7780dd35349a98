// Server-side HTML: a tagged template that escapes every interpolated value unless it is already Html.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

/** Markup from a trusted constant (never from data). */
export function raw(markup: string): Html {
  return new Html(markup)
}

function render(v: unknown): string {
  if (v instanceof Html) return v.value
  if (v === null || v === undefined || v === false) return ''
  if (Array.isArray(v)) return v.map(render).join('')
  return escapeHtml(String(v))
}

/** `html\`<td>${value}</td>\``: values are escaped (attributes included); arrays are joined; null/false vanish. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '')
  return new Html(out)
}
