// Plain-text tables for the terminal: columns padded to their widest cell, numbers aligned right.

export interface Column {
  header: string
  right?: boolean
}

export function textTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    indent +
    columns
      .map((c, i) => {
        const cell = cells[i] ?? ''
        const w = widths[i] ?? 0
        // The last left-aligned column is not padded: no trailing spaces.
        if (i === columns.length - 1 && !c.right) return cell
        return c.right ? cell.padStart(w) : cell.padEnd(w)
      })
      .join('  ')
  return `${[line(columns.map((c) => c.header)), ...rows.map(line)].join('\n')}\n`
}
