#!/usr/bin/env node
// `npm run build`: compiles src/ into dist/. `--if-stale` (npm's prepare): only when dist/ is not the build of
// src/, and where TypeScript is not installed (`npm ci --omit=dev`) it says what to do instead of failing.
import { build, buildState, compiler } from './build-state.js'

if (process.argv.includes('--if-stale')) {
  const state = buildState()
  if (state === 'current') process.exit(0)
  if (!compiler()) {
    console.warn(
      `sophio-shipstation: dist/ is ${state} and TypeScript (a dev dependency) is not installed, so nothing was ` +
        'built. Build before pruning: npm ci (it builds dist/), then npm prune --omit=dev (README, "Running in production").',
    )
    process.exit(0)
  }
}
try {
  build()
} catch (err) {
  // tsc has printed its errors already.
  process.exit(typeof err.status === 'number' ? err.status : 1)
}
