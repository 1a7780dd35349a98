#!/usr/bin/env node
// The `sophio-shipstation` command: runs the compiled CLI (`npm install` or `npm run build` makes dist/).
import { existsSync } from 'node:fs'

const cli = new URL('../dist/cli/index.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write(
    'sophio-shipstation: dist/ is missing: run `npm run build` (it needs the dev dependencies; README, "Running in production").\n',
  )
  process.exit(2)
}
const { runCli } = await import(cli.href)
process.exitCode = await runCli(process.argv.slice(2))
