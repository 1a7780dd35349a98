// A tiny HTML reader for tests: the text of an element by id, and a table's rows as cell texts.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" }

/** Tags removed, entities decoded, whitespace collapsed. */
export function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The outer HTML of the element with this id (elements of the same tag nested inside are counted). */
export function byId(html: string, id: string): string {
  const open = new RegExp(`<([a-z0-9]+)[^>]*\\sid="${id}"[^>]*>`, 'i').exec(html)
  if (!open?.[1]) throw new Error(`no element with id "${id}"`)
  const tag = open[1]
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi')
  re.lastIndex = open.index + open[0].length
  let depth = 1
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) return html.slice(open.index, m.index + m[0].length)
  }
  throw new Error(`element "${id}" is not closed`)
}

export interface Row {
  /** The <tr>'s attributes as written, e.g. `class="problem" data-code="X"`. */
  attrs: string
  cells: string[]
}

/** The body rows of a table (header rows with <th> only are left out). */
export function rows(tableHtml: string): Row[] {
  const out: Row[] = []
  for (const m of tableHtml.matchAll(/<tr([^>]*)>([\s\S]*?)<\/tr>/gi)) {
    const cells = [...(m[2] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/gi)].map((c) => text(c[1] ?? ''))
    if (cells.length > 0) out.push({ attrs: (m[1] ?? '').trim(), cells })
  }
  return out
}

/** Every value of a named hidden input (e.g. the form tokens). */
export function inputValues(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`, 'g'))].map((m) => m[1] ?? '')
}
