// Builds dist/ before the suite (when it is not the build of src/ already): the CLI tests run the real command.

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  // SKIP_BUILD=1 while iterating on one file with a tree that does not compile yet.
  if (process.env.SKIP_BUILD === '1') return
  const root = fileURLToPath(new URL('..', import.meta.url))
  execFileSync(process.execPath, ['scripts/build.js', '--if-stale'], { cwd: root, stdio: 'inherit' })
}
