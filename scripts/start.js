#!/usr/bin/env node
// `npm start`: runs the built service, in this process; builds first only when dist/ is missing or stale.
import { build, buildState, compiler } from './build-state.js'

const state = buildState()
if (state !== 'current') {
  const tsc = compiler()
  const what = state === 'missing' ? 'dist/ is missing' : 'dist/ is not the build of src/ as it is now'
  if (!tsc) {
    console.error(
      `sophio-shipstation: ${what}, and TypeScript (a dev dependency) is not installed to build it. Build where ` +
        'the dev dependencies are installed: npm ci (it builds dist/), then npm prune --omit=dev (README, "Running in production").',
    )
    process.exit(2)
  }
  console.error(`sophio-shipstation: ${what}: building (npm run build)…`)
  try {
    build(tsc)
  } catch {
    process.exit(1)
  }
}
try {
  await import('../dist/server.js')
} catch (err) {
  // An error while loading (the SQLite driver missing, say): the message says what to do; the stack adds nothing.
  console.error(`sophio-shipstation: failed to start: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}
