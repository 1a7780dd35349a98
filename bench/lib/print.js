// Prints a bench result as an aligned table (used by run.js and by each bench run on its own).

export function printResult(r) {
  console.log(`\n## ${r.title}\n`)
  const width = Math.max(...r.rows.map((row) => row.label.length))
  for (const row of r.rows) console.log(`  ${row.label.padEnd(width)}  ${String(row.value).padStart(13)} ${row.unit}`)
}

/** `node bench/<name>.js` runs that bench alone. */
export async function runIfMain(meta, run) {
  const { fileURLToPath } = await import('node:url')
  if (process.argv[1] === fileURLToPath(meta.url)) printResult(await run())
}

/** A bench result as a Markdown section, for the committed results files. */
export function markdownSection(r) {
  return [
    `## ${r.title}`,
    '',
    '| measure | value | unit |',
    '|---|---:|---|',
    ...r.rows.map((row) => `| ${row.label} | ${row.value} | ${row.unit} |`),
    '',
  ]
}
