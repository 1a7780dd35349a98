// Builds dist/ once before the suite: the CLI tests run the real command as a child process.

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export default function setup(): void {
  // SKIP_BUILD=1 while iterating on one file with a tree that does not compile yet.
  if (process.env.SKIP_BUILD === '1') return
  const root = fileURLToPath(new URL('..', import.meta.url))
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  })
}
