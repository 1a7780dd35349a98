// A query-string parameter by name in any letter case, every occurrence: so a repeat can never go unnoticed.

/**
 * All values given for `name`, matched case-insensitively (`action`, `ACTION` and `Action` are one parameter;
 * ShipStation's own examples spell `SS-UserName` one way, its plugins another). A parsed query holds a repeated
 * name as an array: every element is returned. Values that are not strings are returned as they are.
 */
export function paramValues(query: unknown, name: string): unknown[] {
  if (typeof query !== 'object' || query === null) return []
  const wanted = name.toLowerCase()
  const out: unknown[] = []
  for (const [k, v] of Object.entries(query)) {
    if (k.toLowerCase() !== wanted) continue
    if (Array.isArray(v)) out.push(...(v as unknown[]))
    else out.push(v)
  }
  return out
}
